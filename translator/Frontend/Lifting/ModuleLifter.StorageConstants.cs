using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// The initial value of a global union or class with bit-fields (TypeMapper.MapStorage): the object's bytes as clang
/// lays the given members out (bit-fields at their bit offsets, little-endian), the rest zero, as the storage words.
/// </summary>
internal sealed partial class ModuleLifter
{
    private Constant StorageConstant(ClangType type, IReadOnlyList<(Cursor Field, Constant Value)> members, SourceLocation at)
    {
        long size = type.Canonical.SizeOf, align = type.Canonical.AlignOf;
        if (align > 8)
            throw new LiftException(Codes.UnsupportedDeclaration, at, $"an initialized global of '{type.Spelling}' (aligned to {align}) is not translated");
        var bytes = new byte[size];
        foreach (var (field, value) in members)
        {
            ulong bits = ScalarBits(field, value, at);
            long offset = field.FieldOffsetBits;
            int width = field.IsBitField ? field.BitWidth : (int)(field.Type.Canonical.SizeOf * 8);
            for (int i = 0; i < width; i++)
            {
                long bit = offset + i;
                if ((bits >> Math.Min(i, 63) & 1) != 0) bytes[bit / 8] |= (byte)(1 << (int)(bit % 8));
                else bytes[bit / 8] &= (byte)~(1 << (int)(bit % 8));
            }
        }
        var word = align switch { 1 => IrType.Int8, 2 => IrType.Int16, 4 => (IrType)IrType.Int32, _ => IrType.Int64 };
        var words = new List<Constant>();
        for (long w = 0; w < size; w += align)
        {
            ulong v = 0;
            for (long b = align - 1; b >= 0; b--) v = v << 8 | bytes[w + b];
            words.Add(new IntConstant(Wrap(v, word), at));
        }
        return new ListConstant([new ListConstant(words, at)], at);
    }

    /// <summary>A scalar member's value as the bits it stores (integers two's complement, floats IEEE).</summary>
    private static ulong ScalarBits(Cursor field, Constant value, SourceLocation at)
    {
        var kind = field.Type.Canonical.Kind;
        return value switch
        {
            IntConstant i => (ulong)(long)(i.Value & ulong.MaxValue),
            BoolConstant b => b.Value ? 1UL : 0UL,
            FloatConstant f when kind == TypeKind.Float => BitConverter.SingleToUInt32Bits((float)f.Value),
            FloatConstant f when kind == TypeKind.Double => BitConverter.DoubleToUInt64Bits(f.Value),
            _ => throw new LiftException(Codes.UnsupportedDeclaration, at,
                $"member '{field.Spelling}' of an initialized global union or class with bit-fields is not a plain number; it is not translated"),
        };
    }
}
