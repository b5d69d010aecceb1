using System.Text;

namespace Translate.Backends.OpenCl.Syntax;

/// <summary>
/// A small OpenCL C expression tree. The emitter builds these instead of strings so that
/// <c>*&amp;x</c> folds to <c>x</c>, <c>*(&amp;p[i])</c> reads as <c>p[i]</c>, <c>(*p).f</c> as <c>p-&gt;f</c>,
/// and parentheses appear only where C's precedence needs them (plus around mixed bitwise/shift
/// operators, as compilers advise).
/// </summary>
internal abstract record CExpr
{
    /// <summary>C precedence level: 16 primary/postfix … 1 assignment (higher binds tighter).</summary>
    public abstract int Precedence { get; }

    public sealed override string ToString() => CPrinter.Print(this);

    public static CExpr Name(string n) => new CName(n);
    public static CExpr Lit(string text) => new CLiteral(text);

    /// <summary><c>*p</c>, folding <c>*&amp;x</c> to <c>x</c>.</summary>
    public static CExpr Deref(CExpr p) => p switch
    {
        CUnary { Op: "&" } u => u.Operand,
        CLanePointer l => new CMember(Deref(l.Vector), l.Lane),
        _ => new CUnary("*", p),
    };

    /// <summary><c>&amp;x</c>, folding <c>&amp;*p</c> to <c>p</c> and <c>&amp;p[0]</c> to <c>p</c>.</summary>
    public static CExpr AddressOf(CExpr x) => x switch
    {
        CUnary { Op: "*" } u => u.Operand,
        CIndex { Index: CLiteral { Text: "0" } } i when i.Base is not CName { IsArray: true } => i.Base,
        _ => new CUnary("&", x),
    };
}

/// <summary>A variable or constant name. <see cref="IsArray"/> marks a true C array (its address is not itself).</summary>
internal sealed record CName(string Text, bool IsArray = false) : CExpr
{
    public override int Precedence => 16;
}

/// <summary>A literal as it is spelled; a leading minus makes it bind like a unary operator.</summary>
internal sealed record CLiteral(string Text) : CExpr
{
    public override int Precedence => Text.StartsWith('-') || Text.StartsWith('(') ? 14 : 16;
}

internal sealed record CUnary(string Op, CExpr Operand) : CExpr
{
    public override int Precedence => 14;
}

internal sealed record CCast(string Type, CExpr Operand) : CExpr
{
    public override int Precedence => 14;
}

internal sealed record CBinary(string Op, CExpr Left, CExpr Right) : CExpr
{
    public override int Precedence => Op switch
    {
        "*" or "/" or "%" => 13,
        "+" or "-" => 12,
        "<<" or ">>" => 11,
        "<" or ">" or "<=" or ">=" => 10,
        "==" or "!=" => 9,
        "&" => 8,
        "^" => 7,
        "|" => 6,
        "&&" => 5,
        "||" => 4,
        _ => throw new InvalidOperationException(Op),
    };
}

internal sealed record CConditional(CExpr Condition, CExpr IfTrue, CExpr IfFalse) : CExpr
{
    public override int Precedence => 3;
}

internal sealed record CCall(string Function, IReadOnlyList<CExpr> Arguments) : CExpr
{
    public override int Precedence => 16;
}

internal sealed record CIndex(CExpr Base, CExpr Index) : CExpr
{
    public override int Precedence => 16;
}

/// <summary><c>base.field</c>, printed <c>p-&gt;field</c> when base is <c>*p</c>.</summary>
internal sealed record CMember(CExpr Base, string Field) : CExpr
{
    public override int Precedence => 16;
}

/// <summary>
/// A pointer to one lane of a vector. OpenCL forbids <c>&amp;v.x</c>, so it prints as an element pointer
/// plus the lane's index, but dereferencing it folds back to <c>v.x</c>.
/// </summary>
internal sealed record CLanePointer(CExpr Vector, string Lane, int Index, string ElementPointerType) : CExpr
{
    public override int Precedence => 12;
}

