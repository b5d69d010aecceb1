using System.Globalization;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    /// <summary>Upstream types a bare integer as <c>int</c> and a bare float as <c>float</c>, with no other literal:
    /// a constant of another type is a cast of one of those, or its bits.</summary>
    private static SExpr IntConst(Int128 value, IrType type, SourceLocation at)
    {
        if (type.IsBool) return A(value != 0 ? "#t" : "#f");
        if (!type.IsInteger) throw new NoSpelling(at, $"an integer literal of type {type}");
        var v = Wrap(value, type.Bits);
        if (type.Bits == 32) return A(v.ToString(CultureInfo.InvariantCulture));
        if (type.Bits < 32) return L(A("trunc"), A(v.ToString(CultureInfo.InvariantCulture)), TypeForm(type));
        if (v >= int.MinValue && v <= int.MaxValue) return L(A("sext"), A(v.ToString(CultureInfo.InvariantCulture)), A("int64"));
        // hi·2³² + lo, lo zero-extended: the two halves have no bit in common, so the sum is exact.
        var hi = (long)(v >> 32);
        var lo = Wrap(v & 0xFFFF_FFFF, 32);
        return L(A("add"), L(A("shl"), L(A("sext"), A(hi.ToString(CultureInfo.InvariantCulture)), A("int64")), L(A("sext"), A("32"), A("int64"))),
            L(A("zext"), A(lo.ToString(CultureInfo.InvariantCulture)), A("int64")));
    }

    /// <summary><paramref name="value"/> modulo 2^bits, read as signed.</summary>
    private static Int128 Wrap(Int128 value, int bits)
    {
        var modulus = Int128.One << bits;
        var v = ((value % modulus) + modulus) % modulus;
        return v >= modulus >> 1 ? v - modulus : v;
    }

    /// <summary>A float is its shortest exact digits (upstream reads them as a double, then rounds to float: exact, as the
    /// digits are the float's own value); a double that is also a float is <c>fpext</c> of it; anything else its bits.</summary>
    private static SExpr FloatConst(double value, IrType type, SourceLocation at)
    {
        if (type == IrType.Float)
        {
            float f = (float)value;
            return float.IsFinite(f)
                ? A(FloatDigits(f, type))
                : L(A("bitcast"), A(BitConverter.SingleToInt32Bits(f).ToString(CultureInfo.InvariantCulture)), A("float"));
        }
        if (type == IrType.Double)
        {
            if (double.IsFinite(value) && (double)(float)value == value)
                return L(A("fpext"), A(FloatDigits(value, IrType.Float)), A("double"));
            return L(A("bitcast"), IntConst(BitConverter.DoubleToInt64Bits(value), IrType.Int64, at), A("double"));
        }
        throw new NoSpelling(at, $"a {type} literal (upstream has no {type})");
    }

    private static string FloatDigits(double value, IrType type)
    {
        string s = (type == IrType.Float ? (double)(float)value : value).ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        return s.Contains('.') || s.Contains('e') ? s : s + ".0";
    }

    private static string TypeName(IrType t) => t switch
    {
        _ when t == IrType.Int32 => "int",
        ScalarType s => s.Kind.ToString().ToLowerInvariant(),
        _ => t.ToString(),
    };

    private static SExpr TypeForm(IrType t) => TypeSyntax.ToSExpr(t);

    private sealed partial class Writer
    {
        private readonly HashSet<string> _emptyStructs = [.. program.Module.Structs.Where(s => s.Fields.Count == 0).Select(s => s.Name)];

        /// <summary>A type upstream has: void, bool, int8, int16, int, int64, float, double, pointers, arrays and structs.</summary>
        private SExpr Type(IrType t, SourceLocation at)
        {
            switch (t)
            {
                case ScalarType { Kind: ScalarKind.Half or ScalarKind.BFloat16 }:
                    throw new NoSpelling(at, $"the type {t} (upstream has no 16-bit floats)");
                case VectorType:
                    throw new NoSpelling(at, $"the vector type {t} (upstream has no vectors)");
                case StructType { Name: var name } when _emptyStructs.Contains(name):
                    throw new NoSpelling(at, $"the empty struct '{name}' (upstream gives LLVM an empty type, which NVPTX cannot pass)");
                case PointerType p: Type(p.Pointee, at); break;
                case ArrayType a: Type(a.Element, at); break;
            }
            return TypeForm(t);
        }
    }
}
