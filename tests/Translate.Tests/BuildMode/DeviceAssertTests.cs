using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// A failed device-side assert stops the kernel as CUDA documents: its message in CUDA's format, TR0316 at the
/// assert's line on every device, and cudaErrorAssert (710, sticky) — apart from __trap(), which is
/// cudaErrorLaunchFailure (719).
/// </summary>
public class DeviceAssertTests
{
    private const string Program = """
        #include <cassert>
        #include <cstdio>
        __global__ void checked(int n) { assert(threadIdx.x < n); }
        __global__ void trapped() { if (threadIdx.x == 3) __trap(); }
        int main(int argc, char **argv) {
          if (argc > 1) trapped<<<1, 8>>>(); else checked<<<1, 8>>>(4);
          printf("sync %d\n", (int)cudaDeviceSynchronize());
          printf("after %d\n", (int)cudaGetLastError());
          return 0;
        }
        """;

    private static CliResult Run(string device, params string[] args)
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "asserts");
        var build = CliRunner.Run("build", dir.Write("asserts.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        return Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device }, args);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_failed_assert_is_cudaErrorAssert_at_its_line(string device)
    {
        var run = Run(device);
        // CUDA's own format, naming the failing thread (a GPU prints one line per failing thread of the warps that ran;
        // cpu and interp stop the block at its first, so thread 4's line is the one every device prints).
        Assert.Contains("asserts.cu:3: void checked(int): block: [0,0,0], thread: [4,0,0] Assertion `threadIdx.x < n` failed.\n", run.Stdout);
        Assert.EndsWith("sync 710\nafter 710\n", run.Stdout);
        Assert.Contains("asserts.cu:3:", run.Stderr);
        Assert.Contains("error TR0316", run.Stderr);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_trap_is_cudaErrorLaunchFailure(string device)
    {
        var run = Run(device, "trap");
        Assert.Equal("sync 719\nafter 719\n", run.Stdout);
        Assert.Contains("TR0311", run.Stderr);
    }
}
