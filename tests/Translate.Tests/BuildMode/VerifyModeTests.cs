using Translate.Ir.Types;
using Translate.Runtime.BuildMode;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// TRANSLATE_VERIFY=DEVICE runs every launch on the chosen device and again on DEVICE from the same memory,
/// and compares all the memory the kernel could have written: a launch whose results differ stops with
/// TR0612 naming the kernel, the launch, the block, the offset and both values; agreeing launches leave the
/// program's output as it is.
/// </summary>
public class VerifyModeTests
{
    private const string Program = """
        #include <cstdio>
        #include <cstring>
        __global__ void scale(float *a, int n, float s) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) a[i] *= s; }
        // Missing __syncthreads(): what a thread reads of its neighbour's slot depends on the order threads run in
        // (the interpreter runs each thread through the loop in turn, the cpu device runs the loop's rounds across the block).
        // In one warp the interpreter does not call it a race (warp-synchronous code), across warps it does (TR0318).
        __global__ void racy(int *out, int rounds) {
          __shared__ int slot[64];
          slot[threadIdx.x] = 0;
          __syncthreads();
          for (int k = 1; k <= rounds; k++) {
            slot[threadIdx.x] = k;
            out[threadIdx.x] = slot[(threadIdx.x + 1) % blockDim.x];
          }
        }
        int main(int argc, char **argv) {
          const int n = 1000;
          float h[n]; for (int i = 0; i < n; i++) h[i] = i;
          float *a; cudaMalloc(&a, sizeof h);
          cudaMemcpy(a, h, sizeof h, cudaMemcpyHostToDevice);
          scale<<<4, 256>>>(a, n, 0.5f);
          scale<<<4, 256>>>(a, n, 3.0f);
          cudaMemcpy(h, a, sizeof h, cudaMemcpyDeviceToHost);
          printf("scaled %g %g %d\n", h[1], h[999], (int)cudaGetLastError());
          if (argc > 1 && !strncmp(argv[1], "race", 4)) {
            int *out; cudaMalloc(&out, 64 * sizeof(int));
            racy<<<1, strcmp(argv[1], "race-across-warps") ? 32 : 64>>>(out, 2);
            printf("race %d\n", (int)cudaDeviceSynchronize());
          }
          return 0;
        }
        """;

