using System.Globalization;

namespace Translate.Fuzz.Generation.Cuda;

/// <summary>A C++ expression and the type C++ gives it.</summary>
internal sealed record CExpr(string Text, CType Type)
{
    public override string ToString() => Text;
}

/// <summary>A variable the generated code may read (and write unless <see cref="ReadOnly"/>).</summary>
internal sealed record CVar(string Name, CType Type, bool ReadOnly = false);

/// <summary>A pure device function the program defines: <c>R name(P0 a, P1 b)</c>.</summary>
internal sealed record CFunction(string Name, CType Result, CType First, CType Second);

/// <summary>
/// Random C++ expressions over the arithmetic types, defined by construction: signed arithmetic only on operands narrowed
/// so that it cannot overflow (<c>short × short</c> in int, <c>int × int</c> in long long), divisors or-ed with 1, shift
/// counts masked below the width and left shifts in unsigned types, float-to-integer conversions through a saturating
/// helper (<see cref="CudaProgramGenerator.FloatToInteger"/>). What is left is what a lifter must get exactly right:
/// promotions, the usual arithmetic conversions (signed/unsigned mixes, comparisons across signedness), literal types,
/// modular narrowing, conditional-operator types, short-circuit evaluation.
/// </summary>
internal sealed class CudaExpressions(Rng rng, Func<IReadOnlyList<CVar>> visible, IReadOnlyList<CFunction> functions, bool inKernel = true)
{
    /// <summary>An expression of any type.</summary>
    public CExpr Any(int depth)
    {
        if (depth <= 0 || rng.Chance(0.25)) return Leaf();
        return rng.Weighted<Func<int, CExpr>>(
            (6, Arithmetic), (2, Division), (2, Shift), (3, Bitwise), (3, Comparison), (1, Logical),
            (2, Conditional), (2, Unary), (3, Cast), (1, Call), (1, MathCall))(depth - 1);
    }

    /// <summary>An expression that converts to <paramref name="target"/> without undefined behaviour (floats reach integers through the helper).</summary>
    public CExpr Of(CType target, int depth) => Convertible(Any(depth), target);

    /// <summary>An integer-typed expression.</summary>
    public CExpr Integer(int depth)
    {
        var e = Any(depth);
        return e.Type.IsFloat ? new CExpr($"{CudaProgramGenerator.FloatToInteger}({e})", CType.LongLong) : e;
    }

    public static CExpr Convertible(CExpr e, CType target) =>
        target.IsInteger && e.Type.IsFloat ? new CExpr($"{CudaProgramGenerator.FloatToInteger}({e})", CType.LongLong) : e;

    /// <summary>An index into the 1,024-element input arrays.</summary>
    public string Index(int depth) => $"((unsigned)({Integer(depth)}) % 1024u)";

    private CExpr Leaf()
    {
        var vars = visible();
        return rng.Weighted<Func<CExpr>>(
            (vars.Count > 0 ? 8 : 0, () => { var v = rng.Choose(vars); return new CExpr(v.Name, v.Type); }),
            (4, Literal),
            (1, () => new CExpr(rng.Pick("threadIdx.x", "blockIdx.x", "blockDim.x"), CType.UInt)),
            (inKernel ? 2 : 0, () => new CExpr($"in[{Index(0)}]", CType.Int)),
            (inKernel ? 2 : 0, () => new CExpr($"inf[{Index(0)}]", CType.Float)))();
    }

    private CExpr Literal() => rng.Weighted<Func<CExpr>>(
        (4, () => new CExpr(rng.Between(-300, 300).ToString(CultureInfo.InvariantCulture), CType.Int)),
        (1, () => new CExpr(rng.Pick("2147483647", "0x7fffffff", "65535", "-32768", "077"), CType.Int)),
        // Literal types: a decimal that does not fit int is long long, a hex one unsigned.
        (1, () => new CExpr(rng.Pick("4000000000", "2147483648", "9000000000"), CType.LongLong)),
        (1, () => new CExpr(rng.Pick("0xffffffff", "0x80000000", "4000000000u", "7u"), CType.UInt)),
        (1, () => new CExpr(rng.Pick("0xffffffffffffffffull", "1ull", "0x8000000000000000", "12345678901234ull"), CType.ULongLong)),
        (1, () => new CExpr(rng.Pick("-5ll", "1099511627776ll", "0x7fffffffffffffffll"), CType.LongLong)),
        (1, () => new CExpr(rng.Pick("'a'", "'\\xff'", "'0'"), CType.Char)),
        (1, () => new CExpr(rng.Pick("true", "false"), CType.Bool)),
        (2, () => new CExpr(rng.Pick("1.5f", "-0.25f", "3.0e9f", "1e-3f", "-0.0f", "7.75f", "0.1f"), CType.Float)),
        (2, () => new CExpr(rng.Pick("2.5", "-1e10", "0.1", "1e300", "-0.0", "3.0"), CType.Double)))();

