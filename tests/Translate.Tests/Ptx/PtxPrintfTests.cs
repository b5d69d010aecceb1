using Translate.Tests.Cli;

namespace Translate.Tests.Ptx;

/// <summary>
/// printf in PTX (<c>vprintf</c> with a local argument buffer, as CUDA's compilers emit it) becomes the IR's printf: the
/// format read from the module's string, each argument from the buffer at its packed offset with its conversion's type.
/// </summary>
public sealed class PtxPrintfTests
{
    private static string Module => Path.Combine(Repository.Root, "tests", "ptx", "printf.ptx");
    private const string Expected = "int 42 double 2.500 long 1234567890123 str hi width [    7]\n";

    [RequiresTheory(Need.Cpu)]
    [InlineData("interp")]
    [InlineData("cpu")]
    public void Vprintf_prints_its_packed_arguments_with_the_modules_format(string device)
    {
        var run = CliRunner.Run("run-kernel", Module, "-g", "1", "-b", "1", "-d", device, "42");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(Expected, run.Stdout);
    }

    [RequiresFact(Need.OpenCl)]
    public void On_opencl_a_width_computed_at_run_time_is_refused_at_the_call_not_printed_wrongly()
    {
        // OpenCL C's printf takes no '*'; here the width is read from the argument buffer.
        var run = CliRunner.Run("run-kernel", Module, "-g", "1", "-b", "1", "-d", "opencl", "42");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("printf.ptx:54:2: error TR0504: printf with a field width or precision computed at run time", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_format_that_is_not_a_string_of_the_module_is_refused_naming_the_call()
    {
        using var work = new CliRunner();
        string text = File.ReadAllText(Module).Replace("mov.u64 \t%rd6, format;", "ld.global.u64 \t%rd6, [word];", StringComparison.Ordinal);
        Assert.Contains("[word]", text);
        var check = CliRunner.Run("check", work.Write("loaded.ptx", text));
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("error TR0418: kernel 'report': 'call.uni': printf whose format is not a string of the module", check.Stderr);
    }
}
