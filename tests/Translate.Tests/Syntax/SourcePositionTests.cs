using Translate.Ir.Analysis;
using Translate.Ir.Parsing;
using Translate.Ir.Syntax;

namespace Translate.Tests.Syntax;

/// <summary>
/// Build mode embeds device code as IR text; a diagnostic about it is reported at the CUDA statement its
/// position falls under (the last <c>loc</c> before it), not at a line of that text.
/// </summary>
public class SourcePositionTests
{
    private const string Text = """
        (c-lisp
          (define-kernel ((k void) (p (ptr int)))
            (loc "main.cu" 10 3)
            (store p 1)
            (loc "main.cu" 12 5)
            (store (ptradd p 1)
              2)))
        """;

    [Fact]
    public void A_position_in_the_text_maps_to_the_statement_it_belongs_to()
    {
        var module = IrParser.ParseText(Text, "main.cu");
        var positions = new SourcePositions(module);
        Assert.Equal(new SourceLocation("main.cu", 10, 3), positions.ToSource(new SourceLocation("main.cu", 4, 7)));
        Assert.Equal(new SourceLocation("main.cu", 12, 5), positions.ToSource(new SourceLocation("main.cu", 7, 9)));
    }

    [Fact]
    public void A_function_header_maps_to_its_first_statement()
    {
        var module = IrParser.ParseText(Text, "main.cu");
        var positions = new SourcePositions(module);
        Assert.Equal(new SourceLocation("main.cu", 10, 3), positions.ToSource(module.Functions.Single().Location));
        Assert.Equal(new SourceLocation("main.cu", 10, 3), SourcePositions.Of(module.Functions.Single()));
    }

    [Fact]
    public void A_position_in_another_file_is_left_alone()
    {
        var positions = new SourcePositions(IrParser.ParseText(Text, "main.cu"));
        Assert.Equal(new SourceLocation("kernels.h", 4, 1), positions.ToSource(new SourceLocation("kernels.h", 4, 1)));
    }
}
