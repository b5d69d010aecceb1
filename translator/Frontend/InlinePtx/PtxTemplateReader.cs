using System.Globalization;

namespace Translate.Frontend.InlinePtx;

/// <summary>
/// Reads the PTX text of a CUDA <c>asm</c> template into statements: <c>%N</c> and <c>%[name]</c> become
/// references to the asm statement's operands, <c>%%</c> is a literal <c>%</c> (<c>%%laneid</c>); braces open
/// register scopes, <c>.reg</c> declares local registers (<c>r&lt;4&gt;</c> is r0…r3), <c>@p</c>/<c>@!p</c> guard an
/// instruction. What it cannot read is a <see cref="PtxException"/> naming the text.
/// </summary>
internal sealed class PtxTemplateReader
{
    private enum Kind { Word, Integer, Float, OperandRef, Punct, End }
    private readonly record struct Token(Kind Kind, string Text, long Integer = 0, double Float = 0, bool Single = false);

    private readonly List<Token> _tokens;
    private int _next;

    private PtxTemplateReader(List<Token> tokens) => _tokens = tokens;

    /// <summary>The statements of <paramref name="template"/>, whose operands are numbered 0…<paramref name="operandCount"/>-1
    /// (<paramref name="names"/> gives the symbolic names, <c>[name] "r"(x)</c>, by number).</summary>
    public static IReadOnlyList<PtxStatement> Read(string template, int operandCount, IReadOnlyList<string?>? names = null)
    {
        var reader = new PtxTemplateReader(Lex(template, operandCount, names ?? []));
        var statements = reader.Statements(topLevel: true);
        return statements;
    }

    private List<PtxStatement> Statements(bool topLevel)
    {
        var list = new List<PtxStatement>();
        while (true)
        {
            var t = Peek;
            if (t.Kind == Kind.End)
            {
                if (!topLevel) throw new PtxException("a '{' is not closed");
                return list;
            }
            if (IsPunct(t, "}"))
            {
                if (topLevel) throw new PtxException("a '}' has no matching '{'");
                _next++;
                return list;
            }
            if (IsPunct(t, ";")) { _next++; continue; }
            if (IsPunct(t, "{")) { _next++; list.Add(new PtxBlock(Statements(topLevel: false))); continue; }
            list.Add(Statement());
        }
    }

    private PtxStatement Statement()
    {
        var t = Peek;
        if (t.Kind == Kind.Word && t.Text == ".reg") { _next++; return Declaration(); }
        if (t.Kind == Kind.Word && t.Text.StartsWith('.'))
            throw new PtxException($"the directive '{t.Text}' is not read (only .reg declarations are)");
        if (t.Kind == Kind.Word && _next + 1 < _tokens.Count && IsPunct(_tokens[_next + 1], ":"))
        {
            _next += 2;
            return new PtxLabel(t.Text);
        }
        PtxOperand? guard = null;
        bool negated = false;
        if (IsPunct(t, "@"))
        {
            _next++;
            if (IsPunct(Peek, "!")) { _next++; negated = true; }
            guard = Operand();
        }
        var op = Take();
        if (op.Kind != Kind.Word || op.Text.StartsWith('.') || op.Text.StartsWith('%'))
            throw new PtxException($"expected an instruction, found '{op.Text}'");
        var parts = op.Text.Split('.');
        if (parts.Any(p => p.Length == 0)) throw new PtxException($"'{op.Text}' is not an instruction name");
        var operands = new List<PtxOperand>();
        if (!AtStatementEnd)
        {
            operands.Add(Operand());
            while (IsPunct(Peek, ",")) { _next++; operands.Add(Operand()); }
        }
        if (IsPunct(Peek, "|")) throw new PtxException($"'{op.Text}': a destination pair 'p|q' is not read");
        if (!AtStatementEnd) throw new PtxException($"'{op.Text}': unexpected '{Peek.Text}' in its operands");
        if (IsPunct(Peek, ";")) _next++;
        return new PtxInstruction(parts[0], parts[1..], operands, guard, negated);
    }

    private bool AtStatementEnd => Peek.Kind == Kind.End || IsPunct(Peek, ";") || IsPunct(Peek, "}");

    private PtxRegisterDeclaration Declaration()
    {
        var type = Take();
        if (type.Kind != Kind.Word || !type.Text.StartsWith('.')) throw new PtxException($".reg: expected a type, found '{type.Text}'");
        if (IsPunct(Peek, "."))
            throw new PtxException($".reg {type.Text}: vector registers are not read");
        var names = new List<string>();
        while (true)
        {
            var name = Take();
            if (name.Kind != Kind.Word || name.Text.StartsWith('.')) throw new PtxException($".reg {type.Text}: expected a name, found '{name.Text}'");
            if (IsPunct(Peek, "<"))
            {
                _next++;
                var count = Take();
                if (count.Kind != Kind.Integer || count.Integer is < 1 or > 1024 || !IsPunct(Take(), ">"))
                    throw new PtxException($".reg {type.Text} {name.Text}<…>: expected a count");
                for (int i = 0; i < count.Integer; i++) names.Add(name.Text + i.ToString(CultureInfo.InvariantCulture));
            }
            else names.Add(name.Text);
            if (IsPunct(Peek, "[")) throw new PtxException($".reg {type.Text} {name.Text}: register arrays are not read");
            if (!IsPunct(Peek, ",")) break;
            _next++;
        }
        if (!IsPunct(Peek, ";")) throw new PtxException($".reg {type.Text}: expected ';', found '{Peek.Text}'");
        _next++;
        return new PtxRegisterDeclaration(type.Text[1..], names);
    }

