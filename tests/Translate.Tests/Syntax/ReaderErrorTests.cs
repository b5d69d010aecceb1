using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using static Translate.Tests.Syntax.ReaderAssert;

namespace Translate.Tests.Syntax;

/// <summary>Each reading error has its own code and points at the character that explains it.</summary>
public class ReaderErrorTests
{
    [Fact]
    public void An_unclosed_paren_is_TR0002_at_the_paren_that_is_never_closed()
    {
        IsError(Fails("(a\n  (b c)\n  (d"), Codes.UnbalancedOpen, 3, 3);
    }

    [Fact]
    public void Lists_nested_deeper_than_the_limit_are_TR0008_not_a_stack_overflow()
    {
        int deep = Translate.Ir.Syntax.SExprReader.MaxNesting + 1;
        IsError(Fails(new string('(', 20_000)), Codes.NestedTooDeeply, 1, deep);
        var atLimit = new string('(', deep - 1) + new string(')', deep - 1);
        Assert.Single(Translate.Ir.Syntax.SExprReader.ReadAll(atLimit, "deep.lisp"));
    }

    [Fact]
    public void An_unclosed_outer_paren_is_reported_at_the_outer_paren()
    {
        IsError(Fails("  (c-lisp\n (define ((f void)))"), Codes.UnbalancedOpen, 1, 3);
    }

    [Fact]
    public void An_unclosed_bracket_is_TR0002_too()
    {
        var d = Fails("(a [tid.x)");
        IsError(d, Codes.MismatchedBracket, 1, 10);
        IsError(Fails("x [tid.x"), Codes.UnbalancedOpen, 1, 3);
    }

    [Fact]
    public void A_stray_close_paren_is_TR0003_where_it_stands()
    {
        IsError(Fails("(a b)\n  )"), Codes.UnbalancedClose, 2, 3);
    }

    [Fact]
    public void A_stray_close_bracket_is_TR0003()
    {
        IsError(Fails("]"), Codes.UnbalancedClose, 1, 1);
    }

    [Fact]
    public void A_paren_closed_by_a_bracket_is_TR0004_at_the_wrong_closer()
    {
        var d = Fails("(]");
        IsError(d, Codes.MismatchedBracket, 1, 2);
        Assert.Contains("1:1", d.Message); // names where the list was opened
    }

    [Fact]
    public void A_bracket_closed_by_a_paren_is_TR0004()
    {
        IsError(Fails("(x\n [tid.x))"), Codes.MismatchedBracket, 2, 8);
    }

    [Fact]
    public void An_unterminated_string_is_TR0005_at_its_opening_quote()
    {
        IsError(Fails("(printf\n  \"hello)"), Codes.BadString, 2, 3);
    }

    [Fact]
    public void A_string_ending_in_a_lone_backslash_is_TR0005()
    {
        IsError(Fails("\"abc\\"), Codes.BadString, 1, 1);
    }

    [Theory]
    [InlineData("\"a\\qb\"", 3)]
    [InlineData("\"ab\\u0041\"", 4)]
    [InlineData("\"\\x4\"", 2)]
    [InlineData("\"\\xzz\"", 2)]
    [InlineData("\"\\x", 2)]
    public void A_bad_escape_is_TR0005_at_its_backslash(string text, int column)
    {
        IsError(Fails(text), Codes.BadString, 1, column);
    }

    [Fact]
    public void A_quote_inside_a_symbol_is_TR0006_at_the_quote()
    {
        IsError(Fails("(abc\"def\")"), Codes.BadToken, 1, 5);
    }

    [Fact]
    public void An_invalid_UTF8_byte_is_TR0001_at_its_line_and_column()
    {
        byte[] bytes = [.. Utf8("(a\n  b"), 0xFF, .. Utf8(")")];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 2, 4);
    }

    [Fact]
    public void A_truncated_multibyte_sequence_is_TR0001()
    {
        byte[] bytes = [.. Utf8("(x "), 0xC3];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 1, 4);
    }

    [Fact]
    public void An_overlong_encoding_is_TR0001()
    {
        byte[] bytes = [.. Utf8("ab"), 0xC0, 0xAF];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 1, 3);
    }

    [Fact]
    public void An_encoded_surrogate_is_TR0001()
    {
        byte[] bytes = [.. Utf8("a"), 0xED, 0xA0, 0x80];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 1, 2);
    }

    [Fact]
    public void Multibyte_characters_before_an_invalid_byte_count_as_one_column_each()
    {
        byte[] bytes = [.. Utf8("\"\u00e9\u4e16\""), 0x80];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 1, 5);
    }

    [Fact]
    public void A_character_outside_the_BMP_before_an_invalid_byte_counts_as_two_columns()
    {
        // Columns count UTF-16 code units (SourceLocation's contract), as they do for valid text.
        byte[] bytes = [.. Utf8("\U0001F600"), 0xFF];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 1, 3);
    }

    [Fact]
    public void A_byte_order_mark_does_not_count_as_a_column_of_an_invalid_byte()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Utf8("ab"), 0xFF];
        IsError(FailsOnBytes(bytes), Codes.NotUtf8, 1, 3);
    }

    [Fact]
    public void An_invalid_byte_far_into_a_large_file_is_still_located()
    {
        var line = Utf8(new string('x', 99) + "\n");
        var bytes = new List<byte>();
        for (int i = 0; i < 2000; i++) bytes.AddRange(line);
        bytes.AddRange(Utf8("abc"));
        bytes.Add(0xFE);
        IsError(FailsOnBytes([.. bytes]), Codes.NotUtf8, 2001, 4);
    }

    [Fact]
    public void An_empty_file_is_TR0007_from_the_parser_at_1_1()
    {
        var e = Assert.Throws<DiagnosticException>(() => IrParser.ParseFile([], FileName));
        IsError(Assert.Single(e.Diagnostics), Codes.EmptyInput, 1, 1);
    }

    [Fact]
    public void A_file_of_only_comments_is_TR0007()
    {
        var e = Assert.Throws<DiagnosticException>(() => IrParser.ParseText("; just a note\n", FileName));
        IsError(Assert.Single(e.Diagnostics), Codes.EmptyInput, 1, 1);
    }

    [Fact]
    public void A_diagnostic_prints_as_file_line_column_severity_code_and_message()
    {
        var d = Fails("\n  )");
        Assert.StartsWith("t.lisp:2:3: error TR0003: ", d.ToString());
    }
}
