using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// clock() and clock64() in device code read a counter that grows between two readings of a thread, on
/// every build-mode device (on opencl the time-stamp counter where the device compiles for x86-64, as PoCL does, else a
/// counter the launch advances at each reading; docs/ir/thread-index.md);
/// __nanosleep between them (a duration CUDA only bounds by [0, 2·ns]) translates. PTX's %globaltimer reads
/// nanoseconds, so a kernel can wait for a duration; OpenCL C reads no time and says so.
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

    private const string GlobalTimerProgram = """
        #include <chrono>
        #include <cstdio>
        __device__ unsigned long long now() {
          unsigned long long t;
          asm volatile("mov.u64 %0, %globaltimer;" : "=l"(t));
          return t;
        }
        __global__ void wait(long long ns, long long *waited) {
          long long start = now(), t;
          do t = now(); while (t < start + ns);
          unsigned lo, hi;
          asm("mov.u32 %0, %%globaltimer_lo;" : "=r"(lo));
          asm("mov.u32 %0, %%globaltimer_hi;" : "=r"(hi));
          waited[threadIdx.x] = t - start;
          waited[2 + threadIdx.x] = ((long long)hi << 32 | lo) >= t;
        }
        int main() {
          long long *d, h[4];
          cudaMalloc(&d, sizeof h);
          auto begin = std::chrono::steady_clock::now();
          wait<<<1, 2>>>(20000000, d);
          cudaError_t e = cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
          double host_ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - begin).count();
          if (e != cudaSuccess) { printf("%s\n", cudaGetErrorString(e)); return 2; }
          bool good = h[0] >= 20000000 && h[1] >= 20000000 && h[2] && h[3] && host_ns >= 20000000;
          printf("%s\n", good ? "PASSED" : "FAILED");
          return !good;
        }
        """;

    private static CliResult BuildAndRun(string device, string program = Program)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "clocks");
        var build = CliRunner.Run("build", dir.Write("clocks.cu", program), "-o", exe);
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

    private const string CyclesProgram = """
        #include <cstdio>
        __global__ void work(int n, long long *ticks, float *sink) {
          long long a = clock64();
          float x = 1;
          for (int i = 0; i < n; i++) x = x * 1.0001f + 1;   // n dependent steps: at least n cycles
          long long b = clock64();
          *ticks = b - a;
          *sink = x;
        }
        int main() {
          long long *t, h; float *s;
          cudaMalloc(&t, sizeof h); cudaMalloc(&s, sizeof(float));
          work<<<1, 1>>>(10000, t, s);
          cudaMemcpy(&h, t, sizeof h, cudaMemcpyDeviceToHost);
          printf("%s\n", h >= 10000 ? "cycles" : "readings");
          return 0;
        }
        """;

    /// <summary>Programs wait for a duration in clocks (clockRate kilohertz times the time: simpleHyperQ, graphMemoryFootprint):
    /// counting readings on PoCL made such a wait take a reading per clock, 20–100 times longer than on cpu.</summary>
    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu")]
    [InlineData("opencl")]
    public void Clocks_count_cycles_on_this_x86_64_machine(string device)
    {
        var run = BuildAndRun(device, CyclesProgram);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("cycles\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_kernel_waits_twenty_milliseconds_by_the_global_timer_on_cpu()
    {
        var run = BuildAndRun("cpu", GlobalTimerProgram);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("PASSED\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void The_global_timer_on_opencl_is_a_coded_error_not_a_wrong_duration()
    {
        var run = BuildAndRun("opencl", GlobalTimerProgram);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("%globaltimer", run.Stderr);
        Assert.Matches(@"TR05\d\d", run.Stderr);
    }
}
