namespace Translate.Tests.Cli;

/// <summary><c>translate run</c> and <c>translate devices</c> on the reference interpreter.</summary>
public sealed class RunTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Devices_lists_the_interpreter_as_available()
    {
        var r = CliRunner.Run("devices");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^interp\s+available\s+\S", r.Stdout);
    }

    [Fact]
    public void Run_passes_output_through_and_exits_with_mains_value()
    {
        string path = _cli.Write("hello.lisp", """
            (c-lisp
              (define ((main int))
                (call printf (string "hello %d\n") 42)
                (ret 3)))
            """);
        var r = CliRunner.Run("run", path);
        Assert.Equal("hello 42\n", r.Stdout);
        Assert.Equal(3, r.ExitCode);
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Arguments_after_double_dash_reach_argv()
    {
        string path = _cli.Write("args.lisp", """
            (c-lisp
              (define ((main int) (argc int) (argv (ptr (ptr int8))))
                (call printf (string "argc=%d 1=%s 2=%s\n") argc (load (ptradd argv 1)) (load (ptradd argv 2)))
                (ret 0)))
            """);
        var r = CliRunner.Run("run", path, "--device", "interp", "--", "--not-an-option", "two words");
        Assert.Equal("argc=3 1=--not-an-option 2=two words\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    [InlineData("--device=interp")]
    [InlineData("-d")]
    public void The_device_option_has_three_spellings(string option)
    {
        string path = _cli.Write("five.lisp", "(c-lisp (define ((main int)) (ret 5)))");
        string[] args = option == "-d" ? ["run", "-d", "interp", path] : ["run", option, path];
        Assert.Equal(5, CliRunner.Run(args).ExitCode);
    }

    [Fact]
    public void An_unknown_device_is_TR0903()
    {
        string path = _cli.Write("zero.lisp", "(c-lisp (define ((main int)) (ret 0)))");
        var r = CliRunner.Run("run", path, "--device", "warp-drive");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0903: unknown device 'warp-drive'", r.Stderr);
    }

    [Fact]
    public void A_program_without_main_cannot_run()
    {
        string path = _cli.Write("nomain.lisp", "(c-lisp (define ((helper int)) (ret 0)))");
        var r = CliRunner.Run("run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0217", r.Stderr);
    }

    [Fact]
    public void A_runtime_error_is_a_diagnostic_after_the_output_so_far()
    {
        string path = _cli.Write("oob.lisp", """
            (c-lisp
              (define ((main int))
                (declare p (ptr int))
                (set p (bitcast (call malloc (int64 4)) (ptr int)))
                (call printf (string "before\n"))
                (store (ptradd p 1000) 1)
                (ret 0)))
            """);
        var r = CliRunner.Run("run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("before\n", r.Stdout);
        Assert.Matches(@":6:\d+: error TR03\d\d: ", r.Stderr);
    }
}
