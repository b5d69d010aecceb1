using Translate.Ir.Parsing;

namespace Translate.Tests;

public class SmokeTests
{
    [Fact]
    public void An_empty_program_parses()
    {
        var m = IrParser.ParseText("(c-lisp)");
        Assert.Empty(m.Definitions);
    }
}
