namespace Translate.Tests.Interpreter;

public class ArithmeticAndCastTests : InterpreterTestBase
{
    [Fact]
    public void Upstream_casts_program_prints_what_llama_lisp_prints()
    {
        AssertPrints("3\n-2\n-3\n1.414214\n", """
            (c-lisp
              (define ((print16 void) (n int16)) (call printf (string "%d\n") (sext n int32)))
              (define ((main void))
                (declare num-32 (ptr int))
                (set num-32 (alloc int 1))
                (store num-32 196612)
                (declare num-16 (ptr int16))
                (set num-16 (bitcast num-32 (ptr int16)))
                (call print16 (load (ptradd num-16 1)))
                (declare small-int int8)
                (set small-int (trunc 255 int8))
                (call print16 (sext (mul small-int (trunc 2 int8)) int16))
                (declare fnum float)
                (set fnum (sitofp -3 float))
                (call print16 (trunc (fptosi fnum int) int16))
                (declare d double)
                (set d (call pow (fpext 2.0 double) (fpext 0.5 double)))
                (call printf (string "%f\n") d)))
            """);
    }

    [Fact]
    public void Integers_wrap_and_unsigned_operations_see_the_bits_as_unsigned()
    {
        AssertPrints("-2147483648 0 4294967295 2147483647 1 -1 0\n", """
            (c-lisp
              (define ((main int))
                (declare m int)
                (set m 2147483647)
                (call printf (string "%d %d %u %d %d %d %d\n")
                  (add m 1)
                  (rem (sub 0 2147483648) -1)
                  (sub 0 1)
                  (udiv (sub 0 1) 2)
                  (zext (ugt (sub 0 1) 1) int)
                  (ashr (sub 0 2) 1)
                  (zext (lt (lshr (sub 0 1) 1) 0) int))
                (ret 0)))
            """);
    }

    [Fact]
    public void Shift_amounts_are_taken_modulo_the_width()
    {
        AssertPrints("2 1\n", """
            (c-lisp
              (define ((main int))
                (call printf (string "%d %d\n") (shl 1 33) (lshr 2 33))
                (ret 0)))
            """);
    }

    [Fact]
    public void Float_to_int_saturates_and_nan_gives_zero()
    {
        AssertPrints("2147483647 -2147483648 0 255 0\n", """
            (c-lisp
              (define ((main int))
                (declare big double)
                (set big (double 1e20))
                (declare nan double)
                (set nan (fdiv (double 0.0) (double 0.0)))
                (call printf (string "%d %d %d %d %d\n")
                  (fptosi big int) (fptosi (fneg big) int) (fptosi nan int)
                  (zext (fptoui (double 300.0) int8) int) (zext (fptoui (double -5.0) int8) int))
                (ret 0)))
            """);
    }

    [Fact]
    public void Division_by_zero_stops_the_program_with_TR0306()
    {
        var d = RunFails("""
            (c-lisp
              (define ((main int))
                (declare z int)
                (set z 0)
                (ret (div 7 z))))
            """, Ir.Diagnostics.Codes.DivideByZero);
        Assert.Equal(5, d.Location.Line);
    }

    [Fact]
    public void Fne_is_true_on_nan_and_the_other_comparisons_are_ordered()
    {
        AssertPrints("1 0 0\n", """
            (c-lisp
              (define ((main int))
                (declare nan float)
                (set nan (fdiv 0.0 0.0))
                (call printf (string "%d %d %d\n") (zext (fne nan nan) int) (zext (feq nan nan) int) (zext (flt nan 1.0) int))
                (ret 0)))
            """);
    }

    [Fact]
    public void Half_and_bfloat16_round_to_their_precision()
    {
        AssertPrints("0.099976 0.100098 2049.000000 2048.000000\n", """
            (c-lisp
              (define ((main int))
                (declare h half)
                (set h (fptrunc (double 0.1) half))
                (declare b bfloat16)
                (set b (fptrunc (float 0.1) bfloat16))
                (call printf (string "%f %f %f %f\n") (fpext h double) (fpext b double)
                  (fpext (fptrunc (double 2049.0) float) double) (fpext (fptrunc (double 2049.0) half) double))
                (ret 0)))
            """);
    }
}
