using System.Globalization;

namespace Translate.Fuzz.Generation;

/// <summary>
/// A device function the generated code may call: pure, with scalar parameters. <see cref="Varying"/>: its result may
/// differ between threads whatever the arguments (its body reads <c>[tid.x]</c>, <c>[laneid]</c> …).
/// </summary>
internal sealed record DeviceFunction(string Name, string Return, IReadOnlyList<string> Parameters, bool Varying);

/// <summary>
/// Writes random expressions of a requested type whose every evaluation is defined by the IR: no
/// division by zero (divisors are or-ed with 1), indexes reduced into range with <c>urem</c>, float
/// NaNs made canonical wherever their bits could show (bitcasts, sign tests), exact math only (no
/// function whose accuracy the IR leaves to the device).
/// </summary>
internal sealed class ExpressionWriter(Rng rng, IReadOnlyList<Local> locals, IReadOnlyList<DeviceFunction> functions, bool inKernel)
{
    private static readonly string[] IntBinary = ["add", "sub", "mul", "and", "or", "xor", "shl", "lshr", "ashr"];
    private static readonly string[] Division = ["div", "rem", "udiv", "urem"];
    private static readonly string[] IntMath2 = ["min", "max", "umin", "umax", "mulhi", "umulhi"];
    private static readonly string[] IntMath1 = ["abs", "brev"];
    private static readonly string[] Counts = ["popc", "clz", "ffs"];
    private static readonly string[] FloatBinary = ["fadd", "fsub", "fmul", "fdiv"];
    private static readonly string[] FloatMath1 = ["fabs", "floor", "ceil", "trunc", "round", "rint", "sqrt"];
    private static readonly string[] FloatMath2 = ["fmin", "fmax", "fmod", "fdim"];
    private static readonly string[] IntCompare = ["eq", "ne", "lt", "gt", "le", "ge", "ult", "ugt", "ule", "uge"];
    private static readonly string[] FloatCompare = ["feq", "fne", "flt", "fgt", "fle", "fge", "fune"];

    /// <summary>Whether shared memory written by other threads may be read here.</summary>
    public bool SharedReadable { get; set; }

    public Expr Of(string type, int depth)
    {
        if (depth <= 0 || rng.Chance(0.3)) return Leaf(type);
        return type switch
        {
            Types.Bool => Bool(depth - 1),
            Types.Int or Types.Int64 => Integer(type, depth - 1),
            _ => FloatValue(type, depth - 1),
        };
    }

    /// <summary>An int in [0, bound) for any value of <paramref name="e"/>: unsigned remainder.</summary>
    public static Expr Index(Expr e, string bound) => new($"(urem {e} {bound})", e.Varying);

    private Expr Leaf(string type)
    {
        var vars = locals.Where(l => l.Type == type).ToList();
        var choices = new List<(int, Func<Expr>)> { (2, (Func<Expr>)(() => Literal(type))) };
        if (vars.Count > 0) choices.Add((5, () => { var v = rng.Choose(vars); return new Expr(v.Name, v.Varying); }));
        if (type == Types.Int)
            choices.Add((2, () => rng.Pick(new Expr("[tid.x]", true), new Expr("[tid.y]", true), new Expr("[bid.x]", false),
                new Expr("[bdim.x]", false), new Expr("[gdim.x]", false), new Expr("[laneid]", true))));
        if (!inKernel) return rng.Weighted(choices.ToArray())();
        if (type == Types.Int)
        {
            choices.Add((2, () => rng.Pick(new Expr("n1", false), new Expr("n2", false))));
            choices.Add((2, () => Input("in", Types.Int)));
            if (SharedReadable) choices.Add((2, () => Shared("sh")));
        }
        if (type == Types.Float)
        {
            choices.Add((2, () => Input("inf", Types.Float)));
            if (SharedReadable) choices.Add((2, () => Shared("shf")));
        }
        return rng.Weighted(choices.ToArray())();
    }

