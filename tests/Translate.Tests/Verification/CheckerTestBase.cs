using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Tests.Verification;

/// <summary>Helpers for type-checker specifications: check text, or expect a code at a line:column.</summary>
public abstract class CheckerTestBase
{
    protected static CheckedModule Check(string text) => TypeChecker.Check(IrParser.ParseText(text, "t.lisp"));

    protected static Diagnostic ExpectError(string text, DiagnosticCode code)
    {
        var e = Assert.Throws<DiagnosticException>(() => Check(text));
        var d = e.Diagnostics.FirstOrDefault(x => x.Code == code);
        Assert.True(d is not null, $"expected {code.Id}, got:\n{string.Join("\n", e.Diagnostics)}");
        return d!;
    }
}
