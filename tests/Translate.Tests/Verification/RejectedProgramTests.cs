using Translate.Ir.Diagnostics;

namespace Translate.Tests.Verification;

public class RejectedProgramTests : CheckerTestBase
{
    [Fact]
    public void An_undeclared_variable_is_reported_where_it_is_used()
    {
        var d = ExpectError("(c-lisp\n  (define ((f int))\n    (ret x)))", Codes.UndeclaredVariable);
        Assert.Equal((3, 10), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Mixing_int_and_int64_operands_is_a_type_mismatch()
    {
        ExpectError("(c-lisp (define ((f int64) (a int) (b int64)) (ret (add a b))))", Codes.TypeMismatch);
    }

    [Fact]
    public void A_float_op_on_integers_names_the_integer_op()
    {
        var d = ExpectError("(c-lisp (define ((f int) (a int)) (ret (fadd a a))))", Codes.TypeMismatch);
        Assert.Contains("'add'", d.Message);
    }

    [Fact]
    public void A_literal_that_does_not_fit_its_type_is_reported()
    {
        ExpectError("(c-lisp (define ((f void)) (declare x int8) (set x 300)))", Codes.BadLiteral);
    }

    [Fact]
    public void Break_outside_a_loop_is_reported()
    {
        ExpectError("(c-lisp (define ((f void)) (break)))", Codes.BreakOutsideLoop);
    }

    [Fact]
    public void Thread_index_in_host_code_is_reported()
    {
        ExpectError("(c-lisp (define ((main int)) (ret [tid.x])))", Codes.KernelOnly);
    }

    [Fact]
    public void Calling_a_declared_function_no_device_provides_is_reported()
    {
        ExpectError("(c-lisp (define ((print void) (n int))) (define ((main void)) (call print 1)))", Codes.UnsupportedExternal);
    }

    [Fact]
    public void Wrong_argument_count_is_reported()
    {
        ExpectError("(c-lisp (define ((g int) (a int)) (ret a)) (define ((f int)) (ret (call g 1 2))))", Codes.ArgumentCount);
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_at_once()
    {
        var e = Assert.Throws<DiagnosticException>(() => Check("(c-lisp (define ((f void)) (set a 1) (set b 2)))"));
        Assert.Equal(2, e.Diagnostics.Count);
    }

    [Fact]
    public void A_field_of_an_unknown_struct_is_a_diagnostic_not_a_crash()
    {
        // Found by the random-edit property: the parameter's type is reported, and its uses too.
        ExpectError("(c-lisp (define ((f float) (v (ptr (struct nope)))) (ret (load (sptradd v x)))))", Codes.UnknownStruct);
    }
}
