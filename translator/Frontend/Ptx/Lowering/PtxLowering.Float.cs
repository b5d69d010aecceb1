using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// Floating-point instructions and cvt. Rounding is .rn (the default); .rz/.rm/.rp are not translated. .approx forms
/// use the IR's math operation of the same function, within its documented ulp bound (docs/ir/asm.md); .ftz is
/// accepted and subnormals are kept. f16 and f16x2 are computed per half in float and rounded back, which is exact
/// for add, sub, mul (float holds every product and sum of two halves before the one rounding to half).
/// </summary>
internal sealed partial class PtxLowering
{
    private const string NotRounding = "the rounding modifier '.{0}' is not translated (only .rn)";

    /// <summary>Rounding and flush modifiers of an arithmetic instruction: .rn accepted, .ftz accepted (subnormals kept), .sat returned.</summary>
    private static bool FloatModifiers(PtxInstruction i, Modifiers m)
    {
        m.Take("rn");
        if (m.TakeAny("rz", "rm", "rp") is { } r) throw new PtxException($"'{i.Spelling}': " + string.Format(NotRounding, r));
        m.Take("ftz");
        return m.Take("sat");
    }

    /// <summary>add, sub, mul, min, max, div on f16 / f16x2 / f32 / f64.</summary>
    private List<Stmt> FloatArith(PtxInstruction i, Modifiers m, PtxType t)
    {
        bool approx = i.Opcode == "div" && m.TakeAny("approx", "full") is not null;
        bool sat = FloatModifiers(i, m);
        if (i.Modifiers.Contains("NaN")) throw new PtxException($"'{i.Spelling}': .NaN is not translated");
        if (t.Bits == 16 && i.Opcode is "div") throw new PtxException($"'{i.Spelling}' is not translated");
        Expr Op(Expr[] x) => i.Opcode switch
        {
            "add" => B(BinaryOp.FAdd, x[0], x[1]),
            "sub" => B(BinaryOp.FSub, x[0], x[1]),
            "mul" => B(BinaryOp.FMul, x[0], x[1]),
            "min" => Math("fmin", x[0], x[1]),
            "max" => Math("fmax", x[0], x[1]),
            _ => approx ? Math("fast-div", x[0], x[1]) : B(BinaryOp.FDiv, x[0], x[1]),
        };
        return [Write(i.Operands[0], Lanes(t, sat ? x => Math("saturate", Op(x)) : Op, i.Operands[1], i.Operands[2]), t)];
    }

    /// <summary>fma / mad (fused), neg, abs, and the functions rcp, sqrt, rsqrt, ex2, lg2, sin, cos, tanh.</summary>
    private List<Stmt> FloatOp(PtxInstruction i, Modifiers m, PtxType? given = null)
    {
        var t = given ?? m.Type();
        if (!t.IsFloat) throw new PtxException($"'{i.Spelling}' is not translated");
        bool approx = m.TakeAny("approx", "full") is not null;
        bool sat = FloatModifiers(i, m);
        bool fused = i.Opcode is "fma" or "mad";
        Count(i, fused ? 4 : 2);
        if (fused && t.Bits == 16) throw new PtxException($"'{i.Spelling}': a fused multiply-add of halves is not translated");
        if (!approx && i.Opcode is "ex2" or "lg2" or "sin" or "cos" or "tanh" or "rsqrt")
            throw new PtxException($"'{i.Spelling}' needs .approx");
        if (t.Bits == 16 && i.Opcode is not ("ex2" or "tanh" or "neg" or "abs"))
            throw new PtxException($"'{i.Spelling}' is not translated");
        Expr Op(Expr[] x) => i.Opcode switch
        {
            "fma" or "mad" => Math("fma", x[0], x[1], x[2]),
            "neg" => new UnaryExpr(_at, UnaryOp.FNeg, x[0]),
            "abs" => Math("fabs", x[0]),
            "rcp" => B(BinaryOp.FDiv, new FloatLit(_at, 1, Float(t)), x[0]),
            "sqrt" => Math("sqrt", x[0]),
            "rsqrt" => Math("rsqrt", x[0]),
            "ex2" => Math("exp2", x[0]),
            "lg2" => Math("log2", x[0]),
            "sin" => Math("sin", x[0]),
            "cos" => Math("cos", x[0]),
            _ => Math("tanh", x[0]),
        };
        var sources = i.Operands.Skip(1).ToArray();
        return [Write(i.Operands[0], Lanes(t, sat ? x => Math("saturate", Op(x)) : Op, sources), t)];
    }

