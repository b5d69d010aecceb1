using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Runtime API functions our headers declare but the runtime does not implement yet. Each one exists,
/// so programs that merely mention it link; called, it returns cudaErrorNotSupported (recorded as the
/// last error) and says so once on stderr with TR0620 — never an unresolved symbol, never a silent
/// no-op. The arguments are not read: under the SysV ABI the caller owns them, so ignoring them is safe.
/// </summary>
internal static class Unsupported
{
    private static readonly HashSet<string> Reported = [];

    /// <summary>
    /// A use of an implemented function that the runtime does not support (a parameter or mode): says so
    /// once with TR0620 and gives cudaErrorNotSupported (not recorded; the caller returns it through Fail).
    /// </summary>
    internal static int Refuse(string what)
    {
        Report(what, "cudaErrorNotSupported");
        return CudaErrorCodes.NotSupported;
    }

    /// <summary>Says once, with TR0620, that <paramref name="what"/> is not implemented and what it returns instead.</summary>
    internal static void Report(string what, string returns)
    {
        lock (Reported)
            if (Reported.Add(what))
                LibcStreams.ErrorLine($"translate runtime: error {Codes.RuntimeApiNotImplemented.Id}: {what} is not implemented yet; it returns {returns}");
    }

    private static int NotSupported(string function)
    {
        Report(function, "cudaErrorNotSupported");
        return NativeRuntime.Precondition() is var pre and not 0 ? pre : NativeRuntime.Fail(CudaErrorCodes.NotSupported);
    }

    // Arrays and mipmapped arrays (textures and surfaces read them).
    [UnmanagedCallersOnly(EntryPoint = "cudaMallocMipmappedArray")] public static int MallocMipmappedArray() => NotSupported("cudaMallocMipmappedArray");
    [UnmanagedCallersOnly(EntryPoint = "cudaFreeMipmappedArray")] public static int FreeMipmappedArray() => NotSupported("cudaFreeMipmappedArray");
    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DArrayToArray")] public static int Memcpy2DArrayToArray() => NotSupported("cudaMemcpy2DArrayToArray");
    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyArrayToArray")] public static int MemcpyArrayToArray() => NotSupported("cudaMemcpyArrayToArray");
    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy3DPeer")] public static int Memcpy3DPeer() => NotSupported("cudaMemcpy3DPeer");
    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy3DPeerAsync")] public static int Memcpy3DPeerAsync() => NotSupported("cudaMemcpy3DPeerAsync");
    [UnmanagedCallersOnly(EntryPoint = "cudaMemRangeGetAttribute")] public static int MemRangeGetAttribute() => NotSupported("cudaMemRangeGetAttribute");

    // Inter-process sharing.
    [UnmanagedCallersOnly(EntryPoint = "cudaIpcGetEventHandle")] public static int IpcGetEventHandle() => NotSupported("cudaIpcGetEventHandle");
    [UnmanagedCallersOnly(EntryPoint = "cudaIpcOpenEventHandle")] public static int IpcOpenEventHandle() => NotSupported("cudaIpcOpenEventHandle");
    [UnmanagedCallersOnly(EntryPoint = "cudaIpcGetMemHandle")] public static int IpcGetMemHandle() => NotSupported("cudaIpcGetMemHandle");
    [UnmanagedCallersOnly(EntryPoint = "cudaIpcOpenMemHandle")] public static int IpcOpenMemHandle() => NotSupported("cudaIpcOpenMemHandle");
    [UnmanagedCallersOnly(EntryPoint = "cudaIpcCloseMemHandle")] public static int IpcCloseMemHandle() => NotSupported("cudaIpcCloseMemHandle");

    // Cooperative launches on several devices and launches with attributes.
    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchCooperativeKernelMultiDevice")] public static int LaunchCooperativeKernelMultiDevice() => NotSupported("cudaLaunchCooperativeKernelMultiDevice");
    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchKernelExC")] public static int LaunchKernelExC() => NotSupported("cudaLaunchKernelExC");
}
