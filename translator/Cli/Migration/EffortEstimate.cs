namespace Translate.Cli.Migration;

/// <summary>How much manual work one diagnostic asks for, in SYCLomatic's three levels plus none.</summary>
internal enum EffortLevel
{
    /// <summary>Nothing to do in the code: a consequence of another diagnostic, or a setup problem.</summary>
    None,
    /// <summary>Check and fix in minutes (a warning to read, a flag to add).</summary>
    Low,
    /// <summary>Rewrite one construct by hand, or report a translator bug and work around it: hours.</summary>
    Medium,
    /// <summary>Nothing equivalent exists here: the functionality must be written anew (a library, assembly).</summary>
    High,
}

/// <summary>
/// The effort estimate of the migration summary: each diagnostic weighs the hours of its code's level;
/// a file's estimate is the sum over its diagnostics, the batch's the sum over files. It is exact in the
/// sense that it counts every diagnostic once, from the real results, never a sample — but the weights
/// are a convention, listed in docs/migration-effort.md (a test keeps that page equal to this table).
/// </summary>
internal static class EffortEstimate
{
    /// <summary>Hours of manual work per level.</summary>
    public static double HoursOf(EffortLevel level) => level switch
    {
        EffortLevel.Low => 0.25,
        EffortLevel.Medium => 2,
        EffortLevel.High => 8,
        _ => 0,
    };

    /// <summary>The level of every code in a range unless <see cref="Exceptions"/> names it; keyed by the code's first two digits.</summary>
    public static readonly IReadOnlyList<(string Range, EffortLevel Level, string Why)> Ranges =
    [
        ("TR00", EffortLevel.None, "in a migration, reading and type errors come only with TR0412 and are counted there"),
        ("TR01", EffortLevel.None, "as TR00xx"),
        ("TR02", EffortLevel.None, "as TR00xx"),
        ("TR03", EffortLevel.None, "found only while running a program, never by migrate"),
        ("TR04", EffortLevel.Medium, "a construct the frontend did not translate: rewrite it by hand"),
        ("TR05", EffortLevel.Medium, "a construct the OpenCL target cannot take: rewrite it"),
        ("TR06", EffortLevel.None, "an output or batch problem, not code"),
        ("TR07", EffortLevel.Medium, "a construct the SPIR-V target cannot take: rewrite it"),
        ("TR08", EffortLevel.Medium, "a construct the GPU targets cannot take: rewrite it"),
        ("TR09", EffortLevel.Low, "a file or command-line problem"),
    ];

    /// <summary>Codes whose level differs from their range's.</summary>
    public static readonly IReadOnlyList<(string Code, EffortLevel Level, string Why)> Exceptions =
    [
        ("TR0402", EffortLevel.Low, "a clang warning: read it and check the code"),
        ("TR0408", EffortLevel.High, "a library function Translate does not offer: write its equivalent"),
        ("TR0409", EffortLevel.None, "translated once the function it uses is: counted at that function"),
        ("TR0410", EffortLevel.High, "inline assembly: rewrite it in C++"),
        ("TR0411", EffortLevel.None, "libclang missing: a setup step, not code"),
        ("TR0506", EffortLevel.None, "an OpenCL runtime call failed: a device problem, not code"),
        ("TR0507", EffortLevel.Low, "an OpenCL compiler warning: read it"),
        ("TR0509", EffortLevel.None, "the device takes no SPIR-V: a device property, not code"),
        ("TR0602", EffortLevel.Low, "fix the compilation database"),
        ("TR0603", EffortLevel.Medium, "a backend bug: report it and work around the construct"),
        ("TR0604", EffortLevel.High, "relocatable device code: restructure into one translation unit"),
        ("TR0803", EffortLevel.Low, "name a known GPU architecture"),
        ("TR0903", EffortLevel.None, "a device choice, not code"),
        ("TR0904", EffortLevel.None, "an input kind the command does not take, not code"),
    ];

    public static EffortLevel LevelOf(string code)
    {
        foreach (var e in Exceptions)
            if (e.Code == code) return e.Level;
        foreach (var r in Ranges)
            if (code.StartsWith(r.Range, StringComparison.Ordinal)) return r.Level;
        return EffortLevel.Medium; // a code from outside every range: assume a construct to rewrite
    }

    /// <summary>The estimate of one file: the sum of its diagnostics' weights.</summary>
    public static double Hours(IEnumerable<DiagnosticReport> diagnostics) => diagnostics.Sum(d => HoursOf(LevelOf(d.Code)));
}
