using System.Runtime.InteropServices;

namespace Translate.Runtime.OpenCl.Interop;

/// <summary>
/// Settings for PoCL, the OpenCL driver of CPUs, given through its environment before the ICD loader starts it; a
/// value the user set is kept. Other drivers ignore them.
/// </summary>
public static partial class PoclSettings
{
    /// <summary>
    /// <c>POCL_WORK_GROUP_METHOD=loops</c>: with the variable unset, PoCL 3.1 vectorized the work-item loop of a kernel
    /// whose private <c>char[4]</c> array is stored at a run-time index and lost a later store to it in every work-item
    /// (the CUDA fuzzer's seed 315, reproduced with a plain OpenCL host: right with <c>-cl-opt-disable</c> and with the
    /// variable set to "loops", "cbs" or "auto"). Work-item loops gave the same results over the fuzzers' campaigns and
    /// the test suite.
    /// </summary>
    public const string WorkGroupMethod = "POCL_WORK_GROUP_METHOD";

    private static int _applied;

    /// <summary>The work-group method PoCL compiles with: part of a cached binary's key (<see cref="ProgramCache"/>).</summary>
    public static string EffectiveWorkGroupMethod => Environment.GetEnvironmentVariable(WorkGroupMethod) ?? "loops";

    /// <summary>Whether an OpenCL platform is PoCL (by the name its ICD reports).</summary>
    public static bool IsPocl(string platformName) => platformName.Contains("Portable Computing Language", StringComparison.Ordinal);

    internal static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1) return;
        // .NET's Environment.SetEnvironmentVariable does not reach the C library's environment, which PoCL reads.
        if (Environment.GetEnvironmentVariable(WorkGroupMethod) is null) Setenv(WorkGroupMethod, "loops", 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Setenv(string name, string value, int overwrite);
}
