using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// Host and device output keep CUDA's order when stdout is a pipe or a file (buffered): what the host
/// printed before a launch comes before the kernel's printf, which comes before what the host prints
/// after synchronizing.
/// </summary>
public class PrintfOrderTests
{
    private const string Program = """
        #include <cstdio>
        __global__ void hello() { printf("device %d\n", threadIdx.x); }
        int main() {
          printf("host before\n");
          hello<<<1, 2>>>();
          cudaDeviceSynchronize();
          printf("host after\n");
          return 0;
        }
        """;

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Host_output_before_a_launch_precedes_the_kernels_printf(string device)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "order");
        var build = CliRunner.Run("build", dir.Write("order.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["host before", "device 0", "device 1", "host after"], lines);
    }
}
