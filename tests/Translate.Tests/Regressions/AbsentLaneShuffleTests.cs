using Translate.Backends.Cpu;
using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;
using Translate.Tests.BuildMode;
using Translate.Tests.Cli;

namespace Translate.Tests.Regressions;

/// <summary>
/// tests/programs/absentLanes/: shuffles that read lanes taking no part (NVIDIA's reduction sample reduces its final
/// warp with a ballot's mask and reads lanes 16 and 8 outside it; a 20-thread block reads past its end). CUDA leaves
/// the value undefined; NVIDIA GPUs give 0 and programs rely on it. cpu and opencl give 0 too and warn once, naming
/// the line (TR0319); the interpreter and cpu under <c>--check</c> stop with TR0308, so such code can be found.
/// </summary>
public class AbsentLaneShuffleTests
{
    private static string Program => Path.Combine(Repository.Root, "tests", "programs", "absentLanes", "reduceFinalWarp.cu");

    [RequiresFact(Need.Cpu)]
    public void On_cpu_an_absent_lane_reads_as_zero_with_one_warning() => ReadsZeroWithOneWarning("cpu");

    [RequiresFact(Need.OpenCl)]
    public void On_opencl_an_absent_lane_reads_as_zero_with_one_warning() => ReadsZeroWithOneWarning("opencl");

    private static void ReadsZeroWithOneWarning(string device)
    {
        var run = RegressionProgramTests.LiftAndRun(Program, device);
        RegressionProgramTests.Passed(device, run);
        var warning = Assert.Single(run.Stderr.Split('\n'), l => l.Contains("TR0319"));
        Assert.Contains("reduceFinalWarp.cu:9:", warning);
        Assert.Contains("warning", warning);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_built_executable_warns_once_on_stderr_naming_the_kernel_and_the_line()
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "program");
        var build = CliRunner.Run("build", Program, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu" });
        RegressionProgramTests.Passed("cpu", (run.Stdout, run.ExitCode, run.Stderr));
        var warning = Assert.Single(run.Stderr.Split('\n'), l => l.Contains("TR0319"));
        Assert.Contains("kernel 'blockSums'", warning);
        Assert.Contains("reduceFinalWarp.cu:9:", warning);
    }

    [Fact]
    public void The_interpreter_stops_with_TR0308_naming_the_lane_read()
    {
        var e = Assert.Throws<DiagnosticException>(() => RegressionProgramTests.LiftAndRun(Program, "interp"));
        Assert.Equal(Codes.WarpDivergence, e.Diagnostics[0].Code);
        Assert.Contains("reads lane 16", e.Diagnostics[0].Message);
    }

    [RequiresFact(Need.Cpu)]
    public void Cpu_under_check_stops_with_TR0308()
    {
        var program = CudaFrontend.Translate(Program, new FrontendOptions()).Checked!;
        var device = ((CpuDevice)DeviceRegistry.Find("cpu")!).With(new CpuCompileOptions(CheckMemory: true));
        var e = Assert.Throws<DiagnosticException>(() => device.Run(program, new RunOptions([], TextWriter.Null, TextWriter.Null)));
        Assert.Equal(Codes.WarpDivergence, e.Diagnostics[0].Code);
        Assert.Equal(9, e.Diagnostics[0].Location.Line);
    }
}
