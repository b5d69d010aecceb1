using System.Runtime.InteropServices;

namespace Translate.Runtime.Hip.Interop;

/// <summary>Where the HIP runtime library is: the file names tried, and the first that loads here.</summary>
public static class HipLibrary
{
    /// <summary>ROCm 6, ROCm 5, then the unversioned development link.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["libamdhip64.so.6", "libamdhip64.so.5", "libamdhip64.so"];

    /// <summary>A handle of the first candidate that loads in this process (kept loaded), or 0 when HIP is absent.</summary>
    public static nint Load()
    {
        foreach (var candidate in Candidates)
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        return 0;
    }

    /// <summary>The first candidate that loads in this process, or null when HIP is absent.</summary>
    public static string? Find() => Candidates.FirstOrDefault(c =>
    {
        if (!NativeLibrary.TryLoad(c, out var h)) return false;
        NativeLibrary.Free(h);
        return true;
    });
}
