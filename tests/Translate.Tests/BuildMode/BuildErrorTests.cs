using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary><c>translate build</c> fails cleanly: located diagnostics, exit 1, and no output file written or overwritten.</summary>
public class BuildErrorTests
{
    [RequiresFact(Need.BuildMode)]
    public void A_host_syntax_error_is_reported_by_clang_and_no_executable_is_written()
    {
        using var dir = new CliRunner();
        string source = dir.Write("bad.cu", "int main() { return undefined_name; }\n");
        string exe = Path.Combine(dir.Directory, "bad");
        var r = CliRunner.Run("build", source, "-o", exe);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.cu:1:", r.Stderr);
        Assert.False(File.Exists(exe));
    }

    [RequiresFact(Need.BuildMode)]
    public void A_kernel_that_cannot_be_translated_fails_the_build_with_its_diagnostic_and_keeps_the_old_executable()
    {
        using var dir = new CliRunner();
        string source = dir.Write("k.cu", """
            #include <cuda_runtime.h>
            #include <string>
            __global__ void k(int *p) { std::string s("x"); p[0] = (int)s.size(); }
            int main() { k<<<1, 1>>>(nullptr); return 0; }
            """);
        string exe = dir.Write("k", "previous contents");
        var r = CliRunner.Run("build", source, "-o", exe);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"k\.cu:3:\d+: error TR04\d\d", r.Stderr);
        Assert.Equal("previous contents", File.ReadAllText(exe));
    }

    [RequiresFact(Need.BuildMode)]
    public void Device_code_using_a_writable_host_or_managed_variable_fails_the_build_instead_of_using_a_stale_copy()
    {
        using var dir = new CliRunner();
        string source = dir.Write("managed.cu", """
            #include <cstdio>
            __managed__ int counter;
            const int step = 1;
            __global__ void bump() { atomicAdd(&counter, step); }
            int main() { counter = 5; bump<<<1, 4>>>(); cudaDeviceSynchronize(); printf("%d\n", counter); return 0; }
            """);
        var r = CliRunner.Run("build", source, "-o", Path.Combine(dir.Directory, "managed"));
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"managed\.cu:4:\d+: error TR0406: device code uses the host variable 'counter'", r.Stderr);
        Assert.DoesNotContain("'step'", r.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_missing_input_is_a_located_error() =>
        Assert.Contains("TR0901", CliRunner.Run("build", "/nonexistent/file.cu").Stderr);

    [Fact]
    public void An_input_of_unknown_kind_is_a_usage_error() =>
        Assert.Equal(2, CliRunner.Run("build", "notes.txt").ExitCode);
}
