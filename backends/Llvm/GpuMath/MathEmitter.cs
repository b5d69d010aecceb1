using Translate.Backends.Llvm.Api;

namespace Translate.Backends.Llvm.GpuMath;

/// <summary>
/// Writes the body of one device math function: double values (<see cref="Num"/>) with arithmetic
/// operators, so the formulas read as formulas. Every operation is one IEEE rounding (no fast-math,
/// no contraction): <see cref="Fma"/> is the only fused operation, and it is asked for explicitly.
/// </summary>
internal sealed class MathEmitter : IDisposable
{
    public MathEmitter(LlvmModule module, LFunction function)
    {
        Module = module;
        Function = function;
        B = new LlvmBuilder(module.Context);
        B.PositionAtEnd(B.AppendBlock(function, "entry"));
    }

    public LlvmModule Module { get; }
    public LFunction Function { get; }
    public LlvmBuilder B { get; }
    public LlvmContext C => Module.Context;
    public LType F64 => C.Double;
    public LType I128 => C.Int(128);

    public Num Param(int index) => new(this, LlvmModule.Param(Function, index));
    public Num K(double v) => new(this, LlvmContext.ConstReal(F64, v));
    public LValue I32(long v) => C.I32Const(v);
    public LValue I64(long v) => C.I64Const(v);

    public LValue Call(string intrinsic, LType[] overloads, params LValue[] args) =>
        B.Call(Module.Intrinsic(intrinsic, overloads), args);

    private Num Unary(string intrinsic, Num x) => new(this, Call(intrinsic, [F64], x.V));

    public Num Fma(Num a, Num b, Num c) => new(this, Call("llvm.fma", [F64], a.V, b.V, c.V));
    public Num Abs(Num x) => Unary("llvm.fabs", x);
    public Num Sqrt(Num x) => Unary("llvm.sqrt", x);
    public Num Rint(Num x) => Unary("llvm.rint", x);
    public Num Floor(Num x) => Unary("llvm.floor", x);
    public Num Trunc(Num x) => Unary("llvm.trunc", x);
    public Num CopySign(Num magnitude, Num sign) => new(this, Call("llvm.copysign", [F64], magnitude.V, sign.V));

    /// <summary>x · 2^k, exact unless the result overflows or is subnormal (then one rounding).</summary>
    public Num Ldexp(Num x, LValue k) => new(this, Call("llvm.ldexp", [F64, C.I32], x.V, k));

    /// <summary>The nearest i32, saturating (NaN gives 0: callers let the NaN flow through the arithmetic instead).</summary>
    public LValue ToI32(Num x) => Call("llvm.fptosi.sat", [C.I32, F64], x.V);
    public Num FromI32(LValue i) => new(this, B.Cast(Opcode.SIToFP, i, F64));
    public Num FromU64(LValue i) => new(this, B.Cast(Opcode.UIToFP, i, F64));
    public LValue Bits(Num x) => B.Cast(Opcode.BitCast, x.V, C.I64);
    public Num FromBits(LValue bits) => new(this, B.Cast(Opcode.BitCast, bits, F64));

    public LValue Lt(Num a, Num b) => B.FCmp(RealPredicate.Olt, a.V, b.V);
    public LValue Le(Num a, Num b) => B.FCmp(RealPredicate.Ole, a.V, b.V);
    public LValue Gt(Num a, Num b) => B.FCmp(RealPredicate.Ogt, a.V, b.V);
    public LValue Ge(Num a, Num b) => B.FCmp(RealPredicate.Oge, a.V, b.V);
    public LValue Eq(Num a, Num b) => B.FCmp(RealPredicate.Oeq, a.V, b.V);
    public LValue IsNan(Num a) => B.FCmp(RealPredicate.Uno, a.V, a.V);
    public LValue IsInf(Num a) => Eq(Abs(a), K(double.PositiveInfinity));
    public LValue SignBit(Num a) => B.ICmp(IntPredicate.Slt, Bits(a), I64(0));
    public LValue And(LValue a, LValue b) => B.Binary(Opcode.And, a, b);
    public LValue Or(LValue a, LValue b) => B.Binary(Opcode.Or, a, b);
    public LValue Not(LValue a) => B.Not(a);

    public Num Select(LValue condition, Num whenTrue, Num whenFalse) => new(this, B.Select(condition, whenTrue.V, whenFalse.V));

    /// <summary>c[0] + x·(c[1] + x·(c[2] + …)) by Horner's rule with fused steps.</summary>
    public Num Horner(Num x, IReadOnlyList<double> c)
    {
        var acc = K(c[^1]);
        for (int i = c.Count - 2; i >= 0; i--) acc = Fma(acc, x, K(c[i]));
        return acc;
    }

    /// <summary>Calls another function of the library (double → double or (double, double) → double).</summary>
    public Num Call(LFunction f, params Num[] args) => new(this, B.Call(f, args.Select(a => a.V).ToArray()));

    public void Return(Num v) => B.Ret(v.V);

    public void Dispose() => B.Dispose();
}

/// <summary>A double value being computed by a <see cref="MathEmitter"/>.</summary>
internal readonly record struct Num(MathEmitter E, LValue V)
{
    private static Num Op(Opcode op, Num a, Num b) => new(a.E, a.E.B.Binary(op, a.V, b.V));
    public static Num operator +(Num a, Num b) => Op(Opcode.FAdd, a, b);
    public static Num operator -(Num a, Num b) => Op(Opcode.FSub, a, b);
    public static Num operator *(Num a, Num b) => Op(Opcode.FMul, a, b);
    public static Num operator /(Num a, Num b) => Op(Opcode.FDiv, a, b);
    public static Num operator +(Num a, double b) => a + a.E.K(b);
    public static Num operator -(Num a, double b) => a - a.E.K(b);
    public static Num operator *(Num a, double b) => a * a.E.K(b);
    public static Num operator /(Num a, double b) => a / a.E.K(b);
    public static Num operator +(double a, Num b) => b.E.K(a) + b;
    public static Num operator -(double a, Num b) => b.E.K(a) - b;
    public static Num operator *(double a, Num b) => b.E.K(a) * b;
    public static Num operator /(double a, Num b) => b.E.K(a) / b;
    public static Num operator -(Num a) => new(a.E, a.E.B.FNeg(a.V));
}
