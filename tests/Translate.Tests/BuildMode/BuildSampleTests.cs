using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// Every sample, the C-style ones and those whose host code is real C++, builds with
/// <c>translate build</c> into a native executable that passes its own checks on the cpu device when
/// started from an unrelated working directory, and prints the same with its kernels in the reference
/// interpreter (every access, barrier and warp operation checked) and on the opencl device.
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

    private static string RunOn(string exe, string workingDirectory, string device)
    {
        var run = Executable.Run(exe, workingDirectory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
        Assert.True(run.ExitCode == 0, $"{device}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
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
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
