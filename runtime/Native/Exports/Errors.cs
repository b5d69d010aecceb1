using System.Runtime.InteropServices;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>CUDA's error queries: the calling thread's last error, and names and messages of codes.</summary>
internal static class Errors
{
    [UnmanagedCallersOnly(EntryPoint = "cudaGetLastError")]
    public static int GetLastError() => NativeRuntime.State.TakeLastError();

    [UnmanagedCallersOnly(EntryPoint = "cudaPeekAtLastError")]
    public static int PeekAtLastError() => NativeRuntime.State.PeekLastError();

    [UnmanagedCallersOnly(EntryPoint = "cudaGetErrorString")]
    public static nint GetErrorString(int error) => NativeStrings.Of(CudaErrorCodes.Text(error));

    [UnmanagedCallersOnly(EntryPoint = "cudaGetErrorName")]
    public static nint GetErrorName(int error) => NativeStrings.Of(CudaErrorCodes.Name(error));
}