    private Expr Input(string array, string type)
    {
        var at = Index(Of(Types.Int, 1), ProgramShape.InputLength.ToString(CultureInfo.InvariantCulture));
        return new Expr($"(load (ptradd {array} {at}))", at.Varying);
    }

    /// <summary>A read of any live slot of a shared array: slots below the block's thread count are written before.</summary>
    private Expr Shared(string array)
    {
        var at = Index(Of(Types.Int, 1), "nthreads");
        return new Expr($"(load (aptradd {array} {at}))", true);
    }

    public Expr Literal(string type) => type switch
    {
        Types.Int => new("(int " + rng.Weighted((6, rng.Between(-20, 20).ToString(CultureInfo.InvariantCulture)),
            (2, rng.Pick("2147483647", "-2147483648", "65535", "-65536", "255", "31", "32", "33")),
            (1, rng.Next(int.MaxValue).ToString(CultureInfo.InvariantCulture))) + ")", false),
        Types.Int64 => new($"(int64 {rng.Weighted((5, rng.Between(-20, 20).ToString(CultureInfo.InvariantCulture)), (2, rng.Pick("9223372036854775807", "-9223372036854775808", "4294967296", "4294967295", "-4294967297")))})", false),
        Types.Bool => new(rng.Pick("#t", "#f"), false),
        _ => new(FloatLiteral(type), false),
    };

    private string FloatLiteral(string type)
    {
        string text = rng.Weighted(
            (6, (rng.Between(-64, 64) / 4.0).ToString("0.0##", CultureInfo.InvariantCulture)),
            (3, rng.Pick("0.1", "-0.0", "1e30", "-1e30", "3.0e38", "1e-30", "1.0e-40", "+inf.0", "-inf.0", "+nan.0", "16777217.0", "0.333333")));
        return $"({type} {text})";
    }

    private Expr Integer(string type, int depth)
    {
        Expr Sub() => Of(type, depth);
        var other = type == Types.Int ? Types.Int64 : Types.Int;
        return rng.Weighted<Func<Expr>>(
            (8, () => Op(rng.Choose(IntBinary), Sub(), Sub())),
            (2, () => { var a = Sub(); var b = Sub(); return new($"({rng.Choose(Division)} {a} (or {b} 1))", a.Varying || b.Varying); }),
            (2, () => Op("math " + rng.Choose(IntMath2), Sub(), Sub())),
            (1, () => Op("math " + rng.Choose(IntMath1), Sub())),
            (1, () => Counted(Of(rng.Pick(Types.Int, Types.Int64), depth), type)),
            (1, () => type == Types.Int ? Op("math " + rng.Pick("mul24", "umul24"), Sub(), Sub()) : Sub()),
            (2, () => Cast(Of(other, depth), type == Types.Int ? "trunc" : rng.Pick("sext", "zext"), type)),
            (2, () => Narrow(Sub(), type)),
            (2, () => Cast(Of(rng.Pick(Types.Float, Types.Double), depth), rng.Pick("fptosi", "fptoui"), type)),
            (1, () => Cast(Of(Types.Bool, depth), rng.Pick("zext", "sext"), type)),
            (1, () => Bits(rng.Pick(Types.Float, Types.Double), depth, type)),
            (2, () => Select(type, depth)),
            (2, () => Call(type, depth)))();
    }

    /// <summary>popc, clz, ffs of an int or int64 give an int, sign-extended where int64 is wanted.</summary>
    private Expr Counted(Expr operand, string type)
    {
        var e = Op("math " + rng.Choose(Counts), operand);
        return type == Types.Int ? e : Cast(e, "sext", type);
    }

    private Expr Narrow(Expr value, string type)
    {
        string narrow = rng.Pick("int8", "int16");
        return new($"({rng.Pick("sext", "zext")} (trunc {value} {narrow}) {type})", value.Varying);
    }

