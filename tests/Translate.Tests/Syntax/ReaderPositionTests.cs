using Translate.Ir.Syntax;
using static Translate.Tests.Syntax.ReaderAssert;

namespace Translate.Tests.Syntax;

/// <summary>Every node the reader makes remembers the line:column of its first character.</summary>
public class ReaderPositionTests
{
    [Fact]
    public void An_atom_at_the_start_of_the_text_is_at_1_1()
    {
        At(ReadOne("abc"), 1, 1);
    }

    [Fact]
    public void Items_of_a_list_are_at_their_own_columns()
    {
        var l = Assert.IsType<SList>(ReadOne("(add  x 12)"));
        At(l, 1, 1);
        At(l[0], 1, 2);
        At(l[1], 1, 7);
        At(l[2], 1, 9);
    }

    [Fact]
    public void Lines_count_from_1_and_columns_restart_after_a_newline()
    {
        var l = Assert.IsType<SList>(ReadOne("(a\n  b\n\n    (c d))"));
        At(l[1], 2, 3);
        At(l[2], 4, 5);
        At(((SList)l[2])[1], 4, 8);
    }

    [Fact]
    public void A_comment_is_skipped_and_does_not_shift_the_next_line()
    {
        var forms = Read("; heading (not a list\n  x ; trailing ) comment\ny");
        Assert.Equal(2, forms.Length);
        At(forms[0], 2, 3);
        At(forms[1], 3, 1);
    }

    [Fact]
    public void A_comment_at_the_end_of_the_text_without_a_newline_is_fine()
    {
        At(ReadOne("x ; the end"), 1, 1);
    }

    [Fact]
    public void CRLF_line_ends_count_as_one_line_break()
    {
        var l = Assert.IsType<SList>(ReadOne("(a\r\n b\r\n\r\n  c)"));
        At(l[1], 2, 2);
        At(l[2], 4, 3);
    }

    [Fact]
    public void A_comment_ended_by_CRLF_does_not_swallow_the_next_line()
    {
        var forms = Read("; note\r\nx\r\n;; more\r\n  y");
        At(forms[0], 2, 1);
        At(forms[1], 4, 3);
    }

    [Fact]
    public void A_tab_counts_as_one_column()
    {
        At(ReadOne("\t\tx"), 1, 3);
    }

    [Fact]
    public void A_string_is_at_its_opening_quote_and_a_newline_inside_it_moves_later_positions()
    {
        var l = Assert.IsType<SList>(ReadOne("(s \"one\ntwo\" z)"));
        At(l[1], 1, 4);
        At(l[2], 2, 6);
    }

    [Fact]
    public void Columns_count_UTF16_code_units()
    {
        var l = Assert.IsType<SList>(ReadOne("(é x)"));
        At(l[1], 1, 5 - 1);
        var astral = Assert.IsType<SList>(ReadOne("(\U0001F600 x)"));
        At(astral[1], 1, 5); // the emoji is two UTF-16 code units
    }

    [Fact]
    public void Bytes_with_a_byte_order_mark_read_as_if_it_were_absent()
    {
        var forms = SExprReader.ReadAll([0xEF, 0xBB, 0xBF, .. Utf8("(a b)")], FileName);
        At(forms[0], 1, 1);
        At(((SList)forms[0])[1], 1, 4);
    }

    [Fact]
    public void Several_top_level_forms_are_read_in_order()
    {
        var forms = Read("(a) [b] c \"d\"");
        Assert.Collection(forms,
            f => At(f, 1, 1), f => At(f, 1, 5), f => At(f, 1, 9), f => At(f, 1, 11));
    }

    [Fact]
    public void Whitespace_and_comments_only_read_as_no_forms()
    {
        Assert.Empty(Read(""));
        Assert.Empty(Read("  \n\t; nothing here\r\n"));
    }
}
