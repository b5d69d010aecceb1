namespace Translate.Tests.Cli;

/// <summary><c>translate run</c>'s options for the cpu device's code: <c>--check</c>, <c>--fp</c>, <c>--fast-math</c>.</summary>
public sealed class RunDeviceOptionsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Overrun() => _cli.Write("overrun.lisp", """
        (c-lisp
          (define-kernel ((fill void) (a (ptr int)))
            (store (ptradd a [tid.x]) 1))
          (define ((main int))
            (declare a (ptr int))
            (call cudaMalloc (bitcast (ptr-to a) (ptr (ptr int8))) (int64 16))
            (launch fill (grid 1 1 1) (block 8 1 1) (shared 0) (stream (null (ptr int8))) a)
            (call printf (string "launched\n"))
            (ret 0)))
        """);

    [Fact]
    public void Check_reports_a_device_overrun_at_the_store()
    {
        var r = CliRunner.Run("run", Overrun(), "--check");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"overrun\.lisp:3:\d+: error TR0301: write of 4 bytes at offset 16 of a 16-byte allocation from cudaMalloc", r.Stderr);
    }

    [Fact]
    public void Check_is_accepted_by_the_interpreter_which_always_checks()
    {
        var r = CliRunner.Run("run", Overrun(), "--check", "--device", "interp");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0301", r.Stderr);
    }

    [Theory]
    [InlineData("--fp relaxed")]
    [InlineData("--fast-math")]
    [InlineData("--fp strict")]
    public void Floating_point_modes_run_on_cpu(string options)
    {
        var mode = options.Split(' ');
        string path = _cli.Write("half.lisp", "(c-lisp (define ((main int)) (call printf (string \"%g\\n\") (fadd (fmul (double 0.5) (double 3.0)) (double 1.0))) (ret 0)))");
        var r = CliRunner.Run(["run", path, .. mode]);
        Assert.Equal((0, "2.5\n"), (r.ExitCode, r.Stdout));
    }

    [Theory]
    [InlineData("--fp loose", "unknown floating-point mode 'loose'")]
    [InlineData("--fast-math --fp strict", "contradict")]
    [InlineData("--fp relaxed --device interp", "'--fp relaxed' applies to the cpu device, not 'interp'")]
    public void Bad_floating_point_choices_are_usage_errors(string optionText, string message)
    {
        var options = optionText.Split(' ');
        string path = _cli.Write("zero.lisp", "(c-lisp (define ((main int)) (ret 0)))");
        var r = CliRunner.Run(["run", path, .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }
}
