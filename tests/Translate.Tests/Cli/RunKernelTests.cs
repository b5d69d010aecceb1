namespace Translate.Tests.Cli;

/// <summary>
/// <c>translate run-kernel</c>: one kernel of a PTX module, a CUDA file or an IR program launched once with buffers and
/// scalars written on the command line; the buffers are printed afterwards or written out as bytes. The same launch
/// gives the same numbers on every device.
/// </summary>
public sealed class RunKernelTests
{
    private static string Ptx => Path.Combine(Repository.Root, "tests", "ptx", "handWritten.ptx");
    private static string Cuda => Path.Combine(Repository.Root, "tests", "ptx", "handWritten.cu");

    /// <summary>blockSum over 0, 1, 2 … in four blocks of 256: each block's sum of its 256 consecutive integers.</summary>
    private const string BlockSums = "0 f32[4]: 32640 98176 163712 229248";

    [RequiresTheory(Need.Cpu)]
    [InlineData("cpu")]
    [InlineData("interp")]
    public void A_PTX_kernel_runs_with_arguments_from_the_command_line(string device) => RunsBlockSumAndSquares(device);

    [RequiresFact(Need.OpenCl)]
    public void A_PTX_kernel_runs_with_arguments_from_the_command_line_on_opencl() => RunsBlockSumAndSquares("opencl");

    private static void RunsBlockSumAndSquares(string device)
    {
        var sums = CliRunner.Run("run-kernel", Ptx, "--kernel", "blockSum", "--grid", "4", "--block", "256", "--device", device, "f32[4]", "f32[1024]=iota");
        Assert.True(sums.ExitCode == 0, sums.Stderr);
        Assert.Contains(BlockSums, sums.Stdout);
        Assert.Contains("1 f32[1024]=iota: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 ... (1024 elements)", sums.Stdout);
        var squares = CliRunner.Run("run-kernel", Ptx, "-k", "squares", "-g", "2", "-b", "32", "-d", device, "i32[64]", "50", "i32[1]");
        Assert.True(squares.ExitCode == 0, squares.Stderr);
        Assert.Contains("0 i32[64]: 0 1 4 9 16 25 36 49 64 81 100 121 144 169 196 225 ... (64 elements)", squares.Stdout);
        Assert.Contains("2 i32[1]: 2401", squares.Stdout);
    }

    [RequiresFact(Need.Cpu)]
    public void A_CUDA_files_kernel_gives_what_its_PTX_gives_and_buffers_can_be_written_out()
    {
        using var work = new CliRunner();
        string sums = Path.Combine(work.Directory, "sums.bin");
        var run = CliRunner.Run("run-kernel", Cuda, "-k", "blockSum", "-g", "4", "-b", "256", "--out", $"0={sums}", "f32[4]", "f32[1024]=iota");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(BlockSums, run.Stdout);
        var bytes = File.ReadAllBytes(sums);
        Assert.Equal([32640f, 98176f, 163712f, 229248f], Enumerable.Range(0, 4).Select(i => BitConverter.ToSingle(bytes, i * 4)));
        // The written buffer read back as the input of another launch.
        var again = CliRunner.Run("run-kernel", Cuda, "-k", "blockSum", "-g", "1", "-b", "4", "f32[1]", $"f32[]=@{sums}");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 f32[1]: 523776", again.Stdout);
    }

    [RequiresFact(Need.Cpu)]
    public void Repeated_launches_report_the_time_per_launch_on_standard_error()
    {
        var run = CliRunner.Run("run-kernel", Ptx, "-k", "blockSum", "-g", "4", "-b", "256", "--repeat", "3", "f32[4]", "f32[1024]=iota");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches(@"blockSum: \d+\.\d{3} ms per launch \(3 launches after the first, on cpu\)", run.Stderr);
        Assert.Contains(BlockSums, run.Stdout);
    }

    [RequiresFact(Need.Cpu)]
    public void Out_of_bounds_accesses_are_reported_on_interp_at_the_PTX_line()
    {
        var run = CliRunner.Run("run-kernel", Ptx, "-k", "blockSum", "-g", "4", "-b", "256", "-d", "interp", "f32[4]", "f32[100]");
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"handWritten\.ptx:\d+:\d+: error TR03\d\d", run.Stderr);
    }

    [Theory]
    [InlineData("the file has 3 kernels; choose one with --kernel: pairSearch, blockSum, squares", "-g", "1", "-b", "1")]
    [InlineData("kernel 'squares' takes 3 arguments", "-k", "squares", "-g", "1", "-b", "1", "i32[4]")]
    [InlineData("no kernel 'sum'; the kernels are: pairSearch, blockSum, squares", "-k", "sum", "-g", "1", "-b", "1")]
    [InlineData("'f33' in 'f33[4]' is not an element type", "-k", "blockSum", "-g", "1", "-b", "1", "f33[4]", "f32[4]")]
    [InlineData("run-kernel needs --grid", "-k", "blockSum", "-b", "1", "f32[4]", "f32[4]")]
    [InlineData("--block '0': each size must be a positive number", "-k", "blockSum", "-g", "1", "-b", "0", "f32[4]", "f32[4]")]
    public void Wrong_command_lines_are_usage_errors_that_say_what_is_expected(string message, params string[] args)
    {
        var run = CliRunner.Run(["run-kernel", Ptx, .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [RequiresFact(Need.Cpu)]
    public void A_CUDA_pointer_parameter_given_a_number_is_refused()
    {
        var run = CliRunner.Run("run-kernel", Cuda, "-k", "blockSum", "-g", "1", "-b", "1", "5", "f32[4]");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a pointer: give a buffer", run.Stderr);
    }
}
