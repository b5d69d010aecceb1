using Translate.Frontend;
using Translate.Runtime.Devices;
using Translate.Tests.BuildMode;
using Translate.Tests.Cli;
using Translate.Tests.Cpu;

namespace Translate.Tests.Regressions;

/// <summary>
/// The self-checking programs of tests/programs/ (each a bug that once gave a wrong answer or a refusal
/// on some device, and its neighbours) print the same text, say PASSED and exit 0 on every device:
/// those in the folder itself are lifted whole and run on interp, cpu and opencl; those in cxx/, whose
/// host code only build mode compiles, are built as executables and run on interp, then on every other device
/// with each launch verified against the interpreter (TRANSLATE_VERIFY=interp: the device's own results are what
/// the program reads, so a verified run is a plain run plus the comparison). Build mode runs kernels through the
/// same device compilers, so the others are not built too: it would double the time.
/// </summary>
public class RegressionProgramTests
{
    private static string Folder => Path.Combine(Repository.Root, "tests", "programs");

    private static IEnumerable<string> Names(string folder) =>
        Directory.EnumerateFiles(folder, "*.cu").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    /// <summary>Programs whose host code lifts too: relative paths.</summary>
    public static TheoryData<string> Whole => new(Names(Folder));

    /// <summary>Programs whose host code needs build mode, relative to tests/programs/.</summary>
    public static TheoryData<string> BuildOnly => new(Names(Path.Combine(Folder, "cxx")).Select(n => "cxx/" + n));

    [RequiresTheory(Need.Cpu)]
    [MemberData(nameof(Whole))]
    public void A_whole_program_prints_the_same_and_passes_on_interp_cpu_and_opencl(string name)
    {
        var reference = RunWhole(name, "interp").Stdout;
        Assert.Equal(reference, RunWhole(name, "cpu").Stdout);
        if (Requirements.Missing(Need.OpenCl) is null)
            Assert.Equal(reference, RunWhole(name, "opencl").Stdout);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(BuildOnly))]
    public void A_program_built_as_an_executable_prints_the_same_and_passes_on_every_device(string name)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "program");
        var build = CliRunner.Run("build", Path.Combine(Folder, name), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var reference = RunBuilt(exe, dir.Directory, "interp");
        foreach (var device in Requirements.BuildModeDeviceNames.Where(d => d != "interp"))
            Assert.Equal(reference, RunBuilt(exe, dir.Directory, device, verify: "interp"));
    }

    private static (string Stdout, int Status, string Stderr) RunWhole(string name, string device)
    {
        var run = LiftAndRun(Path.Combine(Folder, name), device);
        Passed(device, run);
        return run;
    }

    /// <summary>Lifts a whole program (host code too) and runs it on a device: its output and exit status.</summary>
    internal static (string Stdout, int Status, string Stderr) LiftAndRun(string path, string device)
    {
        var result = CudaFrontend.Translate(path, new FrontendOptions());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int status = DeviceRegistry.Find(device)!.Run(result.Checked!, new RunOptions([], stdout, stderr));
        return (stdout.ToString(), status, stderr.ToString());
    }

    private static string RunBuilt(string exe, string workingDirectory, string device, string? verify = null)
    {
        var environment = new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device };
        if (verify is not null) environment["TRANSLATE_VERIFY"] = verify;
        var run = Executable.Run(exe, workingDirectory, environment);
        Passed(device, (run.Stdout, run.ExitCode, run.Stderr));
        Assert.DoesNotContain("TR0612", run.Stderr);
        return run.Stdout;
    }

    internal static void Passed(string device, (string Stdout, int Status, string Stderr) run)
    {
        Assert.True(run.Status == 0, $"{device}: exit {run.Status}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("PASSED", run.Stdout);
        Assert.DoesNotContain("FAILED", run.Stdout);
    }
}
