using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Members of objects the IR holds as storage (unions and classes with bit-fields, TypeMapper.MapStorage): an ordinary
/// member is the object's bytes at clang's offset seen as the member's type; a bit-field is a <see cref="BitFieldOperand"/>
/// over the smallest naturally aligned word that holds its bits. All targets are little-endian, so bit n of the object
/// is bit n % 8 of byte n / 8, as clang lays bit-fields out for x86-64 and the GPUs.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>Member <paramref name="field"/> of the object <paramref name="owner"/>, <paramref name="bitOffset"/> bits into it.</summary>
    private Operand StorageMember(Operand owner, Cursor field, long bitOffset, ClangType memberCType, SourceLocation at)
    {
        var memberType = _types.Map(memberCType, at);
        if (!field.IsBitField && bitOffset == 0) return SeenAs(owner, memberCType, memberType, at);
        var bytes = new CastExpr(at, CastOp.Bitcast, SeenAs(owner, owner.CType, owner.Type, at).Address, new PointerType(IrType.Int8, AddressSpace.Generic));
        if (!field.IsBitField)
        {
            var member = new PtrAddExpr(at, bytes, new IntLit(at, bitOffset / 8, IrType.Int64));
            return new MemoryOperand(new CastExpr(at, CastOp.Bitcast, member, new PointerType(memberType, AddressSpace.Generic)), memberCType, memberType);
        }
        int width = field.BitWidth;
        long unit = 1; // bytes of the smallest naturally aligned word holding bits [bitOffset, bitOffset + width)
        while (unit <= 8 && bitOffset / (8 * unit) != (bitOffset + width - 1) / (8 * unit)) unit *= 2;
        if (width <= 0 || unit > 8 || unit > Math.Max(1, owner.CType.Canonical.AlignOf))
            throw Unsupported(Codes.UnsupportedExpression, at,
                $"bit-field '{field.Spelling}' ({width} bits at bit {bitOffset} of a {owner.CType.Canonical.AlignOf}-aligned object) is in no aligned word of at most 8 bytes; it is not translated");
        var containerType = IntegerOfBytes(unit);
        var word = new PtrAddExpr(at, bytes, new IntLit(at, bitOffset / (8 * unit) * unit, IrType.Int64));
        var container = new CastExpr(at, CastOp.Bitcast, word, new PointerType(containerType, AddressSpace.Generic));
        return new BitFieldOperand(container, containerType, (int)(bitOffset % (8 * unit)), width, BitFieldIsSigned(memberCType), memberCType, memberType);
    }

    private static IrType IntegerOfBytes(long bytes) => bytes switch { 1 => IrType.Int8, 2 => IrType.Int16, 4 => IrType.Int32, _ => IrType.Int64 };

    private static bool BitFieldIsSigned(ClangType t)
    {
        var c = t.Canonical;
        if (c.Kind == TypeKind.Enum) return !c.Declaration.EnumIntegerType.IsUnsignedInteger;
        return !c.IsUnsignedInteger;
    }

    /// <summary>A bit-field's value: its bits shifted down, sign-extended for a signed field, in the member's type.</summary>
    private Expr ReadBitField(BitFieldOperand b, SourceLocation at)
    {
        int bits = b.ContainerType.Bits;
        Expr word = new LoadExpr(at, b.Container);
        Expr value = b.Signed
            ? new BinaryExpr(at, BinaryOp.AShr, new BinaryExpr(at, BinaryOp.Shl, word, Literal(bits - b.Shift - b.Width, b.ContainerType, at)),
                Literal(bits - b.Width, b.ContainerType, at))
            : new BinaryExpr(at, BinaryOp.And, new BinaryExpr(at, BinaryOp.LShr, word, Literal(b.Shift, b.ContainerType, at)),
                WordLiteral(Mask(b.Width), b.ContainerType, at));
        if (b.Type.IsBool) return new BinaryExpr(at, BinaryOp.Ne, value, Literal(0, b.ContainerType, at));
        if (b.Type.Bits == bits) return value;
        return new CastExpr(at, b.Type.Bits < bits ? CastOp.Trunc : b.Signed ? CastOp.SExt : CastOp.ZExt, value, b.Type);
    }

    /// <summary>Stores the low bits of <paramref name="value"/> (of the member's type) into the bit-field, keeping the word's other bits.</summary>
    private Stmt AssignBitField(BitFieldOperand b, Expr value, SourceLocation at)
    {
        int bits = b.ContainerType.Bits;
        var t = b.ContainerType;
        Expr v = b.Type.IsBool ? new CastExpr(at, CastOp.ZExt, value, t)
            : b.Type.Bits == bits ? value
            : new CastExpr(at, b.Type.Bits > bits ? CastOp.Trunc : CastOp.ZExt, value, t);
        long mask = Mask(b.Width);
        var placed = new BinaryExpr(at, BinaryOp.Shl, new BinaryExpr(at, BinaryOp.And, v, WordLiteral(mask, t, at)), Literal(b.Shift, t, at));
        var kept = new BinaryExpr(at, BinaryOp.And, new LoadExpr(at, b.Container), WordLiteral(~(mask << b.Shift), t, at));
        return new ExprStmt(at, new StoreExpr(at, b.Container, new BinaryExpr(at, BinaryOp.Or, kept, placed)));
    }

    /// <summary>A bit pattern as a literal of the word's type (wrapped into its signed range).</summary>
    private static IntLit WordLiteral(long bits, IrType word, SourceLocation at) => Literal(LiteralValue(bits, word, unsigned: false), word, at);

    /// <summary>The low <paramref name="width"/> bits set (all 64 for 64).</summary>
    private static long Mask(int width) => width >= 64 ? -1L : (1L << width) - 1;
}