/// <summary>A vector literal <c>(float4)(a, b, c, d)</c> or a compound literal <c>(T){a, b}</c>.</summary>
internal sealed record CCompound(string Type, IReadOnlyList<CExpr> Items, bool IsVector) : CExpr
{
    public override int Precedence => 14;
}

/// <summary>Prints expressions with the fewest parentheses C's grammar allows.</summary>
internal static class CPrinter
{
    public static string Print(CExpr e)
    {
        var sb = new StringBuilder();
        Write(sb, e);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, CExpr e)
    {
        switch (e)
        {
            case CName n: sb.Append(n.Text); break;
            case CLiteral l: sb.Append(l.Text); break;
            case CUnary u:
                sb.Append(u.Op);
                // Keep "- -x" and "& &x" apart.
                if (u.Operand is CUnary inner && inner.Op == u.Op || u.Operand is CLiteral { Text: ['-', ..] } && u.Op == "-") sb.Append(' ');
                Operand(sb, u.Operand, 14, rightAssoc: true);
                break;
            case CCast c:
                sb.Append('(').Append(c.Type).Append(')');
                Operand(sb, c.Operand, 14, rightAssoc: true);
                break;
            case CBinary b:
                BinaryOperand(sb, b, b.Left, isRight: false);
                sb.Append(' ').Append(b.Op).Append(' ');
                BinaryOperand(sb, b, b.Right, isRight: true);
                break;
            case CConditional c:
                Operand(sb, c.Condition, 4, rightAssoc: false);
                sb.Append(" ? ");
                Operand(sb, c.IfTrue, 3, rightAssoc: false);
                sb.Append(" : ");
                Operand(sb, c.IfFalse, 3, rightAssoc: true);
                break;
            case CCall c:
                sb.Append(c.Function).Append('(');
                for (int i = 0; i < c.Arguments.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Operand(sb, c.Arguments[i], 2, rightAssoc: false);
                }
                sb.Append(')');
                break;
            case CIndex i:
                Operand(sb, i.Base, 16, rightAssoc: false);
                sb.Append('[');
                Write(sb, i.Index);
                sb.Append(']');
                break;
            case CMember { Base: CUnary { Op: "*" } d } m:
                Operand(sb, d.Operand, 16, rightAssoc: false);
                sb.Append("->").Append(m.Field);
                break;
            case CMember m:
                Operand(sb, m.Base, 16, rightAssoc: false);
                sb.Append('.').Append(m.Field);
                break;
            case CLanePointer l:
                sb.Append('(').Append(l.ElementPointerType).Append(')');
                Operand(sb, l.Vector, 14, rightAssoc: true);
                if (l.Index != 0) sb.Append(" + ").Append(l.Index);
                break;
            case CCompound c:
                sb.Append('(').Append(c.Type).Append(')').Append(c.IsVector ? '(' : '{');
                for (int i = 0; i < c.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Operand(sb, c.Items[i], 2, rightAssoc: false);
                }
                sb.Append(c.IsVector ? ')' : '}');
                break;
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private static void Operand(StringBuilder sb, CExpr e, int needed, bool rightAssoc)
    {
        bool paren = e.Precedence < needed || rightAssoc && e.Precedence == needed && e is CBinary;
        if (paren) sb.Append('(');
        Write(sb, e);
        if (paren) sb.Append(')');
    }

    private static void BinaryOperand(StringBuilder sb, CBinary parent, CExpr child, bool isRight)
    {
        int p = parent.Precedence;
        bool paren = child.Precedence < p || isRight && child.Precedence == p
            // Readability, as -Wparentheses asks: mixed bitwise, shift and logical operators get parentheses.
            || child is CBinary cb && cb.Op != parent.Op && IsBitwiseOrShift(parent.Op) && cb.Precedence > 3
            || child is CBinary { Op: "&&" } && parent.Op == "||";
        if (paren) sb.Append('(');
        Write(sb, child);
        if (paren) sb.Append(')');
    }

    private static bool IsBitwiseOrShift(string op) => op is "&" or "|" or "^" or "<<" or ">>";
}