    private static CliResult Run(string device, string verify, params string[] args) =>
        Run(new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device, ["TRANSLATE_VERIFY"] = verify }, args);

    private static CliResult Run(Dictionary<string, string> environment, params string[] args) => Run(Program, environment, args);

    /// <summary><paramref name="source"/> built as an executable and run with <paramref name="environment"/>.</summary>
    private static CliResult Run(string source, Dictionary<string, string> environment, params string[] args)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "verified");
        var build = CliRunner.Run("build", dir.Write("verified.cu", source), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        return Executable.Run(exe, dir.Directory, environment, args);
    }

    public static TheoryData<string> CompiledDevices() => [.. Requirements.BuildModeDeviceNames.Where(d => d != "interp")];

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(CompiledDevices))]
    public void Launches_that_agree_with_the_interpreter_leave_the_output_as_it_is(string device)
    {
        var run = Run(device, "interp");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("scaled 1.5 1498.5 0\n", run.Stdout);
        Assert.DoesNotContain("TR0612", run.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_race_that_makes_cpu_and_the_interpreter_disagree_stops_with_the_place_and_both_values()
    {
        var run = Run("cpu", "interp", "race");
        Assert.Equal("scaled 1.5 1498.5 0\nrace 719\n", run.Stdout);
        Assert.Contains("error TR0612: launch 3 of kernel 'racy'", run.Stderr);
        Assert.Matches(@"device memory of 256 bytes at 0x[0-9a-f]+, byte offset 0 \(int32 element 0 of the argument pointing at 0x[0-9a-f]+\): " +
            "cpu wrote 1, interp wrote 0", run.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_race_across_warps_stops_the_verifying_interpreter_with_the_race_and_its_place()
    {
        var run = Run("cpu", "interp", "race-across-warps");
        Assert.Equal("scaled 1.5 1498.5 0\nrace 719\n", run.Stdout);
        Assert.Contains("error TR0612: launch 3 of kernel 'racy' ran on cpu but stopped on interp: TR0318: data race on byte 128 of shared 'slot'", run.Stderr);
        Assert.Contains("thread (32,0,0) writes it after thread (31,0,0) read it", run.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_kernel_that_reads_the_device_clock_runs_unverified_and_says_so_once()
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "clocked");
        var build = CliRunner.Run("build", dir.Write("clocked.cu", """
            #include <cstdio>
            __device__ long long since(long long a) { return clock64() - a; }
            __global__ void timed(long long *t, int *out) { long long a = clock64(); out[threadIdx.x] = 2 * threadIdx.x; t[threadIdx.x] = since(a); }
            int main() {
              long long *t; int *o; cudaMalloc(&t, 64 * 8); cudaMalloc(&o, 64 * 4);
              timed<<<1, 64>>>(t, o);
              timed<<<1, 64>>>(t, o);
              int h[64]; cudaMemcpy(h, o, sizeof h, cudaMemcpyDeviceToHost);
              printf("%d %d\n", h[5], (int)cudaDeviceSynchronize());
            }
            """), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu", ["TRANSLATE_VERIFY"] = "interp" });
        Assert.Equal("10 0\n", run.Stdout);
        Assert.Single(run.Stderr.Split('\n'), l => l.Contains("kernel 'timed' reads the device clock, so its launches are not verified on interp"));
    }

    [RequiresFact(Need.BuildMode)]
    public void An_unknown_verifying_device_leaves_the_program_without_a_device()
    {
        var run = Run("cpu", "tpu");
        Assert.Contains("error TR0610: TRANSLATE_VERIFY=tpu", run.Stderr);
        Assert.Contains("scaled 1 999 100\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_tolerance_that_is_not_a_positive_number_leaves_the_program_without_a_device()
    {
        var run = Run(new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu", ["TRANSLATE_VERIFY"] = "interp", ["TRANSLATE_VERIFY_TOLERANCE"] = "tight" });
        Assert.Contains("error TR0610: TRANSLATE_VERIFY_TOLERANCE=tight: expected a positive number", run.Stderr);
        Assert.Contains("scaled 1 999 100\n", run.Stdout);
    }

    [Fact]
    public void Floats_match_when_equal_both_NaN_or_close_against_the_largest_magnitude_of_their_array()
    {
        var byDefault = new VerifyTolerance(null);
        Assert.True(byDefault.Matches(1.5, 1.5, ScalarKind.Float, 0));
        Assert.True(byDefault.Matches(double.NaN, double.NaN, ScalarKind.Float, 0));
        Assert.False(byDefault.Matches(double.NaN, 1, ScalarKind.Float, 0));
        Assert.True(byDefault.Matches(1000, 1000.005, ScalarKind.Float, 0));
        Assert.False(byDefault.Matches(1000, 1000.05, ScalarKind.Float, 0));
        // 0.0112106 against 0.0112110 is 3e-5 apart relative to itself, but tiny beside an array of prices up to 50.
        Assert.False(byDefault.Matches(0.0112106, 0.0112110, ScalarKind.Float, 0));
        Assert.True(byDefault.Matches(0.0112106, 0.0112110, ScalarKind.Float, 50));
        Assert.False(byDefault.Matches(1, 1 + 1e-9, ScalarKind.Double, 0));
        Assert.True(new VerifyTolerance(1e-3).Matches(1, 1.0005, ScalarKind.Double, 0));
    }

    // The last thread to exchange wins: threads of one parity exchange in the loop's first round, the others in its
    // second, so running each thread's loop in turn (interp) and the loop's rounds across the block (cpu) leave
    // different, equally correct values. The program also reports whether kernels may read pageable host memory.
    private const string LastWriter = """
        #include <cstdio>
        __global__ void lastWriter(int *a, int rounds) {
          for (int k = 0; k < rounds; k++)
            if (k == 1 - (int)(threadIdx.x & 1)) atomicExch(&a[0], threadIdx.x);
        }
        int main() {
          cudaDeviceProp p;
          cudaGetDeviceProperties(&p, 0);
          int *a;
          cudaMalloc(&a, sizeof(int));
          cudaMemset(a, 0, sizeof(int));
          lastWriter<<<1, 64>>>(a, 2);
          int v;
          cudaMemcpy(&v, a, sizeof v, cudaMemcpyDeviceToHost);
          printf("pageable %d, last writer %s\n", p.pageableMemoryAccess, v == 62 || v == 63 ? "62 or 63" : "other");
          return 0;
        }
        """;

    [RequiresFact(Need.BuildMode)]
    public void What_an_atomic_exchange_leaves_depends_on_thread_order_so_a_difference_there_is_a_warning_not_an_error()
    {
        var verified = Run(LastWriter, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu", ["TRANSLATE_VERIFY"] = "interp" });
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        // Under verification the program is told what both devices can do: the interpreter reaches device memory only.
        Assert.Equal("pageable 0, last writer 62 or 63\n", verified.Stdout);
        Assert.Contains("warning: launch 1 of kernel 'lastWriter'", verified.Stderr);
        Assert.Contains("cpu wrote 62, interp wrote 63", verified.Stderr);
        Assert.Contains("not counted as a difference", verified.Stderr);
        Assert.DoesNotContain("TR0612", verified.Stderr);
        var alone = Run(LastWriter, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu" });
        Assert.Equal("pageable 1, last writer 62 or 63\n", alone.Stdout);
    }
}