    /// <summary>The IR type the operation computes in: float for halves.</summary>
    private static IrType Float(PtxType t) => t.Bits == 16 ? IrType.Float : t.Ir;

    /// <summary><paramref name="op"/> applied to the operands as <paramref name="t"/>: directly for f32/f64, in float for
    /// f16 (rounded back once), and for each half of an f16x2 (element 0 in the low 16 bits).</summary>
    private Expr Lanes(PtxType t, Func<Expr[], Expr> op, params PtxOperand[] sources)
    {
        if (t.Bits != 16) return op([.. sources.Select(s => Read(s, t))]);
        if (!t.Pair)
            return Cast(CastOp.FPTrunc, op([.. sources.Select(s => Cast(CastOp.FPExt, Read(s, t), IrType.Float))]), IrType.Half);
        Expr Half(Expr bits32, int lane)
        {
            var shifted = lane == 0 ? bits32 : B(BinaryOp.LShr, bits32, Int(16, IrType.Int32));
            return Cast(CastOp.FPExt, Cast(CastOp.Bitcast, Cast(CastOp.Trunc, shifted, IrType.Int16), IrType.Half), IrType.Float);
        }
        Expr Bits(Expr f) => Cast(CastOp.ZExt, Cast(CastOp.Bitcast, Cast(CastOp.FPTrunc, f, IrType.Half), IrType.Int16), IrType.Int32);
        var words = sources.Select(s => Read(s, t)).ToArray();
        var low = Bits(op([.. words.Select(w => Half(w, 0))]));
        var high = Bits(op([.. words.Select(w => Half(w, 1))]));
        return B(BinaryOp.Or, low, B(BinaryOp.Shl, high, Int(16, IrType.Int32)));
    }

    /// <summary>cvt.FRND?.dtype.atype d, a: integer widths (sign- or zero-extended by atype), int ↔ float, float ↔ float;
    /// .rni/.rzi/.rmi/.rpi round to an integral value (rint, trunc, floor, ceil).</summary>
    private List<Stmt> Cvt(PtxInstruction i, Modifiers m)
    {
        var from = m.Type();
        var to = m.Type();
        Count(i, 2);
        if (from.IsPredicate || to.IsPredicate || from.Pair || to.Pair) throw new PtxException($"'{i.Spelling}' is not translated");
        m.Take("ftz");
        if (m.Take("sat")) throw new PtxException($"'{i.Spelling}': .sat is not translated");
        string? integral = m.TakeAny("rni", "rzi", "rmi", "rpi");
        m.Take("rn");
        if (m.TakeAny("rz", "rm", "rp") is { } r) throw new PtxException($"'{i.Spelling}': " + string.Format(NotRounding, r));
        var a = Read(i.Operands[1], from);
        Expr value;
        if (from.IsInteger && to.IsInteger)
            value = from.Bits == to.Bits ? a : Cast(to.Bits < from.Bits ? CastOp.Trunc : from.IsSigned ? CastOp.SExt : CastOp.ZExt, a, to.Ir);
        else if (from.IsInteger)
            value = Cast(from.IsSigned ? CastOp.SIToFP : CastOp.UIToFP, a, to.Ir);
        else
        {
            if (integral is not null) a = Math(integral switch { "rni" => "rint", "rzi" => "trunc", "rmi" => "floor", _ => "ceil" }, a);
            else if (to.IsInteger) throw new PtxException($"'{i.Spelling}': a float to integer cvt needs .rni, .rzi, .rmi or .rpi");
            value = to.IsInteger ? Cast(to.IsSigned ? CastOp.FPToSI : CastOp.FPToUI, a, to.Ir)
                : to.Bits == from.Bits ? a : Cast(to.Bits > from.Bits ? CastOp.FPExt : CastOp.FPTrunc, a, to.Ir);
        }
        return [Write(i.Operands[0], value, to)];
    }
}
