namespace Translate.Tests.Cli;

/// <summary>Help, version and the usage-error contract (exit 2, a hint on stderr).</summary>
public class UsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Top_level_help_lists_every_command(string flag)
    {
        var r = CliRunner.Run(flag);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("usage: translate COMMAND", r.Stdout);
        foreach (var command in new[] { "check FILE(.cu|.lisp|.ptx)", "run FILE(.cu|.lisp)", "lift FILE(.cu|.ptx)", "compile FILE", "devices" })
            Assert.Contains(command, r.Stdout);
        Assert.Empty(r.Stderr);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    [InlineData("lift")]
    [InlineData("compile")]
    [InlineData("migrate")]
    [InlineData("devices")]
    public void Every_command_has_help(string command)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var r = CliRunner.Run(command, flag);
            Assert.Equal(0, r.ExitCode);
            Assert.StartsWith($"usage: translate {command}", r.Stdout);
            Assert.Contains("exit status", r.Stdout);
        }
    }

    [Fact]
    public void Run_help_names_the_device_option_and_program_arguments()
    {
        var r = CliRunner.Run("run", "--help");
        Assert.Contains("--device NAME", r.Stdout);
        Assert.Contains("-- ARGS...", r.Stdout);
    }

    [Fact]
    public void Version_is_printed()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^translate \d+\.\d+\.\d+", r.Stdout);
    }

    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "check" }, "'check' needs an argument")]
    [InlineData(new[] { "check", "a.lisp", "b.lisp" }, "unexpected argument 'b.lisp'")]
    [InlineData(new[] { "check", "--fast", "a.lisp" }, "unknown option '--fast'")]
    [InlineData(new[] { "check", "a.lisp", "--", "x" }, "takes no program arguments")]
    [InlineData(new[] { "run", "a.lisp", "--device" }, "'--device' needs a value")]
    [InlineData(new[] { "run", "a.lisp", "--device", "x", "--device", "y" }, "given twice")]
    [InlineData(new[] { "devices", "extra" }, "unexpected argument 'extra'")]
    public void Usage_errors_exit_2_with_a_hint(string[] args, string message)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Contains("--help'", r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void A_usage_error_in_a_command_points_to_that_commands_help()
    {
        var r = CliRunner.Run("run", "--bogus", "x.lisp");
        Assert.Contains("Try 'translate run --help'.", r.Stderr);
    }
}
