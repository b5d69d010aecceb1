namespace Translate.Fuzz.Generation.Cuda;

/// <summary>
/// An arithmetic type of C++ as the CUDA generator uses it, with the two rules the generated programs exercise and must
/// stay defined under: integral promotion and the usual arithmetic conversions (C++17 [conv.prom], [expr.arith.conv];
/// on this platform int is 32 bits, long long 64, plain char signed).
/// </summary>
internal sealed record CType(string Name, int Bits, bool Signed, bool IsFloat)
{
    public static readonly CType Bool = new("bool", 1, false, false);
    public static readonly CType Char = new("char", 8, true, false);
    public static readonly CType SChar = new("signed char", 8, true, false);
    public static readonly CType UChar = new("unsigned char", 8, false, false);
    public static readonly CType Short = new("short", 16, true, false);
    public static readonly CType UShort = new("unsigned short", 16, false, false);
    public static readonly CType Int = new("int", 32, true, false);
    public static readonly CType UInt = new("unsigned", 32, false, false);
    public static readonly CType LongLong = new("long long", 64, true, false);
    public static readonly CType ULongLong = new("unsigned long long", 64, false, false);
    public static readonly CType Float = new("float", 32, true, true);
    public static readonly CType Double = new("double", 64, true, true);

    public static IReadOnlyList<CType> Integers { get; } = [Bool, Char, SChar, UChar, Short, UShort, Int, UInt, LongLong, ULongLong];
    public static IReadOnlyList<CType> All { get; } = [.. Integers, Float, Double];

    public bool IsInteger => !IsFloat;

    /// <summary>Types narrower than int: arithmetic on them happens in int.</summary>
    public bool IsNarrow => IsInteger && Bits < 32;

    /// <summary>The type an operand of this type has in arithmetic (integral promotion).</summary>
    public CType Promoted => IsNarrow ? Int : this;

    /// <summary>The unsigned type of the same width after promotion (what a left shift is done in).</summary>
    public CType UnsignedPromoted => Promoted.Bits == 64 ? ULongLong : UInt;

    /// <summary>The type of <c>a OP b</c> for an arithmetic operator (the usual arithmetic conversions).</summary>
    public static CType Common(CType a, CType b)
    {
        if (a == Double || b == Double) return Double;
        if (a == Float || b == Float) return Float;
        a = a.Promoted;
        b = b.Promoted;
        if (a == b) return a;
        if (a.Signed == b.Signed) return a.Bits >= b.Bits ? a : b;
        var (u, s) = a.Signed ? (b, a) : (a, b);
        if (u.Bits >= s.Bits) return u;
        return s.Bits > u.Bits ? s : (s.Bits == 64 ? ULongLong : UInt);
    }

    /// <summary>The type of <c>c ? a : b</c>: the operands' own when they agree, else their common type.</summary>
    public static CType Conditional(CType a, CType b) => a == b ? a : Common(a, b);

    public override string ToString() => Name;
}
