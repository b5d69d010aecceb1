using Translate.Ir.Model;

namespace Translate.Ir.Analysis;

/// <summary>
/// The value of an integer expression built only from literals, the integer casts and wrapping arithmetic
/// (<c>(zext (int 2) int64)</c>, <c>(add 1 2)</c>), computed as the program computes it: in the expression's own width,
/// read as signed. Null for anything else (a variable, a division, a float).
/// </summary>
public static class ConstantInteger
{
    public static Int128? Of(Expr e)
    {
        int bits = e.Type?.IsInteger == true ? e.Type.Bits : 0;
        if (bits == 0) return null;
        Int128? result = e switch
        {
            IntLit i => i.Value,
            CastExpr { Op: CastOp.SExt or CastOp.Trunc } c => Of(c.Operand),
            CastExpr { Op: CastOp.ZExt } c => Of(c.Operand) is { } v ? Unsigned(v, c.Operand.Type.Bits) : null,
            BinaryExpr b when Of(b.Left) is { } l && Of(b.Right) is { } r => b.Op switch
            {
                BinaryOp.Add => l + r,
                BinaryOp.Sub => l - r,
                BinaryOp.Mul => l * r,
                BinaryOp.And => l & r,
                BinaryOp.Or => l | r,
                BinaryOp.Xor => l ^ r,
                BinaryOp.Shl when r >= 0 && r < bits => l << (int)r,
                _ => null,
            },
            _ => null,
        };
        return result is { } value ? Signed(value, bits) : null;
    }

    /// <summary>The value wrapped to <paramref name="bits"/> bits, read as signed.</summary>
    public static Int128 Signed(Int128 value, int bits)
    {
        var r = Unsigned(value, bits);
        var modulus = Int128.One << bits;
        return r >= modulus >> 1 ? r - modulus : r;
    }

    /// <summary>The value wrapped to <paramref name="bits"/> bits, read as unsigned.</summary>
    public static Int128 Unsigned(Int128 value, int bits)
    {
        var modulus = Int128.One << bits;
        return ((value % modulus) + modulus) % modulus;
    }
}
