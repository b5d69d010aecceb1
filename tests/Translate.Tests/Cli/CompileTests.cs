namespace Translate.Tests.Cli;

/// <summary><c>translate compile</c>: each target from CUDA source, usage errors, atomic output.</summary>
public sealed class CompileTests : IDisposable
{
    private const string Saxpy = """
        __global__ void saxpy(int n, float a, const float *x, float *y) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) y[i] = a * x[i] + y[i];
        }
        int main() { return 0; }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Llvm_target_prints_LLVM_IR_with_the_kernel()
    {
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", "llvm");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("define", r.Stdout);
        Assert.Contains("saxpy", r.Stdout);
    }

    [Fact]
    public void Llvm_target_with_a_block_shape_gives_the_kernel_as_the_cpu_device_runs_that_shape()
    {
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", "llvm", "--block", "32x8");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("@__tr_block_saxpy_32x8x1", r.Stdout);
    }

    [Theory]
    [InlineData("ptx", "256", "has no --block")]
    [InlineData("llvm", "0", "is not a block shape")]
    [InlineData("llvm", "32x", "is not a block shape")]
    [InlineData("llvm", "2048", "beyond CUDA's limits")]
    [InlineData("llvm", "8x8x128", "beyond CUDA's limits")]
    public void A_block_shape_for_a_GPU_target_or_outside_CUDA_limits_is_a_usage_error(string target, string block, string message)
    {
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", target, "--block", block);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    [Fact]
    public void Opencl_target_prints_a_kernel()
    {
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", "opencl");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("__kernel", r.Stdout);
        Assert.Contains("saxpy", r.Stdout);
    }

    [Fact]
    public void X86_target_writes_an_ELF_object_file()
    {
        string output = Path.Combine(_cli.Directory, "saxpy.o");
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", "x86", "-o", output);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("\x7f" + "ELF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(output), 0, 4));
    }

    [Fact]
    public void X86_target_without_output_file_is_a_usage_error()
    {
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", "x86");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("-o", r.Stderr);
    }

    [Fact]
    public void Unknown_target_is_a_usage_error_listing_the_targets()
    {
        var r = CliRunner.Run("compile", _cli.Write("saxpy.cu", Saxpy), "--target", "vax");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown target 'vax'", r.Stderr);
        Assert.Contains("llvm, x86, opencl", r.Stderr);
    }

    [Fact]
    public void Failed_compile_leaves_an_existing_output_untouched()
    {
        string output = _cli.Write("out.cl", "previous\n");
        var r = CliRunner.Run("compile", _cli.Write("bad.cu", "__global__ void k() { undeclared(); }\n"), "--target", "opencl", "-o", output);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("TR0401", r.Stderr);
        Assert.Equal("previous\n", File.ReadAllText(output));
    }
}
