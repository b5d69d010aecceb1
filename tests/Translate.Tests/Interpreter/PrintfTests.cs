namespace Translate.Tests.Interpreter;

/// <summary>printf output must be byte-for-byte what glibc prints; the expected lines come from gcc + glibc.</summary>
public class PrintfTests : InterpreterTestBase
{
    private static void AssertLine(string expected, string format, string arguments) =>
        AssertPrints(expected + "\n", $$"""
            (c-lisp
              (define ((main int))
                (call printf (string "{{format}}\n") {{arguments}})
                (ret 0)))
            """);

    [Fact]
    public void G_conversion() => AssertLine("[0.1|1e-05|1.23457e+08|1e+100|0.0001|100000]", "[%g|%g|%g|%g|%g|%g]",
        "(double 0.1) (double 1e-5) (double 123456789.0) (double 1e100) (double 0.0001) (double 100000.0)");

    [Fact]
    public void E_conversion() => AssertLine("[1.000000e-01|1.235e+05|1.000000E-300|2e+00|2.e+00]", "[%e|%.3e|%E|%.0e|%#.0e]",
        "(double 0.1) (double 123456.789) (double 1e-300) (double 2.5) (double 2.5)");

    [Fact]
    public void F_conversion_rounds_exact_ties_to_even_and_prints_exact_digits() =>
        AssertLine("[0.12|0|2|2|100000000000000000000.000000|0.10000000000000000555]", "[%.2f|%.0f|%.0f|%.0f|%f|%.20f]",
            "(double 0.125) (double 0.5) (double 1.5) (double 2.5) (double 1e20) (double 0.1)");

    [Fact]
    public void Flags_width_and_precision_on_floats() =>
        AssertLine("[     3.142|2.50      |+1.000000| 1.000000|-000003.50|3.]", "[%10.3f|%-10.2f|%+f|% f|%010.2f|%#.0f]",
            "(double 3.14159) (double 2.5) (double 1.0) (double 1.0) (double -3.5) (double 3.0)");

    [Fact]
    public void Hex_floats() => AssertLine("[0x1p+0|0x1.999999999999ap-4|-0x1.ep+1|0x1.55p-2|0X1.FFP+7]", "[%a|%a|%a|%.2a|%A]",
        "(double 1.0) (double 0.1) (double -3.75) (fdiv (double 1.0) (double 3.0)) (double 255.5)");

    [Fact]
    public void More_g_cases() => AssertLine("[0.333333|1E-10|1.00000|1.23e+06|0.1|4.94066e-324]", "[%g|%G|%#g|%.3g|%.10g|%g]",
        "(fdiv (double 1.0) (double 3.0)) (double 1e-10) (double 1.0) (double 1234567.0) (double 0.1) (double 5e-324)");

    [Fact]
    public void Signed_integers() => AssertLine("[42|   42|42   |-0042|+42| 42|007|]", "[%d|%5d|%-5d|%05d|%+d|% d|%.3d|%.0d]",
        "42 42 42 -42 42 42 7 0");

    [Fact]
    public void Unsigned_and_length_modifiers() =>
        AssertLine("[4294967295|ff|FF|0xff|10|010|ffffffffffffffff|18446744073709551615|44|4464]", "[%u|%x|%X|%#x|%o|%#o|%lx|%llu|%hhd|%hd]",
            "-1 255 255 255 8 8 (int64 -1) (int64 -1) 300 70000");

    [Fact]
    public void Chars_strings_pointers_and_stars() =>
        AssertLine("[A|hi|he|     right|left  |(nil)|%|     1|2   |3.14]", "[%c|%s|%.2s|%10s|%-6s|%p|%%|%*d|%-*d|%.*f]",
            "65 (string \"hi\") (string \"hello\") (string \"right\") (string \"left\") (null (ptr int8)) 6 1 4 2 2 (double 3.14159)");

    [Fact]
    public void Infinities_and_nan() => AssertLine("[inf|-inf|-nan|  inf|INF]", "[%f|%e|%g|%5.1f|%F]",
        "(fdiv (double 1.0) (double 0.0)) (fdiv (double -1.0) (double 0.0)) (fdiv (double 0.0) (double 0.0)) (fdiv (double 1.0) (double 0.0)) (fdiv (double 1.0) (double 0.0))");

    [Fact]
    public void Rand_matches_glibc() => AssertPrints("1804289383 846930886 1681692777\n71876166 708592740\n", """
        (c-lisp
          (define ((main int))
            (declare a int) (declare b int) (declare c int)
            (set a (call rand)) (set b (call rand)) (set c (call rand))
            (call printf (string "%d %d %d\n") a b c)
            (call srand 42)
            (set a (call rand)) (set b (call rand))
            (call printf (string "%d %d\n") a b)
            (ret 0)))
        """);

    [Fact]
    public void Device_printf_writes_each_call_whole()
    {
        AssertPrints("thread 0 says 1.500000\nthread 1 says 1.500000\n", """
            (c-lisp
              (define-kernel ((k void) (x float))
                (call printf (string "thread %d says %f\n") [tid.x] (fpext x double)))
              (define ((main int))
                (launch k (grid 1 1 1) (block 2 1 1) (shared (int64 0)) (stream (null (ptr int8))) (float 1.5))
                (ret 0)))
            """);
    }

    [Fact]
    public void Putchar_and_puts() => AssertPrints("ab\nline\n", """
        (c-lisp
          (define ((main int))
            (call putchar 97) (call putchar 98) (call putchar 10)
            (call puts (string "line"))
            (ret 0)))
        """);

    [Fact]
    public void A_conversion_given_the_wrong_kind_of_argument_is_TR0314() =>
        RunFails("(c-lisp (define ((main int)) (call printf (string \"%f\\n\") 3) (ret 0)))", Ir.Diagnostics.Codes.BadFormat);

    [Fact]
    public void Too_few_arguments_is_TR0314() =>
        RunFails("(c-lisp (define ((main int)) (call printf (string \"%d %d\\n\") 3) (ret 0)))", Ir.Diagnostics.Codes.BadFormat);
}
