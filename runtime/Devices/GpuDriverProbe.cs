using System.Runtime.InteropServices;

namespace Translate.Runtime.Devices;

/// <summary>Looks for a GPU driver library by loading it, as the device would (no fake device when it is absent).</summary>
internal static class GpuDriverProbe
{
    /// <summary>True when <paramref name="library"/> loads in this process.</summary>
    public static bool Loads(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
