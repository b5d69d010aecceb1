using System.Collections.Immutable;
using System.Text;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Tests.Syntax;

/// <summary>Small helpers so reader tests read as "this text gives that tree / that error".</summary>
internal static class ReaderAssert
{
    public const string FileName = "t.lisp";

    public static ImmutableArray<SExpr> Read(string text) => SExprReader.ReadAll(text, FileName);

    public static SExpr ReadOne(string text) => Assert.Single(Read(text));

    /// <summary>Reading fails with exactly one diagnostic; returns it.</summary>
    public static Diagnostic Fails(string text) =>
        Assert.Single(Assert.Throws<DiagnosticException>(() => Read(text)).Diagnostics);

    public static Diagnostic FailsOnBytes(byte[] bytes) =>
        Assert.Single(Assert.Throws<DiagnosticException>(() => SExprReader.ReadAll(bytes, FileName)).Diagnostics);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static void At(SExpr e, int line, int column)
    {
        Assert.Equal(FileName, e.Location.File);
        Assert.Equal((line, column), (e.Location.Line, e.Location.Column));
    }

    public static void IsError(Diagnostic d, DiagnosticCode code, int line, int column)
    {
        Assert.Equal(code.Id, d.Code.Id);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Equal(FileName, d.Location.File);
    }
}
