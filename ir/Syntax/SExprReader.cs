using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Translate.Ir.Diagnostics;

namespace Translate.Ir.Syntax;

/// <summary>
/// Reads S-expression text: lists in <c>( )</c> or <c>[ ]</c>, atoms, strings with escapes and
/// <c>;</c> comments. Every node keeps its line:column; errors are reported there, never thrown
/// as anything but a <see cref="DiagnosticException"/>.
/// </summary>
public sealed class SExprReader
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private SExprReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Decodes bytes as strict UTF-8 (a BOM is skipped) and reads every top-level form.</summary>
    public static ImmutableArray<SExpr> ReadAll(byte[] bytes, string file)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, col) = LineColumnOfByte(bytes, e.Index < 0 ? 0 : e.Index);
            throw new DiagnosticException(new Diagnostic(Codes.NotUtf8, new SourceLocation(file, line, col),
                $"the file is not UTF-8 text (invalid byte at offset {Math.Max(e.Index, 0)})"));
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return ReadAll(text, file);
    }

    /// <summary>Reads every top-level form of <paramref name="text"/>.</summary>
    public static ImmutableArray<SExpr> ReadAll(string text, string file)
    {
        var reader = new SExprReader(text, file);
        var items = ImmutableArray.CreateBuilder<SExpr>();
        while (true)
        {
            reader.SkipSpaceAndComments();
            if (reader._pos >= text.Length) break;
            items.Add(reader.ReadOne());
        }
        return items.ToImmutable();
    }

    private SourceLocation Here => new(_file, _line, _pos - _lineStart + 1);

    private DiagnosticException Error(DiagnosticCode code, SourceLocation at, string message) =>
        new(new Diagnostic(code, at, message));

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }
        _pos++;
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == ';')
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else if (char.IsWhiteSpace(c)) Advance();
            else break;
        }
    }

    private SExpr ReadOne()
    {
        var start = Here;
        char c = _text[_pos];
        switch (c)
        {
            case '(':
            case '[':
                return ReadList(c == '[' ? ']' : ')', start);
            case ')':
            case ']':
                throw Error(Codes.UnbalancedClose, start, $"unexpected '{c}' with no list open");
            case '"':
                return ReadString(start);
            default:
                return ReadAtom(start);
        }
    }

    /// <summary>
    /// Lists may nest this deep. Every stage after the reader recurses over the tree, so deeper
    /// input (the fuzzer wrote 20,000 '(') overflowed the stack and killed the process.
    /// </summary>
    public const int MaxNesting = 1000;

    private int _depth;

    private SList ReadList(char close, SourceLocation start)
    {
        if (++_depth > MaxNesting)
            throw Error(Codes.NestedTooDeeply, start, $"lists nest more than {MaxNesting} deep here");
        try
        {
            return ReadListItems(close, start);
        }
        finally
        {
            _depth--;
        }
    }

    private SList ReadListItems(char close, SourceLocation start)
    {
        Advance(); // the opening bracket
        var items = ImmutableArray.CreateBuilder<SExpr>();
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= _text.Length)
                throw Error(Codes.UnbalancedOpen, start, $"this '{(close == ')' ? '(' : '[')}' is never closed");
            char c = _text[_pos];
            if (c == ')' || c == ']')
            {
                if (c != close)
                    throw Error(Codes.MismatchedBracket, Here,
                        $"'{c}' closes the '{(close == ')' ? '(' : '[')}' opened at {start.Line}:{start.Column}; expected '{close}'");
                Advance();
                return new SList(items.ToImmutable(), close == ']', start);
            }
            items.Add(ReadOne());
        }
    }

    private SString ReadString(SourceLocation start)
    {
        Advance(); // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error(Codes.BadString, start, "string is never closed");
            char c = _text[_pos];
            if (c == '"')
            {
                Advance();
                return new SString(sb.ToString(), start);
            }
            if (c != '\\')
            {
                sb.Append(c);
                Advance();
                continue;
            }
            var escAt = Here;
            Advance();
            if (_pos >= _text.Length) throw Error(Codes.BadString, start, "string is never closed");
            char e = _text[_pos];
            Advance();
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case 'x':
                    if (_pos + 2 > _text.Length || !int.TryParse(_text.AsSpan(_pos, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        throw Error(Codes.BadString, escAt, "\\x must be followed by two hex digits");
                    sb.Append((char)code);
                    Advance(); Advance();
                    break;
                default:
                    throw Error(Codes.BadString, escAt, $"unknown escape '\\{e}'");
            }
        }
    }

    private SAtom ReadAtom(SourceLocation start)
    {
        int begin = _pos;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c) || c is '(' or ')' or '[' or ']' or ';') break;
            if (c == '"') throw Error(Codes.BadToken, Here, "a string cannot start inside a symbol");
            Advance();
        }
        return new SAtom(_text[begin.._pos], start);
    }

    /// <summary>Line and column (in UTF-16 units, as everywhere else) of a byte offset; a leading BOM is not text.</summary>
    private static (int Line, int Column) LineColumnOfByte(byte[] bytes, int index)
    {
        int line = 1, col = 1;
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        for (int i = start; i < index && i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b == (byte)'\n') { line++; col = 1; }
            else if ((b & 0xC0) != 0x80) col += b >= 0xF0 ? 2 : 1; // a 4-byte sequence is a surrogate pair
        }
        return (line, col);
    }
}
