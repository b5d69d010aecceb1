using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// clock() and clock64() in device code read a counter that grows between two readings of a thread, on
/// every build-mode device (on opencl a counter the launch advances at each reading; docs/ir/thread-index.md);
/// __nanosleep between them (a duration CUDA only bounds by [0, 2·ns]) translates.
/// </summary>
public class DeviceClockTests
{
    private const string Program = """
        #include <cstdio>
        __global__ void timed(long long *ticks, int *ok) {
          long long a = clock64();
          clock_t c0 = clock();
          float x = 0;
          for (int i = 0; i < 1000; i++) x += i * 0.5f;
          __nanosleep(200);
          long long b = clock64();
          clock_t c1 = clock();
          ticks[threadIdx.x] = b - a;
          ok[threadIdx.x] = b > a && c1 > c0 && c0 > a && x > 0;
        }
        int main() {
          long long *t; int *ok;
          cudaMalloc(&t, 32 * sizeof(long long)); cudaMalloc(&ok, 32 * sizeof(int));
          timed<<<1, 32>>>(t, ok);
          int h[32];
          cudaMemcpy(h, ok, sizeof h, cudaMemcpyDeviceToHost);
          int good = 1;
          for (int i = 0; i < 32; i++) good &= h[i];
          printf("%s\n", good ? "PASSED" : "FAILED");
          return !good;
        }
        """;

    private static CliResult BuildAndRun(string device)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "clocks");
        var build = CliRunner.Run("build", dir.Write("clocks.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        return Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
    }

    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu")]
    [InlineData("opencl")]
    public void A_threads_later_clock_reading_is_larger(string device)
    {
        var run = BuildAndRun(device);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("PASSED\n", run.Stdout);
    }
}
