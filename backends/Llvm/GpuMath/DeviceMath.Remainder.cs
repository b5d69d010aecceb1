using Translate.Backends.Llvm.Api;

namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>
    /// fmod, exactly: both operands as 53-bit integers times powers of two; the dividend's integer is
    /// reduced modulo the divisor's while the exponent gap is closed 11 bits at a time (the shifted
    /// value stays under 2^64). The remainder is exactly representable, so the conversion back is exact.
    /// </summary>
    private void Fmod(MathEmitter e)
    {
        var b = e.B;
        var x = e.Param(0);
        var y = e.Param(1);
        var ax = e.Abs(x);
        var ay = e.Abs(y);
        var invalid = e.Or(e.Or(e.IsNan(x), e.IsNan(y)), e.Or(e.IsInf(x), e.Eq(ay, e.K(0))));
        var trivial = e.Or(invalid, e.Lt(ax, ay));

        (LValue Mantissa, LValue Exponent) Split(Num v)
        {
            var bits = e.Bits(v);
            var biased = b.Binary(Opcode.LShr, bits, e.I64(52));
            var fraction = b.Binary(Opcode.And, bits, e.I64(0xFFFFFFFFFFFFFL));
            var normal = b.ICmp(IntPredicate.Ne, biased, e.I64(0));
            return (b.Select(normal, b.Binary(Opcode.Or, fraction, e.I64(1L << 52)), fraction), b.Select(normal, biased, e.I64(1)));
        }
        var (mx, ex) = Split(ax);
        var (my, ey) = Split(ay);
        // The trivial cases still run the (empty) loop: a divisor of 1 and no gap keep it defined.
        my = b.Select(trivial, e.I64(1), my);
        var gap = b.Select(trivial, e.I64(0), b.Binary(Opcode.Sub, ex, ey));
        var start = b.Binary(Opcode.URem, mx, my);
        var entry = b.CurrentBlock;
        var loop = b.AppendBlock(e.Function, "reduce");
        var step = b.AppendBlock(e.Function, "step");
        var done = b.AppendBlock(e.Function, "done");
        b.Br(loop);

        b.PositionAtEnd(loop);
        var r = b.Phi(e.C.I64, [(start, entry)]);
        var d = b.Phi(e.C.I64, [(gap, entry)]);
        b.CondBr(b.ICmp(IntPredicate.Ugt, d, e.I64(0)), step, done);

        b.PositionAtEnd(step);
        var s = e.Call("llvm.umin", [e.C.I64], d, e.I64(11));
        var nextR = b.Binary(Opcode.URem, b.Binary(Opcode.Shl, r, s), my);
        var nextD = b.Binary(Opcode.Sub, d, s);
        LlvmBuilder.AddIncoming(r, nextR, step);
        LlvmBuilder.AddIncoming(d, nextD, step);
        b.Br(loop);

        b.PositionAtEnd(done);
        var exponent = b.Cast(Opcode.Trunc, b.Binary(Opcode.Sub, ey, e.I64(1075)), e.C.I32);
        var result = e.CopySign(e.Ldexp(e.FromU64(r), exponent), x);
        result = e.Select(e.Lt(ax, ay), x, result);
        e.Return(e.Select(invalid, e.K(double.NaN), result));
    }

    /// <summary>
    /// IEEE remainder: a = fmod(|x|, 2|y|) in [0, 2|y|); subtracting |y| once gives the quotient's
    /// parity; then a is moved to [−|y|/2, |y|/2], a tie going to the even quotient. Every
    /// subtraction is exact (Sterbenz). The sign follows x.
    /// </summary>
    private void Remainder(MathEmitter e)
    {
        var x = e.Param(0);
        var y = e.Param(1);
        var ax = e.Abs(x);
        var ay = e.Abs(y);
        var a = e.Select(e.Gt(ay, e.K(double.MaxValue / 2)), ax, Use(e, "fmod", ax, 2.0 * ay));
        var odd = e.Ge(a, ay);
        a = e.Select(odd, a - ay, a);
        var twice = 2.0 * a;
        var up = e.Or(e.Gt(twice, ay), e.And(e.Eq(twice, ay), odd));
        a = e.Select(up, a - ay, a);
        var r = e.Select(e.SignBit(x), -a, a);
        var invalid = e.Or(e.Or(e.IsNan(x), e.IsNan(y)), e.Or(e.IsInf(x), e.Eq(ay, e.K(0))));
        e.Return(e.Select(invalid, e.K(double.NaN), r));
    }
}
