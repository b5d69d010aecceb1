using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// Dynamic shared memory beyond 48 KiB, as CUDA 7.0 documents it: a launch asking for more is
/// cudaErrorInvalidConfiguration until the kernel opts in with cudaFuncSetAttribute(MaxDynamicSharedMemorySize),
/// up to sharedMemPerBlockOptin (96 KiB); more than that is cudaErrorInvalidValue.
/// </summary>
public class DynamicSharedOptInTests
{
    private const string Program = """
        #include <cstdio>
        extern __shared__ float tile[];
        // Every float of a 64 KiB tile is written by one thread and read back by another.
        __global__ void mirror(float *out, int n) {
          for (int i = threadIdx.x; i < n; i += blockDim.x) tile[i] = i * 0.5f;
          __syncthreads();
          float sum = 0;
          for (int i = threadIdx.x; i < n; i += blockDim.x) sum += tile[n - 1 - i];
          out[threadIdx.x] = sum;
        }
        int main() {
          const int bytes = 64 * 1024, n = bytes / sizeof(float), threads = 128;
          float *out; cudaMalloc(&out, threads * sizeof(float));
          int optin = 0; cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, 0);
          printf("optin %d\n", optin);
          mirror<<<1, threads, bytes>>>(out, n);
          printf("before %d\n", (int)cudaGetLastError());
          printf("too much %d\n", (int)cudaFuncSetAttribute(mirror, cudaFuncAttributeMaxDynamicSharedMemorySize, 100 * 1024));
          cudaGetLastError();
          printf("set %d\n", (int)cudaFuncSetAttribute(mirror, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes));
          cudaFuncAttributes a; cudaFuncGetAttributes(&a, mirror);
          printf("attribute %d\n", a.maxDynamicSharedSizeBytes);
          mirror<<<1, threads, bytes>>>(out, n);
          printf("after %d\n", (int)cudaDeviceSynchronize());
          float h[threads]; cudaMemcpy(h, out, sizeof h, cudaMemcpyDeviceToHost);
          double total = 0, expected = 0;
          for (int t = 0; t < threads; t++) total += h[t];
          for (int i = 0; i < n; i++) expected += i * 0.5;
          printf("%s\n", total == expected ? "PASSED" : "FAILED");
          return 0;
        }
        """;


    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void More_than_48_KiB_needs_the_kernel_to_opt_in(string device)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "optin");
        var build = CliRunner.Run("build", dir.Write("optin.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
        Assert.Equal("optin 98304\nbefore 9\ntoo much 1\nset 0\nattribute 65536\nafter 0\nPASSED\n", run.Stdout);
    }
}
