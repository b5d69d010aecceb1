using System.Runtime.InteropServices;

namespace Translate.Runtime.Hip.Interop;

/// <summary>A HIP call that returned an error: the call, the hipError_t, its name and description.</summary>
public sealed class HipException(string call, int code, string message) : Translate.Runtime.Gpu.GpuApiException(call, code, message);

/// <summary>Turns hipError_t results into exceptions naming the call, with the runtime's own name and text for the code.</summary>
internal static class HipRuntime
{
    public static void Check(int result, string call)
    {
        if (result != 0) throw new HipException(call, result, $"{call} failed: {Describe(result)}");
    }

    /// <summary>"hipErrorNoDevice (no ROCm-capable device is detected)", from hipGetErrorName/hipGetErrorString.</summary>
    public static string Describe(int result)
    {
        nint n = HipNative.hipGetErrorName(result), t = HipNative.hipGetErrorString(result);
        return $"{(n != 0 ? Marshal.PtrToStringUTF8(n) : $"hipError_t {result}")} ({(t != 0 ? Marshal.PtrToStringUTF8(t) : "unknown error")})";
    }
}