    /// <summary><c>+ - *</c>; in a signed common type the operands are narrowed first so the result cannot overflow.</summary>
    private CExpr Arithmetic(int depth)
    {
        string op = rng.Pick("+", "-", "*");
        var (a, b) = (Any(depth), Any(depth));
        var common = CType.Common(a.Type, b.Type);
        if (common.IsFloat || !common.Signed) return new CExpr($"({a} {op} {b})", common);
        return common.Bits == 64
            ? new CExpr($"((long long)(int)({a}) {op} (int)({b}))", CType.LongLong)
            : new CExpr($"((short)({a}) {op} (short)({b}))", CType.Int);
    }

    private CExpr Division(int depth)
    {
        string op = rng.Pick("/", "%");
        var (a, b) = (Any(depth), Any(depth));
        var common = CType.Common(a.Type, b.Type);
        if (common.IsFloat)
        {
            string abs = common == CType.Double ? "fabs" : "fabsf", one = common == CType.Double ? "1.0" : "1.0f";
            return new CExpr($"({a} / ({abs}({b}) + {one}))", common);
        }
        if (!common.Signed) return new CExpr($"({a} {op} ({b} | 1u))", common);
        return common.Bits == 64
            ? new CExpr($"((long long)(int)({a}) {op} ((int)({b}) | 1))", CType.LongLong)
            : new CExpr($"((short)({a}) {op} ((short)({b}) | 1))", CType.Int);
    }

    private CExpr Shift(int depth)
    {
        var (a, b) = (Integer(depth), Integer(depth));
        if (rng.Chance(0.5))
        {
            var u = a.Type.UnsignedPromoted;
            return new CExpr($"(({u.Name})({a}) << ({b} & {u.Bits - 1}))", u);
        }
        var t = a.Type.Promoted;
        return new CExpr($"({a} >> ({b} & {t.Bits - 1}))", t);
    }

    private CExpr Bitwise(int depth)
    {
        var (a, b) = (Integer(depth), Integer(depth));
        return new CExpr($"({a} {rng.Pick("&", "|", "^")} {b})", CType.Common(a.Type, b.Type));
    }

    private CExpr Comparison(int depth) =>
        new($"({Any(depth)} {rng.Pick("<", "<=", ">", ">=", "==", "!=")} {Any(depth)})", CType.Bool);

    private CExpr Logical(int depth) => rng.Chance(0.3)
        ? new CExpr($"(!{Any(depth)})", CType.Bool)
        : new CExpr($"({Any(depth)} {rng.Pick("&&", "||")} {Any(depth)})", CType.Bool);

    private CExpr Conditional(int depth)
    {
        var (c, a, b) = (Any(depth), Any(depth), Any(depth));
        return new CExpr($"({c} ? {a} : {b})", CType.Conditional(a.Type, b.Type));
    }

    private CExpr Unary(int depth)
    {
        var a = Any(depth);
        if (a.Type.IsInteger && rng.Chance(0.4)) return new CExpr($"(~{a})", a.Type.Promoted);
        if (a.Type.IsFloat || !a.Type.Promoted.Signed) return new CExpr($"(- {a})", a.Type.Promoted);
        return a.Type.Promoted.Bits == 64 ? new CExpr($"(-(long long)(int)({a}))", CType.LongLong) : new CExpr($"(-(short)({a}))", CType.Int);
    }

    private CExpr Cast(int depth)
    {
        var target = rng.Choose(CType.All);
        var a = Convertible(Any(depth), target);
        return new CExpr($"(({target.Name})({a}))", target);
    }

    private CExpr Call(int depth)
    {
        if (functions.Count == 0) return Leaf();
        var f = rng.Choose(functions);
        return new CExpr($"{f.Name}({Of(f.First, depth)}, {Of(f.Second, depth)})", f.Result);
    }

    private CExpr MathCall(int depth)
    {
        var a = Any(depth);
        bool dbl = a.Type == CType.Double;
        string s = dbl ? "" : "f";
        var t = dbl ? CType.Double : CType.Float;
        return rng.Weighted<Func<CExpr>>(
            (2, () => new CExpr($"fabs{s}({a})", t)),
            (2, () => new CExpr($"floor{s}({a})", t)),
            (1, () => new CExpr($"sqrt{s}(fabs{s}({a}))", t)),
            (2, () => new CExpr($"fmin{s}({a}, {Of(t, depth)})", t)),
            (2, () => new CExpr($"fmax{s}({a}, {Of(t, depth)})", t)))();
    }
}
