using Translate.Ir.Diagnostics;
using Translate.Tests.BuildMode;
using Translate.Tests.Cli;

namespace Translate.Tests.Frontend;

/// <summary>
/// Dynamic parallelism: a kernel launching kernels lifts to <c>launch</c> in device code, and the child grid
/// runs to completion at the launch (a schedule CUDA allows: children may start at once and parents see
/// their results only after synchronizing). Nested launches keep their own shared memory, static and
/// dynamic; the device side of the runtime API (cudaMalloc, cudaDeviceSynchronize, streams) is there. A
/// device-side launch CUDA would refuse stops the program; OpenCL and the GPU targets report it.
/// </summary>
public class DynamicParallelismTests : FrontendTestBase
{
    // 3 blocks, each thread 0 launching 2 blocks, twice over, then a 64-thread leaf per depth-0 block:
    // 12 leaves of 64 threads. Each level checks that its dynamic shared memory survived its children.
    private const string Nested = """
        #include <cstdio>
        __device__ int total;
        __global__ void leaf(int *out, int base) {
          __shared__ int s[64];
          s[threadIdx.x] = base + threadIdx.x;
          __syncthreads();
          out[base + threadIdx.x] = s[blockDim.x - 1 - threadIdx.x];
          atomicAdd(&total, 1);
        }
        __global__ void parent(int *out, int depth) {
          extern __shared__ int dyn[];
          dyn[threadIdx.x] = depth * 100 + threadIdx.x;
          if (threadIdx.x == 0) {
            cudaStream_t s;
            cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking);
            int *scratch;
            cudaMalloc((void **)&scratch, 16);
            if (depth > 0) parent<<<2, 4, 4 * sizeof(int), s>>>(out, depth - 1);
            else leaf<<<1, 64>>>(out, 64 * blockIdx.x);
            cudaDeviceSynchronize();
            cudaFree(scratch);
            cudaStreamDestroy(s);
          }
          __syncthreads();
          if (dyn[threadIdx.x] != depth * 100 + threadIdx.x) atomicAdd(&total, 1000000);
        }
        int main() {
          int *out;
          cudaMalloc(&out, 128 * sizeof(int));
          parent<<<3, 4, 4 * sizeof(int)>>>(out, 2);
          int h[128], t;
          cudaMemcpy(h, out, sizeof h, cudaMemcpyDeviceToHost);
          cudaMemcpyFromSymbol(&t, total, sizeof t);
          int bad = 0;
          for (int i = 0; i < 128; i++) bad += h[i] != (i / 64) * 64 + 63 - i % 64;
          printf("leaf threads %d, wrong %d\n", t, bad);
          return 0;
        }
        """;

    [Fact]
    public void Nested_launches_run_their_grids_on_the_interpreter() => Assert.Equal("leaf threads 768, wrong 0\n", LiftAndRun(Nested, "interp"));

    [RequiresFact(Need.Cpu)]
    public void Nested_launches_run_their_grids_on_cpu() => Assert.Equal("leaf threads 768, wrong 0\n", LiftAndRun(Nested, "cpu"));

    [RequiresFact(Need.BuildMode)]
    public void Nested_launches_run_their_grids_in_build_mode()
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "nested");
        var build = CliRunner.Run("build", dir.Write("nested.cu", Nested), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu" });
        Assert.Equal("leaf threads 768, wrong 0\n", run.Stdout);
    }

    [RequiresFact(Need.OpenCl)]
    public void OpenCl_reports_a_launch_in_device_code_at_its_line()
    {
        using var dir = new CliRunner();
        var r = CliRunner.Run("compile", "--target", "opencl", dir.Write("nested.cu", Nested));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Matches(@"nested.cu:18:\d+: error TR0504: launch in device code", r.Stderr);
    }

    [RequiresFact(Need.GpuBackends)]
    public void SpirV_and_the_GPU_targets_report_a_launch_in_device_code()
    {
        using var dir = new CliRunner();
        string file = dir.Write("nested.cu", Nested);
        var spirv = CliRunner.Run("compile", "--target", "spirv", file, "-o", Path.Combine(dir.Directory, "n.spv"));
        Assert.Contains("error TR0701", spirv.Stderr);
        Assert.Contains("dynamic parallelism", spirv.Stderr);
        var ptx = CliRunner.Run("compile", "--target", "ptx", file, "-o", Path.Combine(dir.Directory, "n.ptx"));
        Assert.Contains("error TR0801", ptx.Stderr);
        Assert.Contains("dynamic parallelism", ptx.Stderr);
    }

    private const string TooLarge = """
        __global__ void child(int *p) { p[threadIdx.x] = 1; }
        __global__ void k(int *p) { child<<<1, 2048>>>(p); }
        int main() {
          int *p;
          cudaMalloc(&p, 4);
          k<<<1, 1>>>(p);
          cudaDeviceSynchronize();
          return 0;
        }
        """;

    [Fact]
    public void A_launch_from_device_code_that_CUDA_refuses_stops_the_program_on_the_interpreter() =>
        ExpectStopped("interp", "big.cu", TooLarge, "launched from device code");

    [RequiresFact(Need.Cpu)]
    public void A_launch_from_device_code_that_CUDA_refuses_stops_the_program_on_cpu() =>
        ExpectStopped("cpu", "big.cu", TooLarge, "launched from device code");

    /// <summary>The program stops with TR0310 (a launch CUDA refuses) and a message naming why.</summary>
    private static void ExpectStopped(string device, string file, string source, string why)
    {
        using var dir = new CliRunner();
        var r = CliRunner.Run("run", "--device", device, dir.Write(file, source));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(Codes.BadLaunch.Id, r.Stderr);
        Assert.Contains(why, r.Stderr);
    }

    private const string Runaway = """
        __global__ void k(int depth) { k<<<1, 1>>>(depth + 1); }
        int main() {
          k<<<1, 1>>>(0);
          cudaDeviceSynchronize();
          return 0;
        }
        """;

    [Fact]
    public void Kernels_launching_kernels_without_end_stop_at_CUDAs_nesting_depth_on_the_interpreter() =>
        ExpectStopped("interp", "runaway.cu", Runaway, "cudaErrorLaunchMaxDepthExceeded");

    [RequiresFact(Need.Cpu)]
    public void Kernels_launching_kernels_without_end_stop_at_CUDAs_nesting_depth_on_cpu() =>
        ExpectStopped("cpu", "runaway.cu", Runaway, "cudaErrorLaunchMaxDepthExceeded");
}
