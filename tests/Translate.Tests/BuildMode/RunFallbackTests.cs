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

    [RequiresFact(Need.BuildMode)]
    public void Build_mode_refuses_a_device_its_executables_cannot_use()
    {
        var r = CliRunner.Run("run", Repository.CxxSamplePath("raiiSaxpy"), "--device", "hip");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("TR0610", r.Stderr);
    }
}
