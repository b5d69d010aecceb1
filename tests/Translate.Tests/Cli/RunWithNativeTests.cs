namespace Translate.Tests.Cli;

/// <summary>
/// <c>translate run --with FILE.c</c>: an IR program's body-less declarations are linked natively, as
/// a C compiler links them — against the --with files, then the C library — and host code calls them
/// on every device that runs host code.
/// </summary>
public sealed class RunWithNativeTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Helpers() => _cli.Write("helpers.c", """
        #include <string.h>
        /* Writes squares through the pointer it is given and returns a pointer into the same memory. */
        int *fill_squares(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i * i; return p + n - 1; }
        double halve(double x) { return x / 2; }
        float twice(float x) { return 2 * x; }
        long long widen(int x) { return (long long)x << 33; }
        """);

    private string Program() => _cli.Write("calls.lisp", """
        (c-lisp
          (define ((fill_squares (ptr int)) (p (ptr int)) (n int)))
          (define ((halve double) (x double)))
          (define ((twice float) (x float)))
          (define ((widen int64) (x int)))
          (define ((strlen int64) (s (ptr int8))))
          (define ((main int))
            (declare a (arr 5 int))
            (declare last (ptr int))
            (set last (call fill_squares (aptradd a 0) 5))
            (call printf (string "%d %d %d\n") (load (aptradd a 2)) (load (aptradd a 4)) (load last))
            (store last 7)
            (call printf (string "%d\n") (load (aptradd a 4)))
            (call printf (string "%g %g %lld %lld\n") (call halve 5.0) (fpext (call twice (float 1.25)) double)
              (call widen -3) (call strlen (string "four")))
            (ret 0)))
        """);

    [RequiresTheory(Need.Clang)]
    [MemberData(nameof(Requirements.WholeProgramDevices), MemberType = typeof(Requirements))]
    public void Declared_functions_are_called_natively_with_their_arguments_and_results_as_C_passes_them(string device)
    {
        var r = CliRunner.Run("run", Program(), "--device", device, "--with", Helpers());
        Assert.True(r.ExitCode == 0, r.Stderr);
        // The native function wrote into the program's array, and the pointer it returned points into it.
        Assert.Equal("4 16 16\n7\n2.5 2.5 -25769803776 4\n", r.Stdout);
    }

    [Fact]
    public void A_declaration_nothing_provides_is_still_TR0216()
    {
        var r = CliRunner.Run("run", _cli.Write("missing.lisp", """
            (c-lisp
              (define ((no_such_function_anywhere int) (x int)))
              (define ((main int)) (ret (call no_such_function_anywhere 1))))
            """), "--device", "interp");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0216", r.Stderr);
    }

    [Fact]
    public void Device_code_cannot_call_a_native_function()
    {
        var r = CliRunner.Run("run", _cli.Write("device.lisp", """
            (c-lisp
              (define ((strlen int64) (s (ptr int8))))
              (define-kernel ((k void) (out (ptr int64)))
                (store out (call strlen (string "x"))))
              (define ((main int)) (ret 0)))
            """), "--device", "interp");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0211", r.Stderr);
    }

    [Fact]
    public void A_with_file_that_does_not_compile_is_reported_and_nothing_runs()
    {
        var r = CliRunner.Run("run", Program(), "--device", "interp", "--with", _cli.Write("broken.c", "int f( {"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("broken.c", r.Stderr);
        Assert.Equal("", r.Stdout);
    }
}
