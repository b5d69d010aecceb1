using Translate.Ir.Diagnostics;
using Translate.Tests.Cli;
using Translate.Tests.Cpu;

namespace Translate.Tests.Regressions;

/// <summary>
/// The programs of tests/programs/divergentWarps/: warp operations under conditions the lanes of a warp
/// decide for themselves (a partial-mask scan in some lanes of warp 0, warp-aggregated atomics through
/// cg::coalesced_threads, loops whose trip count differs per lane, left by break and return). The lanes
/// on each side run the operations together with exactly each other: interp (the reference) and cpu
/// print the same and pass. opencl exchanges warp values through work-group barriers, which every
/// work-item must reach, so it may refuse such a program with TR0503 (docs/ir/warps.md); if it runs
/// one, it must print the same.
/// </summary>
public class DivergentWarpProgramTests
{
    private static string Folder => Path.Combine(Repository.Root, "tests", "programs", "divergentWarps");

    public static TheoryData<string> Programs =>
        new(Directory.EnumerateFiles(Folder, "*.cu").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [RequiresTheory(Need.Cpu)]
    [MemberData(nameof(Programs))]
    public void Lanes_on_each_side_of_a_condition_run_warp_operations_together_on_interp_and_cpu(string name)
    {
        var reference = Run(name, "interp");
        RegressionProgramTests.Passed("interp", reference);
        var cpu = Run(name, "cpu");
        RegressionProgramTests.Passed("cpu", cpu);
        Assert.Equal(reference.Stdout, cpu.Stdout);
    }

    [RequiresTheory(Need.OpenCl)]
    [MemberData(nameof(Programs))]
    public void Opencl_runs_them_the_same_or_refuses_with_TR0503(string name)
    {
        (string Stdout, int Status, string Stderr) run;
        try { run = Run(name, "opencl"); }
        catch (DiagnosticException e) when (e.Diagnostics.All(d => d.Code == Codes.DivergentCollective))
        {
            return; // refused where the program runs its warp operations: the known limit, not a wrong answer
        }
        RegressionProgramTests.Passed("opencl", run);
        Assert.Equal(Run(name, "interp").Stdout, run.Stdout);
    }

    private static (string Stdout, int Status, string Stderr) Run(string name, string device) =>
        RegressionProgramTests.LiftAndRun(Path.Combine(Folder, name), device);
}
