using System.Text;

namespace Translate.Fuzz.Reduction;

/// <summary>
/// The reducer's own view of program text: atoms (strings kept whole) and lists with the bracket
/// they were written with. Comments are dropped. Small on purpose: the reducer edits shapes, the
/// product's reader judges the result.
/// </summary>
internal sealed class SNode
{
    public string? Atom { get; init; }
    public List<SNode> Items { get; init; } = [];
    public char Open { get; init; } = '(';

    public bool IsList => Atom is null;

    public SNode Clone() => IsList ? new SNode { Open = Open, Items = Items.Select(i => i.Clone()).ToList() } : this;

    public static List<SNode> ParseAll(string text)
    {
        int at = 0;
        var top = new List<SNode>();
        while (Skip(text, ref at)) top.Add(Parse(text, ref at));
        return top;
    }

    private static bool Skip(string text, ref int at)
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at])) at++;
            else if (text[at] == ';') while (at < text.Length && text[at] != '\n') at++;
            else return true;
        }
        return false;
    }

    private static SNode Parse(string text, ref int at)
    {
        char c = text[at];
        if (c is '(' or '[')
        {
            char close = c == '(' ? ')' : ']';
            at++;
            var items = new List<SNode>();
            while (Skip(text, ref at) && text[at] != close) items.Add(Parse(text, ref at));
            if (at >= text.Length) throw new FormatException("unbalanced brackets");
            at++;
            return new SNode { Open = c, Items = items };
        }
        if (c is ')' or ']') throw new FormatException("unexpected " + c);
        int start = at;
        if (c == '"')
        {
            at++;
            while (at < text.Length && text[at] != '"') at += text[at] == '\\' ? 2 : 1;
            at++;
        }
        else
            while (at < text.Length && !char.IsWhiteSpace(text[at]) && text[at] is not ('(' or ')' or '[' or ']' or ';')) at++;
        return new SNode { Atom = text[start..Math.Min(at, text.Length)] };
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, 0);
        return sb.ToString();
    }

    /// <summary>Definitions and statements on their own lines; short lists on one.</summary>
    private void Write(StringBuilder sb, int indent)
    {
        if (!IsList) { sb.Append(Atom); return; }
        sb.Append(Open);
        bool multiline = Size > 12 && Items.Count > 1;
        for (int i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                if (multiline && Items[i].IsList && i > 1) sb.Append('\n').Append(' ', indent + 2);
                else sb.Append(' ');
            }
            Items[i].Write(sb, indent + 2);
        }
        sb.Append(Open == '(' ? ')' : ']');
    }

    /// <summary>Atoms in the subtree: what the reducer minimizes.</summary>
    public int Size => IsList ? Items.Sum(i => i.Size) + 1 : 1;
}
