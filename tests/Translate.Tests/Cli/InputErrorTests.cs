namespace Translate.Tests.Cli;

/// <summary>Bad input files: each gives a located, coded diagnostic and exit 1, never a stack trace.</summary>
public sealed class InputErrorTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public void A_missing_file_is_TR0901(string command)
    {
        string path = Path.Combine(_cli.Directory, "absent.lisp");
        var r = CliRunner.Run(command, path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{path}: error TR0901: no such file\n", r.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_directory_is_TR0902()
    {
        var r = CliRunner.Run("check", _cli.Directory);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{_cli.Directory}: error TR0902:", r.Stderr);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_TR0001_at_their_line_and_column()
    {
        byte[] bytes = [.. "(c-lisp\n  ;"u8, 0xFF, .. "\n  (define ((main int)) (ret 0)))\n"u8];
        string path = _cli.Write("latin1.lisp", bytes);
        var r = CliRunner.Run("check", path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"{path}:2:4: error TR0001:", r.Stderr);
    }

    [Fact]
    public void An_unclosed_paren_is_TR0002_at_the_opening_paren()
    {
        string path = _cli.Write("open.lisp", "; a program missing its last paren\n  (c-lisp\n  (define ((main int)) (ret 0))\n");
        var r = CliRunner.Run("check", path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"{path}:2:3: error TR0002:", r.Stderr);
    }

    [Fact]
    public void A_form_that_is_not_a_program_is_reported_where_it_is()
    {
        string path = _cli.Write("notprog.lisp", "(define ((main int)) (ret 0))");
        var r = CliRunner.Run("run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"{path}:1:1: error TR0101:", r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void A_type_error_is_reported_with_its_code_and_location()
    {
        string path = _cli.Write("types.lisp", "(c-lisp\n  (define ((main int))\n    (ret (fadd 1.0 2.0))))\n");
        var r = CliRunner.Run("check", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:3:\d+: error TR02\d\d: ", r.Stderr);
    }

    [Fact]
    public void A_well_formed_program_checks_silently()
    {
        string path = _cli.Write("ok.lisp", "(c-lisp\n  (define ((main int))\n    (ret 0)))\n");
        var r = CliRunner.Run("check", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Stdout);
        Assert.Empty(r.Stderr);
    }
}
