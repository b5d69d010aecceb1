using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// <c>translate run FILE.cu</c> picks its path by itself: a program whose host code lifts runs lifted
/// whole; one whose host code is real C++ runs in build mode; <c>-v</c> says which it took.
/// </summary>
public class RunFallbackTests
{
    [RequiresFact(Need.BuildMode)]
    public void A_program_with_CPlusPlus_host_code_runs_in_build_mode_with_its_arguments()
    {
        var r = CliRunner.Run("run", Repository.CxxSamplePath("raiiSaxpy"), "-v", "--", "--n", "300");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("saxpy<float> of 300 elements: ok", r.Stdout);
        Assert.Contains("Test PASSED", r.Stdout);
        Assert.Contains("build mode", r.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void The_program_exit_status_comes_back_from_build_mode()
    {
        var r = CliRunner.Run("run", Repository.CxxSamplePath("raiiSaxpy"), "--", "--bogus");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("usage: raiiSaxpy", r.Stderr);
    }

    [Fact]
    public void A_C_style_program_is_lifted_whole()
    {
        var r = CliRunner.Run("run", Repository.SamplePath("vectorAdd"), "-v", "--device", "interp");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("lifted whole", r.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_program_that_needs_build_mode_runs_its_kernels_in_the_interpreter_when_asked()
    {
        var r = CliRunner.Run("run", Repository.CxxSamplePath("raiiSaxpy"), "--device", "interp");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("PASSED", r.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void Verify_runs_even_a_program_that_lifts_whole_in_build_mode_with_every_launch_compared()
    {
        var r = CliRunner.Run("run", Repository.SamplePath("vectorAdd"), "-v", "--verify", "interp");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("build mode (--verify interp)", r.Stderr);
        Assert.Contains("PASSED", r.Stdout);
    }

    [Fact]
    public void Verify_needs_a_CUDA_program()
    {
        var r = CliRunner.Run("run", "program.lisp", "--verify", "interp");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'--verify'", r.Stderr);
    }

    /// <summary>A kernel reading p[off] of a 64-byte block; host code calling atoi, which puts it in build mode.</summary>
    private const string PastTheEnd = """
        #include <cstdio>
        #include <cstdlib>
        __global__ void past_end(const int* p, int* o, int off) { o[0] = p[off]; }
        int main() {
          int *p, *o;
          cudaMalloc(&p, 16 * sizeof(int));
          cudaMalloc(&o, sizeof(int));
          past_end<<<1, 1>>>(p, o, atoi("16"));
          printf("sync %d\n", (int)cudaDeviceSynchronize());
          return 0;
        }
        """;

    /// <summary>a*a - b with a = 1 + 2^-30, b = a*a rounded: 0 when each operation rounds (strict), 2^-60 when fused into an FMA.</summary>
    private const string FusedOrNot = """
        #include <cstdio>
        #include <cstdlib>
        __global__ void residue(const double* a, const double* b, double* o) { o[0] = a[0] * a[0] - b[0]; }
        int main() {
          double h[2] = {1.0 + 1.0 / (1 << 30), 0}, r = -1, *d;
          h[1] = h[0] * h[0];
          cudaMalloc(&d, 3 * sizeof(double));
          cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
          residue<<<atoi("1"), 1>>>(d, d + 1, d + 2);
          cudaMemcpy(&r, d + 2, sizeof r, cudaMemcpyDeviceToHost);
          printf("%g\n", r);
          return 0;
        }
        """;

    [RequiresFact(Need.BuildMode)]
    public void Check_reaches_a_program_in_build_mode_and_locates_the_access()
    {
        using var dir = new CliRunner();
        var r = CliRunner.Run("run", dir.Write("pastEnd.cu", PastTheEnd), "-v", "--check");
        Assert.Contains("build mode", r.Stderr);
        Assert.Matches(@"pastEnd\.cu:3:\d+: error TR0301: read of 4 bytes at offset 64 of a 64-byte allocation from cudaMalloc", r.Stderr);
        Assert.Equal((0, "sync 700\n"), (r.ExitCode, r.Stdout)); // cudaErrorIllegalAddress, as on a GPU
    }

    [RequiresFact(Need.BuildMode)]
    public void Fp_relaxed_reaches_a_program_in_build_mode_and_strict_stays_the_default()
    {
        using var dir = new CliRunner();
        string source = dir.Write("fused.cu", FusedOrNot);
        var strict = CliRunner.Run("run", source);
        Assert.Equal((0, "0\n"), (strict.ExitCode, strict.Stdout));
        var relaxed = CliRunner.Run("run", source, "--fp", "relaxed");
        Assert.True(relaxed.ExitCode == 0, relaxed.Stderr);
        Assert.Equal("8.67362e-19\n", relaxed.Stdout); // 2^-60: the multiply and the subtraction fused
    }

    [RequiresTheory(Need.BuildMode)]
    [InlineData("--fp relaxed --device interp", "'--fp relaxed' applies to the cpu device, not 'interp'")]
    [InlineData("--check --device opencl", "'--check' applies to the cpu device, not 'opencl'")]
    [InlineData("--fp loose", "unknown floating-point mode 'loose'")]
    public void Build_mode_refuses_cpu_code_options_for_other_devices_as_the_lifted_path_does(string optionText, string message)
    {
        using var dir = new CliRunner();
        var r = CliRunner.Run(["run", dir.Write("pastEnd.cu", PastTheEnd), .. optionText.Split(' ')]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void Build_mode_refuses_a_device_its_executables_cannot_use()
    {
        var r = CliRunner.Run("run", Repository.CxxSamplePath("raiiSaxpy"), "--device", "hip");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("TR0610", r.Stderr);
    }
}
