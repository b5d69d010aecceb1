using System.Text.RegularExpressions;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// Under load the runtime stays right and its memory bounded: Programs/launchLoad.cu launches 100,000 small
/// kernels from 4 host threads on 8 streams, with asynchronous copies, events and cross-stream waits between
/// them, checks every stream's results at each checkpoint and at the end, and fails if the process's resident
/// memory grew past a bound. Every device. (benchmarks/run.sh reports its launches per second.)
/// </summary>
public class LaunchLoadTests
{
    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_hundred_thousand_launches_from_four_threads_on_eight_streams_are_right_in_bounded_memory(string device)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "launchLoad");
        var build = CliRunner.Run("build", Path.Combine(Repository.Root, "tests", "Translate.Tests", "BuildMode", "Programs", "launchLoad.cu"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device }, "100000", "4", "2");
        Assert.True(run.ExitCode == 0, $"{device}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Matches(new Regex(@"^100000 launches from 4 threads on 8 streams: \d+ launches/s; .*\nPASSED\n$"), run.Stdout);
    }
}
