using Translate.Runtime.Devices;

namespace Translate.Tests.Cli;

/// <summary><c>translate run</c> and <c>translate devices</c> (the default device, and the reference interpreter by name).</summary>
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
    public void Cpu_is_the_default_device_and_devices_marks_it()
    {
        var r = CliRunner.Run("devices");
        Assert.Matches(@"(?m)^cpu\s+available\s+.*\(default\)$", r.Stdout);
        Assert.DoesNotMatch(@"(?m)^interp\s.*\(default\)$", r.Stdout);
    }

    [Fact]
    public void Without_a_device_the_program_runs_natively_on_cpu()
    {
        // Past the 64 bytes asked for, yet inside glibc's 72-byte chunk: harmless natively, TR03xx on the interpreter.
        string path = _cli.Write("unchecked.lisp", """
            (c-lisp
              (define ((main int))
                (declare p (ptr int))
                (set p (bitcast (call malloc (int64 64)) (ptr int)))
                (store (ptradd p 17) 5)
                (call printf (string "%d\n") (load (ptradd p 17)))
                (ret 0)))
            """);
        var byDefault = CliRunner.Run("run", path);
        Assert.Equal((0, "5\n", ""), (byDefault.ExitCode, byDefault.Stdout, byDefault.Stderr));
        var onInterp = CliRunner.Run("run", path, "--device", "interp");
        Assert.Equal(1, onInterp.ExitCode);
        Assert.Contains("error TR03", onInterp.Stderr);
    }

    [Fact]
    public void An_unavailable_default_falls_back_to_interp_with_a_note()
    {
        var missing = new UnavailableDevice("cpu", "native code", "libLLVM.so.19.1 not found");
        var (device, note) = DeviceRegistry.Usable(missing, DeviceRegistry.Find("interp")!);
        Assert.Equal("interp", device.Name);
        Assert.Equal("note: running on 'interp' because the default device 'cpu' is not available here: libLLVM.so.19.1 not found", note);
        Assert.Equal(("cpu", (string?)null), (DeviceRegistry.Usable().Device.Name, DeviceRegistry.Usable().Note));
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
        var r = CliRunner.Run("run", path, "--device", "interp");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("before\n", r.Stdout);
        Assert.Matches(@":6:\d+: error TR03\d\d: ", r.Stderr);
    }
}
