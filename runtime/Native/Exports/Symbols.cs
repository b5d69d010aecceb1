using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;
using static Translate.Ir.Semantics.Externals.MemcpyKind;

namespace Translate.Runtime.Native.Exports;

/// <summary>__device__ and __constant__ variables, reached from the host through their host shadows.</summary>
internal static unsafe class Symbols
{
    /// <summary>The device address of the variable whose host shadow is <paramref name="symbol"/>, with its size; 0 when unknown.</summary>
    private static (nint Address, long Size, int Error) Resolve(nint symbol)
    {
        RegisteredVariable? v;
        lock (NativeRuntime.Gate) v = NativeRuntime.Variables.GetValueOrDefault(symbol);
        if (v?.IrName is null) return (0, 0, CudaErrorCodes.InvalidSymbol);
        var host = v.Image.Host();
        if (host is null) return (0, 0, CudaErrorCodes.InvalidKernelImage);
        var address = host.GlobalAddress(v.IrName);
        return address == 0 ? (0, 0, CudaErrorCodes.InvalidSymbol) : (address, v.Size, 0);
    }

    /// <summary>Whether [p, p+count) lies in a device variable (only variables already resolved are known).</summary>
    public static bool IsDeviceVariable(nint p, long count)
    {
        lock (Resolved)
            foreach (var (start, size) in Resolved)
                if (p >= start && p + count <= start + size) return true;
        return false;
    }

    private static readonly List<(nint Start, long Size)> Resolved = [];

    private static (nint Address, long Size, int Error) ResolveAndRemember(nint symbol)
    {
        var r = Resolve(symbol);
        if (r.Error == 0) Remember(r.Address, r.Size);
        return r;
    }

    /// <summary>Makes [address, address+size), a device variable, a valid end of copies (the driver API's cuModuleGetGlobal too).</summary>
    internal static void Remember(nint address, long size)
    {
        lock (Resolved) if (!Resolved.Contains((address, size))) Resolved.Add((address, size));
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToSymbol")]
    public static int MemcpyToSymbol(nint symbol, nint src, nuint count, nuint offset, int kind) => StreamCapture.Synchronous(() => ToSymbol(symbol, src, count, offset, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToSymbolAsync")]
    public static int MemcpyToSymbolAsync(nint symbol, nint src, nuint count, nuint offset, int kind, nint stream) =>
        StreamCapture.Copy(stream, "copy to a symbol", () => ToSymbol(symbol, src, count, offset, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromSymbol")]
    public static int MemcpyFromSymbol(nint dst, nint symbol, nuint count, nuint offset, int kind) => StreamCapture.Synchronous(() => FromSymbol(dst, symbol, count, offset, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromSymbolAsync")]
    public static int MemcpyFromSymbolAsync(nint dst, nint symbol, nuint count, nuint offset, int kind, nint stream) =>
        StreamCapture.Copy(stream, "copy from a symbol", () => FromSymbol(dst, symbol, count, offset, kind));

    private static int ToSymbol(nint symbol, nint src, nuint count, nuint offset, int kind)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (kind is not (HostToDevice or DeviceToDevice or Default)) return NativeRuntime.Fail(CudaErrorCodes.InvalidMemcpyDirection);
        var (address, size, error) = ResolveAndRemember(symbol);
        if (error != 0) return NativeRuntime.Fail(error);
        if ((long)offset + (long)count > size) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return Memory.Copy(address + (nint)offset, src, count, kind == HostToDevice ? HostToDevice : Default);
    }

    private static int FromSymbol(nint dst, nint symbol, nuint count, nuint offset, int kind)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (kind is not (DeviceToHost or DeviceToDevice or Default)) return NativeRuntime.Fail(CudaErrorCodes.InvalidMemcpyDirection);
        var (address, size, error) = ResolveAndRemember(symbol);
        if (error != 0) return NativeRuntime.Fail(error);
        if ((long)offset + (long)count > size) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return Memory.Copy(dst, address + (nint)offset, count, kind == DeviceToHost ? DeviceToHost : Default);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetSymbolAddress")]
    public static int GetSymbolAddress(nint* devicePointer, nint symbol)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        var (address, _, error) = ResolveAndRemember(symbol);
        if (error != 0) return NativeRuntime.Fail(error);
        *devicePointer = address;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetSymbolSize")]
    public static int GetSymbolSize(nuint* size, nint symbol)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        var (_, bytes, error) = ResolveAndRemember(symbol);
        if (error != 0) return NativeRuntime.Fail(error);
        *size = (nuint)bytes;
        return CudaErrorCodes.Success;
    }
}