    private PtxOperand Operand()
    {
        var t = Take();
        switch (t.Kind)
        {
            case Kind.OperandRef: return new PtxOperandRef((int)t.Integer);
            case Kind.Integer: return new PtxInteger(t.Integer);
            case Kind.Float: return new PtxFloat(t.Float, t.Single);
            case Kind.Word when t.Text == "_": return new PtxSink();
            case Kind.Word when !t.Text.StartsWith('.'): return new PtxRegister(t.Text);
            case Kind.Punct when t.Text == "!": return new PtxNot(Operand());
            case Kind.Punct when t.Text == "-":
            {
                var n = Take();
                if (n.Kind == Kind.Integer) return new PtxInteger(-n.Integer);
                if (n.Kind == Kind.Float) return new PtxFloat(-n.Float, n.Single);
                throw new PtxException($"'-' must precede a number, found '{n.Text}'");
            }
            case Kind.Punct when t.Text == "{":
            {
                var elements = new List<PtxOperand> { Operand() };
                while (IsPunct(Peek, ",")) { _next++; elements.Add(Operand()); }
                if (!IsPunct(Take(), "}")) throw new PtxException("a vector operand '{…' is not closed");
                return new PtxVector(elements);
            }
            case Kind.Punct when t.Text == "[":
            {
                var @base = Operand();
                long offset = 0;
                if (IsPunct(Peek, "+") || IsPunct(Peek, "-"))
                {
                    bool minus = Take().Text == "-";
                    var n = Take();
                    if (n.Kind != Kind.Integer) throw new PtxException($"an address offset must be an integer, found '{n.Text}'");
                    offset = minus ? -n.Integer : n.Integer;
                }
                if (!IsPunct(Take(), "]")) throw new PtxException("an address '[…' is not closed");
                return new PtxAddress(@base, offset);
            }
            default: throw new PtxException($"unexpected '{t.Text}' where an operand belongs");
        }
    }

    private Token Peek => _tokens[_next];
    private Token Take() => _tokens[_next < _tokens.Count - 1 ? _next++ : _next];
    private static bool IsPunct(Token t, string p) => t.Kind == Kind.Punct && t.Text == p;

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.' or '%';

    private static List<Token> Lex(string s, int operandCount, IReadOnlyList<string?> names)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/') { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                int close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? s.Length : close + 2;
                continue;
            }
            if (c == '%' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                int start = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                int n = int.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture);
                if (n >= operandCount) throw new PtxException($"'%{n}' names no operand (the statement has {operandCount})");
                tokens.Add(new Token(Kind.OperandRef, "%" + n, n));
                continue;
            }
            if (c == '%' && i + 1 < s.Length && s[i + 1] == '[')
            {
                int close = s.IndexOf(']', i);
                if (close < 0) throw new PtxException("'%[' is not closed");
                string name = s[(i + 2)..close];
                int n = Enumerable.Range(0, names.Count).FirstOrDefault(k => names[k] == name, -1);
                if (n < 0) throw new PtxException($"'%[{name}]' names no operand");
                tokens.Add(new Token(Kind.OperandRef, $"%[{name}]", n));
                i = close + 1;
                continue;
            }
            if (c == '%' && i + 1 < s.Length && s[i + 1] == '=')
                throw new PtxException("'%=' (a number unique to each asm instance) is not read");
            if (char.IsAsciiDigit(c)) { tokens.Add(Number(s, ref i)); continue; }
            if (IsWordChar(c))
            {
                // "%%name" is the escape for the register "%name"; nvcc also passes "%name" through.
                int start = i;
                if (c == '%' && i + 1 < s.Length && s[i + 1] == '%') { start = ++i; }
                i++;
                while (i < s.Length && IsWordChar(s[i]) && s[i] != '%') i++;
                tokens.Add(new Token(Kind.Word, s[start..i]));
                continue;
            }
            if ("{}[]();,@!+-:<>|".Contains(c)) { tokens.Add(new Token(Kind.Punct, c.ToString())); i++; continue; }
            throw new PtxException($"unexpected character '{c}'");
        }
        tokens.Add(new Token(Kind.End, "end of the template"));
        return tokens;
    }

    private static Token Number(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '.')) i++;
        string text = s[start..i];
        string lower = text.ToLowerInvariant();
        try
        {
            if (lower.StartsWith("0f") && lower.Length == 10)
                return new Token(Kind.Float, text, Float: BitConverter.Int32BitsToSingle((int)System.Convert.ToUInt32(lower[2..], 16)), Single: true);
            if (lower.StartsWith("0d") && lower.Length == 18)
                return new Token(Kind.Float, text, Float: BitConverter.Int64BitsToDouble((long)System.Convert.ToUInt64(lower[2..], 16)));
            string digits = lower.TrimEnd('u');
            if (digits.StartsWith("0x")) return new Token(Kind.Integer, text, (long)System.Convert.ToUInt64(digits[2..], 16));
            if (digits.StartsWith("0b")) return new Token(Kind.Integer, text, (long)System.Convert.ToUInt64(digits[2..], 2));
            if (digits.Contains('.') || digits.Contains('e'))
                return new Token(Kind.Float, text, Float: double.Parse(digits, CultureInfo.InvariantCulture));
            if (digits.Length > 1 && digits[0] == '0') return new Token(Kind.Integer, text, (long)System.Convert.ToUInt64(digits[1..], 8));
            return new Token(Kind.Integer, text, (long)ulong.Parse(digits, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new PtxException($"'{text}' is not a PTX number");
        }
    }
}
