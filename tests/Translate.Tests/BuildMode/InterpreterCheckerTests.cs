using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// TRANSLATE_DEVICE=interp runs the kernels of any built executable in the reference interpreter while
/// its host code stays native: every access is checked against the block it falls in, barriers and warp
/// operations are checked, and a fault stops the kernel at its CUDA line with the thread, reaching the
/// program as CUDA's error. Pointers keep their real addresses, so pointers stored in device memory and
/// device variables reached by symbol or by address behave as on a GPU.
/// </summary>
public class InterpreterCheckerTests
{
    private const string Program = """
        #include <cstdio>
        #include <cstdlib>
        #include <cstring>
        __device__ int total;
        __global__ void fill(float *a, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; a[i] = 2.0f * i; }
        // Rows reached through an array of device pointers held in device memory.
        __global__ void rows(float **table, int width, float *sums) {
          float s = 0;
          for (int j = 0; j < width; j++) s += table[threadIdx.x][j];
          sums[threadIdx.x] = s;
          atomicAdd(&total, (int)s);
        }
        __global__ void bump(int *p) { *p += 5; }
        __global__ void ends(char *p, size_t n, size_t past) { p[threadIdx.x ? n - 1 + past : 0] = threadIdx.x ? 9 : 7; }
        __global__ void halfBarrier(int *out) {
          __shared__ int t[64];
          t[threadIdx.x] = threadIdx.x;
          if (threadIdx.x < 16) { __syncthreads(); t[threadIdx.x] += 1; }
          else { __syncthreads(); t[threadIdx.x] -= 1; }
          out[threadIdx.x] = t[63 - threadIdx.x];
        }
        int main(int argc, char **argv) {
          const char *what = argc > 1 ? argv[1] : "";
          float *a; cudaMalloc(&a, 100 * sizeof(float));
          if (!strcmp(what, "overrun")) {
            fill<<<1, 128>>>(a, 100);
            printf("overrun %d\n", (int)cudaDeviceSynchronize());
            return 0;
          }
          if (!strcmp(what, "host")) {
            float *h = (float *)malloc(100 * sizeof(float));
            fill<<<1, 100>>>(h, 100);
            printf("host %d\n", (int)cudaDeviceSynchronize());
            return 0;
          }
          if (!strcmp(what, "barrier")) {
            int *o; cudaMalloc(&o, 64 * sizeof(int));
            halfBarrier<<<1, 64>>>(o);
            printf("barrier %d\n", (int)cudaDeviceSynchronize());
            return 0;
          }
          if (!strcmp(what, "large") || !strcmp(what, "largeOverrun")) {
            size_t n = (1ull << 30) + 4096;
            char *p; cudaMalloc(&p, n);
            ends<<<1, 2>>>(p, n, !strcmp(what, "largeOverrun"));
            int status = (int)cudaDeviceSynchronize();
            char first = 0, last = 0;
            cudaMemcpy(&first, p, 1, cudaMemcpyDeviceToHost);
            cudaMemcpy(&last, p + n - 1, 1, cudaMemcpyDeviceToHost);
            printf("large %d %d %d\n", status, first, last);
            return 0;
          }
          fill<<<1, 100>>>(a, 100);
          float *table[4]; for (int r = 0; r < 4; r++) table[r] = a + 25 * r;
          float **dtable; cudaMalloc(&dtable, sizeof table);
          cudaMemcpy(dtable, table, sizeof table, cudaMemcpyHostToDevice);
          float *sums; cudaMalloc(&sums, 4 * sizeof(float));
          int start = 1000; cudaMemcpyToSymbol(total, &start, sizeof start);
          rows<<<1, 4>>>(dtable, 25, sums);
          int *address; cudaGetSymbolAddress((void **)&address, total);
          bump<<<1, 1>>>(address);
          float h[4]; cudaMemcpy(h, sums, sizeof h, cudaMemcpyDeviceToHost);
          int t; cudaMemcpyFromSymbol(&t, total, sizeof t);
          printf("%g %g %g %g total %d status %d\n", h[0], h[1], h[2], h[3], t, (int)cudaDeviceSynchronize());
          return 0;
        }
        """;

    private static CliResult Run(string device, params string[] args)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "checked");
        var build = CliRunner.Run("build", dir.Write("checked.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        return Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device }, args);
    }

    // Not opencl: OpenCL kernels cannot take a pointer to pointers (TR0504).
    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu")]
    [InlineData("interp")]
    public void Pointers_stored_in_device_memory_and_device_variables_by_symbol_or_address_work(string device)
    {
        var run = Run(device);
        Assert.True(run.ExitCode == 0, run.Stderr);
        // Row r sums 2*(25r .. 25r+24): 600, 1850, 3100, 4350; total 1000 + 9900 + 5.
        Assert.Equal("600 1850 3100 4350 total 10905 status 0\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_write_past_the_end_of_a_cudaMalloc_block_stops_the_kernel_at_its_line_as_an_illegal_address()
    {
        var run = Run("interp", "overrun");
        Assert.Equal("overrun 700\n", run.Stdout);
        Assert.Contains("error TR0301: write of 4 bytes at offset 400 of device memory of 400 bytes", run.Stderr);
        Assert.Contains("thread (100,0,0)", run.Stderr);
        Assert.Contains("checked.cu:5:", run.Stderr);
    }

    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu")]
    [InlineData("interp")]
    public void A_block_larger_than_the_interpreters_2_GiB_arrays_is_reached_at_both_ends(string device)
    {
        var run = Run(device, "large");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("large 0 7 9\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_write_just_past_a_large_block_is_out_of_its_bounds()
    {
        var run = Run("interp", "largeOverrun");
        Assert.StartsWith("large 700 ", run.Stdout); // the error is sticky: the copies after it fail, as CUDA's do
        Assert.Contains("error TR0301: write of 1 bytes at offset 1073745920 of device memory of 1073745920 bytes", run.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_kernel_given_host_malloc_memory_is_stopped_where_it_first_touches_it()
    {
        var run = Run("interp", "host");
        Assert.Equal("host 700\n", run.Stdout);
        Assert.Contains("error TR0305", run.Stderr);
        Assert.Contains("host memory the GPU cannot access", run.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void Threads_waiting_at_different_barriers_are_reported_with_both_places()
    {
        var run = Run("interp", "barrier");
        Assert.Equal("barrier 719\n", run.Stdout);
        Assert.Contains("error TR0307: threads wait at different barriers", run.Stderr);
        Assert.Matches(@"thread \(0,0,0\) at \S*checked\.cu:\d+:\d+, thread \(16,0,0\) at \S*checked\.cu:\d+", run.Stderr);
    }
}
