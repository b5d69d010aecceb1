using Translate.Ir.Syntax;
using static Translate.Tests.Syntax.ReaderAssert;

namespace Translate.Tests.Syntax;

/// <summary>What the reader makes of lists, brackets, atoms and strings.</summary>
public class ReaderShapeTests
{
    [Fact]
    public void Square_brackets_read_as_a_list_that_remembers_its_brackets()
    {
        var l = Assert.IsType<SList>(ReadOne("[tid.x]"));
        Assert.True(l.Bracketed);
        Assert.Equal("tid.x", l.Head);
        Assert.Equal("[tid.x]", SExprWriter.Flat(l));
    }

    [Fact]
    public void Parentheses_read_as_a_list_without_brackets()
    {
        var l = Assert.IsType<SList>(ReadOne("(add [tid.x] 1)"));
        Assert.False(l.Bracketed);
        Assert.True(((SList)l[1]).Bracketed);
    }

    [Fact]
    public void An_empty_list_has_no_head()
    {
        var l = Assert.IsType<SList>(ReadOne("()"));
        Assert.Equal(0, l.Count);
        Assert.Null(l.Head);
    }

    [Fact]
    public void A_list_whose_first_item_is_a_list_has_no_head()
    {
        Assert.Null(Assert.IsType<SList>(ReadOne("((a) b)")).Head);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-42")]
    [InlineData("+inf.0")]
    [InlineData("#t")]
    [InlineData("tid.x")]
    [InlineData("ptr-to")]
    [InlineData("a.b/c*d")]
    public void An_atom_keeps_its_exact_spelling(string text)
    {
        Assert.Equal(text, Assert.IsType<SAtom>(ReadOne(text)).Text);
    }

    [Theory]
    [InlineData("(a(b))", new[] { "a", "(b)" })]
    [InlineData("(a;b\n)", new[] { "a" })]
    [InlineData("(a[b])", new[] { "a", "[b]" })]
    [InlineData("(a\tb\r\nc)", new[] { "a", "b", "c" })]
    public void Atoms_end_at_brackets_comments_and_whitespace(string text, string[] items)
    {
        var l = Assert.IsType<SList>(ReadOne(text));
        Assert.Equal(items, l.Items.Select(SExprWriter.Flat));
    }

    [Theory]
    [InlineData(@"""plain""", "plain")]
    [InlineData(@"""a\nb""", "a\nb")]
    [InlineData(@"""tab\there""", "tab\there")]
    [InlineData(@"""cr\r""", "cr\r")]
    [InlineData(@"""nul\0""", "nul\0")]
    [InlineData(@"""back\\slash""", "back\\slash")]
    [InlineData(@"""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"""\x41\x7f\x0a""", "A\x7f\n")]
    [InlineData(@"""; not a comment ( [""", "; not a comment ( [")]
    [InlineData("\"h\u00e9llo \u4e16\u754c\"", "h\u00e9llo \u4e16\u754c")]
    [InlineData(@"""""", "")]
    public void Strings_decode_their_escapes(string text, string value)
    {
        Assert.Equal(value, Assert.IsType<SString>(ReadOne(text)).Value);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a\nb\tc\rd\0e")]
    [InlineData("quote \" and \\ backslash")]
    [InlineData("\x01\x1f\x7f control")]
    [InlineData("unicode \u00e9 \U0001F600")]
    public void A_quoted_string_reads_back_as_the_same_value(string value)
    {
        var quoted = SExprWriter.QuoteString(value);
        Assert.Equal(value, Assert.IsType<SString>(ReadOne(quoted)).Value);
    }

    [Fact]
    public void Writing_a_read_tree_flat_gives_back_the_text_modulo_spacing()
    {
        const string text = "(define ((f int) (x int))\n  ; comment\n  (ret [tid.x]) (string \"a\\nb\"))";
        Assert.Equal("(define ((f int) (x int)) (ret [tid.x]) (string \"a\\nb\"))", SExprWriter.Flat(ReadOne(text)));
    }
}
