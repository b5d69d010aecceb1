using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// TRANSLATE_DEVICE_COUNT=N presents N identical devices sharing the selected one's memory: ordinals,
/// a current device per host thread, peer access per pair with CUDA's error codes, peer copies, and
/// kernels on one device reading another's allocation. Without it there is one device.
/// </summary>
public class SeveralDevicesTests
{
    private const string Program = """
        #include <cstdio>
        #define CHECK(x, want) do { cudaError_t e = (x); if (e != (want)) { printf("FAILED line %d: %s\n", __LINE__, cudaGetErrorName(e)); return 1; } } while (0)
        __global__ void twice(const int *src, int *dst) { dst[threadIdx.x] = 2 * src[threadIdx.x]; }
        int main() {
          int n = -1, d = -1, can = -1;
          CHECK(cudaGetDeviceCount(&n), cudaSuccess);
          printf("devices %d\n", n);
          if (n == 1) {
            CHECK(cudaSetDevice(1), cudaErrorInvalidDevice);
            CHECK(cudaDeviceCanAccessPeer(&can, 0, 0), cudaSuccess);
            CHECK(cudaDeviceEnablePeerAccess(0, 0), cudaErrorInvalidDevice);
            printf("%s\n", can == 0 ? "PASSED" : "FAILED");
            return 0;
          }
          CHECK(cudaSetDevice(n), cudaErrorInvalidDevice);
          CHECK(cudaGetLastError(), cudaErrorInvalidDevice);
          CHECK(cudaDeviceCanAccessPeer(&can, 0, 1), cudaSuccess);
          if (can != 1) { printf("FAILED can access %d\n", can); return 1; }
          CHECK(cudaDeviceCanAccessPeer(&can, 1, 1), cudaSuccess);
          if (can != 0) { printf("FAILED self access %d\n", can); return 1; }
          cudaDeviceProp p0, p1;
          CHECK(cudaGetDeviceProperties(&p0, 0), cudaSuccess);
          CHECK(cudaGetDeviceProperties(&p1, 1), cudaSuccess);
          if (p0.pciDeviceID == p1.pciDeviceID || p0.totalGlobalMem != p1.totalGlobalMem) { printf("FAILED properties\n"); return 1; }

          CHECK(cudaSetDevice(0), cudaSuccess);
          CHECK(cudaDeviceEnablePeerAccess(1, 0), cudaSuccess);
          CHECK(cudaDeviceEnablePeerAccess(1, 0), cudaErrorPeerAccessAlreadyEnabled);
          CHECK(cudaDeviceEnablePeerAccess(0, 0), cudaErrorInvalidDevice);
          int *a, *b, *c;
          CHECK(cudaMalloc(&a, 32 * sizeof(int)), cudaSuccess);
          CHECK(cudaSetDevice(1), cudaSuccess);
          CHECK(cudaGetDevice(&d), cudaSuccess);
          if (d != 1) { printf("FAILED current %d\n", d); return 1; }
          CHECK(cudaDeviceDisablePeerAccess(0), cudaErrorPeerAccessNotEnabled);
          CHECK(cudaMalloc(&b, 32 * sizeof(int)), cudaSuccess);
          CHECK(cudaMalloc(&c, 32 * sizeof(int)), cudaSuccess);
          cudaPointerAttributes at;
          CHECK(cudaPointerGetAttributes(&at, b + 3), cudaSuccess);
          if (at.device != 1) { printf("FAILED b is on %d\n", at.device); return 1; }
          CHECK(cudaPointerGetAttributes(&at, a), cudaSuccess);
          if (at.device != 0) { printf("FAILED a is on %d\n", at.device); return 1; }

          int h[32];
          for (int i = 0; i < 32; i++) h[i] = i;
          CHECK(cudaMemcpy(a, h, sizeof h, cudaMemcpyHostToDevice), cudaSuccess);
          CHECK(cudaMemcpyPeer(b, 1, a, 0, sizeof h), cudaSuccess);
          CHECK(cudaMemcpyPeer(b, n, a, 0, sizeof h), cudaErrorInvalidDevice);
          twice<<<1, 32>>>(b, c);  // on device 1
          CHECK(cudaDeviceSynchronize(), cudaSuccess);
          CHECK(cudaSetDevice(0), cudaSuccess);
          twice<<<1, 32>>>(c, a);  // on device 0, reading device 1's memory
          CHECK(cudaMemcpy(h, a, sizeof h, cudaMemcpyDeviceToHost), cudaSuccess);
          for (int i = 0; i < 32; i++) if (h[i] != 4 * i) { printf("FAILED h[%d] = %d\n", i, h[i]); return 1; }
          CHECK(cudaDeviceDisablePeerAccess(1), cudaSuccess);
          printf("PASSED\n");
          return 0;
        }
        """;

    private static CliResult BuildAndRun(string device, string? count)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "devices");
        var build = CliRunner.Run("build", dir.Write("devices.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var environment = new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device };
        if (count is not null) environment["TRANSLATE_DEVICE_COUNT"] = count;
        return Executable.Run(exe, dir.Directory, environment);
    }

    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu", "2")]
    [InlineData("opencl", "2")]
    [InlineData("cpu", "3")]
    [InlineData("cpu", null)]
    public void Each_ordinal_behaves_as_a_device_sharing_the_same_memory(string device, string? count)
    {
        var run = BuildAndRun(device, count);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith($"devices {count ?? "1"}\n", run.Stdout);
        Assert.EndsWith("PASSED\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_count_that_is_not_a_number_of_devices_is_refused_with_a_diagnostic()
    {
        var run = BuildAndRun("cpu", "0");
        Assert.Contains("TRANSLATE_DEVICE_COUNT=0", run.Stderr);
        Assert.Contains("FAILED", run.Stdout);
        Assert.NotEqual(0, run.ExitCode);
    }
}
