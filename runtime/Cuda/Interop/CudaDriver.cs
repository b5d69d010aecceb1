using System.Runtime.InteropServices;

namespace Translate.Runtime.Cuda.Interop;

/// <summary>A CUDA driver call that returned an error: the call, the CUresult, its name and description.</summary>
public sealed class CudaException(string call, int code, string message) : Translate.Runtime.Gpu.GpuApiException(call, code, message);

/// <summary>Turns CUresults into exceptions naming the call, with the driver's own name and text for the code.</summary>
internal static class CudaDriver
{
    public static void Check(int result, string call)
    {
        if (result != 0) throw new CudaException(call, result, $"{call} failed: {Describe(result)}");
    }

    /// <summary>"CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)", from cuGetErrorName/cuGetErrorString.</summary>
    public static string Describe(int result)
    {
        string name = CudaNative.cuGetErrorName(result, out var n) == 0 && n != 0 ? Marshal.PtrToStringUTF8(n)! : $"CUresult {result}";
        string text = CudaNative.cuGetErrorString(result, out var t) == 0 && t != 0 ? Marshal.PtrToStringUTF8(t)! : "unknown error";
        return $"{name} ({text})";
    }
}
