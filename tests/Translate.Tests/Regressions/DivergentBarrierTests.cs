using Translate.Backends.Cpu;
using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Tests.Regressions;

/// <summary>
/// tests/programs/divergentBarriers/: barriers that only some threads of a block reach, with no barrier after them (a
/// list-ranking loop whose trip count is the thread's own, under <c>if (index &lt; size)</c>, as HeCBench wyllie; a partial
/// last block; a loop left by break). CUDA calls them undefined; NVIDIA GPUs wait only for the threads that have not
/// exited, and so do cpu and opencl, warning once per construct where the threads part (TR0321). The interpreter runs
/// the program as it is (its exited threads do not hold a barrier up either); cpu under <c>--check</c> keeps TR0307.
/// </summary>
public class DivergentBarrierTests
{
    private static string Program => Path.Combine(Repository.Root, "tests", "programs", "divergentBarriers", "partedThreads.cu");

    [Fact]
    public void The_interpreter_runs_the_program_as_written_without_a_warning()
    {
        var run = RegressionProgramTests.LiftAndRun(Program, "interp");
        RegressionProgramTests.Passed("interp", run);
        Assert.DoesNotContain("TR0321", run.Stderr);
    }

    [RequiresFact(Need.Cpu)]
    public void On_cpu_the_threads_that_left_wait_as_exited_ones_with_one_warning_per_construct() => PassesWithWarnings("cpu");

    [RequiresFact(Need.OpenCl)]
    public void On_opencl_the_threads_that_left_wait_as_exited_ones_with_one_warning_per_construct() => PassesWithWarnings("opencl");

    private static void PassesWithWarnings(string device)
    {
        var run = RegressionProgramTests.LiftAndRun(Program, device);
        RegressionProgramTests.Passed(device, run);
        Assert.Equal(RegressionProgramTests.LiftAndRun(Program, "interp").Stdout, run.Stdout);
        var lines = run.Stderr.Split('\n').Where(l => l.Contains("warning TR0321")).Select(l => l.Split(':')[1]).ToList();
        // The while of rankList, the if of neighbourSums, the for of uneven.
        Assert.Equal(["14", "26", "41"], lines);
    }

    [RequiresFact(Need.Cpu)]
    public void Cpu_under_check_stops_with_TR0307()
    {
        var program = CudaFrontend.Translate(Program, new FrontendOptions()).Checked!;
        var device = ((CpuDevice)DeviceRegistry.Find("cpu")!).With(new CpuCompileOptions(CheckMemory: true));
        var e = Assert.Throws<DiagnosticException>(() => device.Run(program, new RunOptions([], TextWriter.Null, TextWriter.Null)));
        Assert.Equal(Codes.BarrierDivergence, e.Diagnostics[0].Code);
    }
}
