using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// Every sample, the C-style ones and those whose host code is real C++, builds with
/// <c>translate build</c> into a native executable that passes its own checks on the cpu device when
/// started from an unrelated working directory, and prints the same with its kernels in the reference
/// interpreter (every access, barrier and warp operation checked) and on the opencl device, and again with
/// every launch of the compiled devices verified against the interpreter (TRANSLATE_VERIFY=interp).
/// </summary>
public class BuildSampleTests
{
    public static TheoryData<string> CSamples => new(Repository.SampleNames);
    public static TheoryData<string> CxxSamples => new(Repository.CxxSampleNames);

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(CSamples))]
    public void A_C_style_sample_builds_and_passes_as_an_executable(string name) => BuildAndRun(Repository.SamplePath(name));

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(CxxSamples))]
    public void A_sample_with_CPlusPlus_host_code_builds_and_passes_as_an_executable(string name) => BuildAndRun(Repository.CxxSamplePath(name));

    [RequiresFact(Need.BuildMode)]
    public void There_are_at_least_five_samples_with_CPlusPlus_host_code() =>
        Assert.True(Repository.CxxSampleNames.Count >= 5, string.Join(", ", Repository.CxxSampleNames));

    private static string RunOn(string exe, string workingDirectory, string device, string? verify = null)
    {
        var environment = new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device };
        if (verify is not null) environment["TRANSLATE_VERIFY"] = verify;
        var run = Executable.Run(exe, workingDirectory, environment);
        Assert.True(run.ExitCode == 0, $"{device} (verify {verify}): exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.DoesNotContain("TR0612", run.Stderr);
        Assert.Contains("PASSED", run.Stdout);
        Assert.DoesNotContain("FAILED", run.Stdout);
        return run.Stdout;
    }

    private static void BuildAndRun(string source)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "program");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var elsewhere = Directory.CreateTempSubdirectory("translate-run-elsewhere-").FullName;
        try
        {
            var onCpu = RunOn(exe, elsewhere, "cpu");
            foreach (var device in Requirements.BuildModeDeviceNames.Where(d => d != "cpu"))
                Assert.Equal(onCpu, RunOn(exe, elsewhere, device));
            foreach (var device in Requirements.BuildModeDeviceNames.Where(d => d != "interp"))
                Assert.Equal(onCpu, RunOn(exe, elsewhere, device, verify: "interp"));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
