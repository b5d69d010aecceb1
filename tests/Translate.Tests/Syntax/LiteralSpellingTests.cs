using Translate.Ir.Verification;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;

namespace Translate.Tests.Syntax;

/// <summary>How number literals are read, and that each prints back to one canonical spelling.</summary>
public class LiteralSpellingTests
{
    private static Expr Returned(string literal)
    {
        var m = IrParser.ParseText($"(c-lisp (define ((f int)) (ret {literal})))", "t.lisp");
        var ret = (ReturnStmt)m.Functions.Single().Body!.Statements.Single();
        return ret.Value!;
    }

    private static string Canonical(string literal) => SExprWriterFlat(IrPrinter.ToSExpr(Returned(literal)));

    private static string SExprWriterFlat(Ir.Syntax.SExpr e) => Ir.Syntax.SExprWriter.Flat(e);

    // Read and checked: a spelling that is no number reads as a name (as in upstream's Scheme reader,
    // where 12-idx is a variable), and the checker says it is a malformed number when nothing declares it.
    private static Diagnostic Rejected(string literal) =>
        Assert.Single(Assert.Throws<DiagnosticException>(() =>
            TypeChecker.Check(IrParser.ParseText($"(c-lisp (define ((f int)) (ret {literal})))", "t.lisp"))).Diagnostics);

    [Fact]
    public void A_declared_name_that_starts_with_digits_is_a_variable_as_upstream_reads_it()
    {
        var m = TypeChecker.Check(IrParser.ParseText("(c-lisp (define ((f int)) (declare 12-idx int) (set 12-idx 3) (ret 12-idx)))", "t.lisp"));
        Assert.Equal("12-idx", ((VarRef)((ReturnStmt)m.Module.Functions.Single().Body!.Statements[^1]).Value!).Name);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("+42", "42")]
    [InlineData("-0", "0")]
    [InlineData("0x1F", "31")]
    [InlineData("-0x10", "-16")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("(int64 0xffffffffffffffff)", "(int64 18446744073709551615)")]
    [InlineData("(int32 7)", "(int 7)")]
    public void Integers_print_in_decimal(string literal, string canonical)
    {
        Assert.Equal(canonical, Canonical(literal));
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("1.", "1.0")]
    [InlineData(".25", "0.25")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1e3", "1000.0")]
    [InlineData("1.5E-7", "1.5e-07")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("+inf.0", "+inf.0")]
    [InlineData("-inf.0", "-inf.0")]
    [InlineData("+nan.0", "+nan.0")]
    [InlineData("(float 3)", "(float 3.0)")]
    [InlineData("(double 0.1)", "(double 0.1)")]
    [InlineData("(half 1)", "(half 1.0)")]
    [InlineData("(bfloat16 -2.5)", "(bfloat16 -2.5)")]
    public void Floats_print_with_a_point_or_an_exponent(string literal, string canonical)
    {
        var printed = Canonical(literal);
        Assert.Equal(canonical, printed);
        Assert.Equal(printed, Canonical(printed));
    }

    [Theory]
    [InlineData("12abc")]
    [InlineData("1.2.3")]
    [InlineData("0x")]
    [InlineData("0xG1")]
    [InlineData("1e")]
    [InlineData("(int 1.5)")]
    [InlineData("(int8 x)")]
    [InlineData("(float #t)")]
    [InlineData("(int 99999999999999999999)")]
    public void Malformed_numbers_are_TR0108(string literal)
    {
        Assert.Equal(Codes.BadLiteral.Id, Rejected(literal).Code.Id);
    }

    [Fact]
    public void An_integer_too_large_for_64_bits_is_TR0108_not_a_float()
    {
        // 2^64 does not fit any integer type; read as a float it would silently change type and value.
        Assert.Equal(Codes.BadLiteral.Id, Rejected("18446744073709551616").Code.Id);
    }

    [Fact]
    public void A_float_literal_that_overflows_to_infinity_is_TR0108()
    {
        // Infinity is spelled +inf.0; 1e400 is a literal out of range, as the code TR0108 says.
        Assert.Equal(Codes.BadLiteral.Id, Rejected("1e400").Code.Id);
    }
}