    /// <summary>A float's bits as an integer of a given type, NaNs made one canonical value first.</summary>
    private Expr Bits(string floatType, int depth, string type)
    {
        var f = Canonical(Of(floatType, depth), floatType);
        string bits = Types.BitsOf(floatType);
        var raw = new Expr($"(bitcast {f} {bits})", f.Varying);
        if (bits == type) return raw;
        return bits == Types.Int ? Cast(raw, "sext", type) : Cast(raw, "trunc", type);
    }

    /// <summary>NaN's sign and payload are not specified by IEEE arithmetic: replace any NaN by 0.5.</summary>
    public static Expr Canonical(Expr f, string floatType)
    {
        string half = $"({floatType} 0.5)";
        return new($"(select (fune {f} {f}) {half} {f})", f.Varying);
    }

    private Expr FloatValue(string type, int depth)
    {
        Expr Sub() => Of(type, depth);
        var other = type == Types.Float ? Types.Double : Types.Float;
        return rng.Weighted<Func<Expr>>(
            (8, () => Op(rng.Choose(FloatBinary), Sub(), Sub())),
            (1, () => Op("fneg", Sub())),
            (2, () => Op("math " + rng.Choose(FloatMath1), Sub())),
            (2, () => Op("math " + rng.Choose(FloatMath2), Sub(), Sub())),
            (1, () => Op("math fma", Sub(), Sub(), Sub())),
            (1, () => { var s = Sub(); var sign = Canonical(Sub(), type); return Op("math copysign", s, sign); }),
            (1, () => { var s = Sub(); var n = Of(Types.Int, depth); return new($"(math ldexp {s} (sub (and {n} 127) 64))", s.Varying || n.Varying); }),
            (2, () => Cast(Of(rng.Pick(Types.Int, Types.Int64), depth), rng.Pick("sitofp", "uitofp"), type)),
            (2, () => Cast(Of(other, depth), type == Types.Float ? "fptrunc" : "fpext", type)),
            (2, () => Select(type, depth)),
            (2, () => Call(type, depth)))();
    }

    private Expr Bool(int depth)
    {
        return rng.Weighted<Func<Expr>>(
            (4, () => { var t = rng.Pick(Types.Int, Types.Int64); return Op(rng.Choose(IntCompare), Of(t, depth), Of(t, depth)); }),
            (3, () => { var t = rng.Pick(Types.Float, Types.Double); return Op(rng.Choose(FloatCompare), Of(t, depth), Of(t, depth)); }),
            (2, () => Op(rng.Pick("land", "lor", "and", "or", "xor"), Of(Types.Bool, depth), Of(Types.Bool, depth))),
            (1, () => Op("not", Of(Types.Bool, depth))),
            (1, () => { var t = rng.Pick(Types.Float, Types.Double); return Op("math " + rng.Pick("isnan", "isinf", "isfinite"), Of(t, depth)); }),
            (1, () => { var t = rng.Pick(Types.Float, Types.Double); return Op("math signbit", Canonical(Of(t, depth), t)); }))();
    }

    private Expr Select(string type, int depth)
    {
        var c = Of(Types.Bool, depth);
        var a = Of(type, depth);
        var b = Of(type, depth);
        return new($"(select {c} {a} {b})", c.Varying || a.Varying || b.Varying);
    }

    private Expr Call(string type, int depth)
    {
        var callable = functions.Where(f => f.Return == type).ToList();
        if (callable.Count == 0) return Leaf(type);
        var f = rng.Choose(callable);
        var args = f.Parameters.Select(p => Of(p, depth)).ToList();
        return new($"(call {f.Name}{string.Concat(args.Select(a => " " + a.Text))})", f.Varying || args.Any(a => a.Varying));
    }

    private static Expr Op(string op, params Expr[] operands) =>
        new($"({op}{string.Concat(operands.Select(o => " " + o.Text))})", operands.Any(o => o.Varying));

    private static Expr Cast(Expr value, string op, string type) => new($"({op} {value} {type})", value.Varying);
}
