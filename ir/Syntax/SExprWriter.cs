using System.Globalization;
using System.Text;

namespace Translate.Ir.Syntax;

/// <summary>
/// Writes S-expressions as text. Short lists stay on one line; longer ones break after the head
/// and indent their items, so printed IR reads like hand-written llama.lisp.
/// </summary>
public static class SExprWriter
{
    private const int LineWidth = 100;

    public static string Write(SExpr e)
    {
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="e"/> starting at text column <paramref name="column"/> (0-based).</summary>
    public static void Write(StringBuilder sb, SExpr e, int column)
    {
        var flat = Flat(e);
        if (e is not SList list || list.Count == 0 || flat.Length + column <= LineWidth && !AlwaysBroken(list))
        {
            sb.Append(flat);
            return;
        }
        sb.Append(list.Bracketed ? '[' : '(');
        if (list.Head is null)
        {
            // A block ((s1) (s2) ...): its statements align under each other.
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) sb.Append('\n').Append(' ', column + 1);
                Write(sb, list[i], column + 1);
            }
            sb.Append(list.Bracketed ? ']' : ')');
            return;
        }
        // Keep the head (and for definitions and control forms, the next item) on the first line.
        int keep = KeptOnFirstLine(list);
        int col = column + 1;
        for (int i = 0; i < keep; i++)
        {
            if (i > 0) { sb.Append(' '); col++; }
            var itemFlat = Flat(list[i]);
            Write(sb, list[i], col);
            col += itemFlat.Length;
        }
        for (int i = keep; i < list.Count; i++)
        {
            sb.Append('\n').Append(' ', column + 2);
            Write(sb, list[i], column + 2);
        }
        sb.Append(list.Bracketed ? ']' : ')');
    }

    /// <summary>Function definitions with a body always put each statement on its own line.</summary>
    private static bool AlwaysBroken(SList list) =>
        list.Head is "define" or "define-kernel" or "define-inline" && list.Count > 2;

    private static int KeptOnFirstLine(SList list)
    {
        if (list.Head is null) return 1;
        return list.Head switch
        {
            "define" or "define-kernel" or "define-inline" or "define-struct" or "for" or "while"
                or "do-while" or "if" or "switch" or "case" or "set" or "store" or "ret" => Math.Min(2, list.Count),
            _ => Math.Min(1, list.Count),
        };
    }

    /// <summary>The one-line spelling of an expression.</summary>
    public static string Flat(SExpr e)
    {
        var sb = new StringBuilder();
        WriteFlat(sb, e);
        return sb.ToString();
    }

    private static void WriteFlat(StringBuilder sb, SExpr e)
    {
        switch (e)
        {
            case SAtom a: sb.Append(a.Text); break;
            case SString s: sb.Append(QuoteString(s.Value)); break;
            case SList l:
                sb.Append(l.Bracketed ? '[' : '(');
                for (int i = 0; i < l.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    WriteFlat(sb, l[i]);
                }
                sb.Append(l.Bracketed ? ']' : ')');
                break;
        }
    }

    /// <summary>Quotes a string with the escapes the reader understands.</summary>
    public static string QuoteString(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
