using System.Runtime.InteropServices;

namespace Translate.DeviceContract;

/// <summary>
/// The C strings the runtime API hands to native code (cudaGetErrorString, cudaGetErrorName, a device's
/// name, a kernel's name): one NUL-terminated UTF-8 copy of each text, which lives as long as the process,
/// as CUDA's own strings do.
/// </summary>
public static class NativeStrings
{
    private static readonly Dictionary<string, nint> Copies = [];

    public static nint Of(string text)
    {
        lock (Copies)
        {
            if (!Copies.TryGetValue(text, out var p)) Copies[text] = p = Marshal.StringToCoTaskMemUTF8(text);
            return p;
        }
    }
}
