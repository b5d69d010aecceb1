using System.Text;

namespace Translate.Frontend.Ptx;

/// <summary>One operand of a GNU-style asm statement: <c>[name] "constraint" (expression)</c>.</summary>
internal sealed record AsmOperandSyntax(string? Name, string Constraint, bool IsOutput);

/// <summary>
/// What libclang 19 does not expose of an <c>asm</c> statement, read from its source text: the template (string
/// literals joined, escapes resolved), the operands' names and constraints (outputs first, as clang numbers them),
/// the clobbers. The operand expressions themselves are the statement's cursor children.
/// </summary>
internal sealed record AsmStatementSyntax(string Template, IReadOnlyList<AsmOperandSyntax> Operands, IReadOnlyList<string> Clobbers)
{
    /// <summary>Reads <paramref name="text"/>, which starts at the <c>asm</c> keyword.</summary>
    public static AsmStatementSyntax Read(string text)
    {
        var r = new Scanner(text);
        string keyword = r.Word();
        if (keyword is not ("asm" or "__asm__" or "__asm"))
            throw new PtxException($"the asm statement is written through a macro ('{keyword}'), whose text is not read");
        while (r.PeekWord() is "volatile" or "__volatile__" or "__volatile" or "inline" or "goto" && r.Word() is var q)
            if (q == "goto") throw new PtxException("asm goto is not read");
        r.Expect('(');
        string template = r.Strings("the template");
        var operands = new List<AsmOperandSyntax>();
        var clobbers = new List<string>();
        for (int section = 0; section < 3 && r.TryTake(':'); section++)
        {
            if (r.Peek() is ':' or ')') continue;
            do
            {
                if (section == 2) { clobbers.Add(r.Strings("a clobber")); continue; }
                string? name = null;
                if (r.TryTake('[')) { name = r.Word(); r.Expect(']'); }
                string constraint = r.Strings("a constraint");
                r.SkipParenthesized();
                operands.Add(new AsmOperandSyntax(name, constraint, section == 0));
            } while (r.TryTake(','));
        }
        if (r.Peek() == ':') throw new PtxException("asm goto labels are not read");
        r.Expect(')');
        return new AsmStatementSyntax(template, operands, clobbers);
    }

    private sealed class Scanner(string text)
    {
        private int _i;

        public char Peek()
        {
            SkipSpace();
            return _i < text.Length ? text[_i] : '\0';
        }

        public bool TryTake(char c)
        {
            if (Peek() != c) return false;
            _i++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryTake(c)) throw new PtxException($"the asm statement's text is not read: expected '{c}' at '{Rest}'");
        }

        private string Rest => text[_i..Math.Min(text.Length, _i + 20)];

        public string? PeekWord()
        {
            int save = _i;
            var w = Word(optional: true);
            _i = save;
            return w;
        }

        public string Word(bool optional = false)
        {
            SkipSpace();
            int start = _i;
            while (_i < text.Length && (char.IsAsciiLetterOrDigit(text[_i]) || text[_i] == '_')) _i++;
            if (_i == start && !optional) throw new PtxException($"the asm statement's text is not read: expected a name at '{Rest}'");
            return text[start.._i];
        }

        /// <summary>Adjacent string literals joined (C++ concatenation), escapes resolved.</summary>
        public string Strings(string what)
        {
            var sb = new StringBuilder();
            int count = 0;
            while (Peek() == '"')
            {
                _i++;
                while (_i < text.Length && text[_i] != '"')
                {
                    char c = text[_i++];
                    if (c != '\\') { sb.Append(c); continue; }
                    char e = _i < text.Length ? text[_i++] : '\\';
                    sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
                }
                _i++;
                count++;
            }
            if (count == 0) throw new PtxException($"{what} is not a string literal (a macro or expression is not read) at '{Rest}'");
            return sb.ToString();
        }

        /// <summary>Skips <c>( … )</c>: an operand's expression, which the cursor gives.</summary>
        public void SkipParenthesized()
        {
            Expect('(');
            int depth = 1;
            char quote = '\0';
            while (_i < text.Length && depth > 0)
            {
                char c = text[_i++];
                if (quote != '\0') { if (c == '\\') _i++; else if (c == quote) quote = '\0'; continue; }
                if (c is '"' or '\'') quote = c;
                else if (c == '(') depth++;
                else if (c == ')') depth--;
            }
            if (depth > 0) throw new PtxException("an asm operand's '(' is not closed");
        }

        private void SkipSpace()
        {
            while (_i < text.Length)
            {
                if (char.IsWhiteSpace(text[_i])) _i++;
                else if (text[_i] == '/' && _i + 1 < text.Length && text[_i + 1] == '/') { while (_i < text.Length && text[_i] != '\n') _i++; }
                else if (text[_i] == '/' && _i + 1 < text.Length && text[_i + 1] == '*')
                {
                    int close = text.IndexOf("*/", _i + 2, StringComparison.Ordinal);
                    _i = close < 0 ? text.Length : close + 2;
                }
                else break;
            }
        }
    }
}
