using Translate.Backends.Llvm.Api;
using static Translate.Backends.Llvm.GpuMath.MathConstants;

namespace Translate.Backends.Llvm.GpuMath;

internal enum TrigFunction { Sin, Cos, Tan }

public sealed partial class DeviceMath
{
    /// <summary>Below this |x| the quadrant count k stays under 2^20, so k times each 33-bit piece of π/2 is exact.</summary>
    private const double CodyWaiteLimit = 8e5;
    private const int TwoOverPiWordCount = 20;

    /// <summary>Below 2^-27 the first omitted term is under half an ulp: sin x = tan x = x, cos x = 1.</summary>
    private static readonly double Tiny = System.Math.ScaleB(1, -27);

    /// <summary>(−1)^n/(2n+1)! for n = 1…9: sin r = r + r³·S(r²) on |r| ≤ π/4 (next term below 2^-64).</summary>
    private static readonly double[] SinTaylor = Enumerable.Range(1, 9).Select(n => (n % 2 == 0 ? 1 : -1) / Factorial(2 * n + 1)).ToArray();

    /// <summary>(−1)^n/(2n)! for n = 2…10: cos r = 1 − r²/2 + r⁴·C(r²).</summary>
    private static readonly double[] CosTaylor = Enumerable.Range(2, 9).Select(n => (n % 2 == 0 ? 1 : -1) / Factorial(2 * n)).ToArray();

    /// <summary>a + b as a rounded sum and its exact error (Knuth's TwoSum, any magnitudes).</summary>
    private static (Num Sum, Num Error) TwoSum(Num a, Num b)
    {
        var s = a + b;
        var bb = s - a;
        return (s, a - (s - bb) + (b - bb));
    }

    /// <summary>
    /// sin, cos, tan: |x| = k·π/2 + rh + rl, then Taylor polynomials on |r| ≤ π/4 and the quadrant
    /// k mod 4. Small |x| reduce by Cody and Waite (three pieces of π/2: 119 bits); large |x| by
    /// Payne and Hanek (a 192-bit window of 2/π's bits at x's exponent, integer arithmetic).
    /// </summary>
    private void Trig(MathEmitter e, TrigFunction which)
    {
        var b = e.B;
        var x = e.Param(0);
        var a = e.Abs(x);
        var small = b.AppendBlock(e.Function, "cody_waite");
        var large = b.AppendBlock(e.Function, "payne_hanek");
        var join = b.AppendBlock(e.Function, "reduced");
        b.CondBr(e.Lt(a, e.K(CodyWaiteLimit)), small, large); // NaN and ±∞ take the large path; the result is replaced below

        b.PositionAtEnd(small);
        var (q1, h1, l1) = ReduceCodyWaite(e, a);
        var smallEnd = b.CurrentBlock;
        b.Br(join);
        b.PositionAtEnd(large);
        var (q2, h2, l2) = ReducePayneHanek(e, a);
        var largeEnd = b.CurrentBlock;
        b.Br(join);

        b.PositionAtEnd(join);
        var q = b.Phi(e.C.I32, [(q1, smallEnd), (q2, largeEnd)]);
        var rh = new Num(e, b.Phi(e.F64, [(h1.V, smallEnd), (h2.V, largeEnd)]));
        var rl = new Num(e, b.Phi(e.F64, [(l1.V, smallEnd), (l2.V, largeEnd)]));

        var z = rh * rh;
        var sin = rh + (rh * z * e.Horner(z, SinTaylor) + rl * (1.0 - 0.5 * z));
        var hz = 0.5 * z;
        var w = 1.0 - hz;
        var cos = w + (1.0 - w - hz + (z * z * e.Horner(z, CosTaylor) - rh * rl));

        LValue Bit(LValue v, int n) => b.ICmp(IntPredicate.Ne, b.Binary(Opcode.And, v, e.I32(n)), e.I32(0));
        var odd = Bit(q, 1);
        var negative = e.SignBit(x);
        Num result;
        switch (which)
        {
            case TrigFunction.Sin:
                result = e.Select(odd, cos, sin);
                result = e.Select(b.Binary(Opcode.Xor, Bit(q, 2), negative), -result, result);
                result = e.Select(e.Lt(a, e.K(Tiny)), x, result);
                break;
            case TrigFunction.Cos:
                result = e.Select(odd, sin, cos);
                result = e.Select(Bit(b.Binary(Opcode.Add, q, e.I32(1)), 2), -result, result);
                result = e.Select(e.Lt(a, e.K(Tiny)), e.K(1), result);
                break;
            default:
                result = e.Select(odd, -cos / sin, sin / cos);
                result = e.Select(negative, -result, result);
                result = e.Select(e.Lt(a, e.K(Tiny)), x, result);
                break;
        }
        // sin, cos and tan of ±∞ are NaN, as of NaN: x − x is both.
        e.Return(e.Select(e.Or(e.IsInf(x), e.IsNan(x)), x - x, result));
    }

    private static (LValue Q, Num Rh, Num Rl) ReduceCodyWaite(MathEmitter e, Num a)
    {
        var k = e.Rint(a * TwoOverPi);
        var t = a - k * PiHalfCodyWaite[0];
        var (r1, err) = TwoSum(t, -(k * PiHalfCodyWaite[1]));
        var (rh, rl) = TwoSum(r1, err - k * PiHalfCodyWaite[2]);
        return (e.ToI32(k), rh, rl);
    }

    /// <summary>
    /// a = m·2^ex (m a 53-bit integer). a·(2/π) mod 4 only needs 2/π's bits from weight 2^(1−ex)
    /// down: higher bits give multiples of 4. The 192 bits read there, times m, give that value as a
    /// 128-bit fixed-point number with 126 fraction bits; its top two bits are the quadrant, the
    /// rest (centred on 0) times π/2 is the reduced argument, as a double-double.
    /// </summary>
    private (LValue Q, Num Rh, Num Rl) ReducePayneHanek(MathEmitter e, Num a)
    {
        var b = e.B;
        var c = e.C;
        var i64 = c.I64;
        var i128 = e.I128;
        LValue Wide(LValue v) => b.Cast(Opcode.ZExt, v, i128);
        LValue Narrow(LValue v) => b.Cast(Opcode.Trunc, v, i64);
        LValue Shr(LValue v, int n) => b.Binary(Opcode.LShr, v, LlvmContext.ConstInt(i128, n));
        LValue Shl(LValue v, int n) => b.Binary(Opcode.Shl, v, LlvmContext.ConstInt(i128, n));

        var bits = e.Bits(a);
        var biased = b.Binary(Opcode.LShr, bits, e.I64(52));
        var m = b.Binary(Opcode.Or, b.Binary(Opcode.And, bits, e.I64(0xFFFFFFFFFFFFFL)), e.I64(1L << 52));
        // a = m·2^(biased − 1075); the window starts at stream bit (ex − 1) + 63 = biased − 1013 (≥ 29 here).
        var pos = b.Binary(Opcode.Sub, biased, e.I64(1013));
        var word = b.Binary(Opcode.LShr, pos, e.I64(6));
        var shift = b.Binary(Opcode.And, pos, e.I64(63));
        var table = TwoOverPiTable();
        LValue Load(int i) => b.Load(i64, b.Gep(i64, table, b.Binary(Opcode.Add, word, e.I64(i))), 8);
        var t = Enumerable.Range(0, 4).Select(Load).ToArray();
        LValue Window(int i) => e.Call("llvm.fshl", [i64], t[i], t[i + 1], shift);

        var wm = Wide(m);
        var p2 = b.Binary(Opcode.Mul, wm, Wide(Window(2)));
        var p1 = b.Binary(Opcode.Add, b.Binary(Opcode.Mul, wm, Wide(Window(1))), Shr(p2, 64));
        var p0 = b.Binary(Opcode.Add, b.Binary(Opcode.Mul, m, Window(0)), Narrow(Shr(p1, 64)));
        var n = b.Binary(Opcode.Or, Shl(Wide(p0), 64), b.Binary(Opcode.And, p1, Wide(e.I64(-1))));

        // Round to the nearest quadrant: a fraction of half or more counts as the next one, minus one.
        var q = b.Cast(Opcode.Trunc, Shr(n, 126), c.I32);
        var frac = b.Binary(Opcode.And, n, b.Binary(Opcode.Sub, Shl(LlvmContext.ConstInt(i128, 1), 126), LlvmContext.ConstInt(i128, 1)));
        var up = b.ICmp(IntPredicate.Uge, frac, Shl(LlvmContext.ConstInt(i128, 1), 125));
        q = b.Select(up, b.Binary(Opcode.Add, q, e.I32(1)), q);
        var magnitude = b.Select(up, b.Binary(Opcode.Sub, Shl(LlvmContext.ConstInt(i128, 1), 126), frac), frac);

        // magnitude·2^-126 as a double-double: normalize, take 53 bits exactly, then the rest.
        var lz = e.Call("llvm.ctlz", [i128], magnitude, c.Bool(false));
        var normalized = b.Binary(Opcode.Shl, magnitude, lz);
        var hi = Narrow(Shr(normalized, 64));
        var lo = Narrow(normalized);
        var scale = b.Binary(Opcode.Sub, e.I32(-62), b.Cast(Opcode.Trunc, lz, c.I32));
        var th = e.Ldexp(e.FromU64(b.Binary(Opcode.And, hi, e.I64(~0x7FFL))), scale);
        var tl = e.Ldexp(e.FromU64(b.Binary(Opcode.And, hi, e.I64(0x7FF))) + e.FromU64(lo) * System.Math.ScaleB(1, -64), scale);
        var rh = th * PiHalfSplit[0];
        var rl = e.Fma(th, e.K(PiHalfSplit[0]), -rh) + (th * PiHalfSplit[1] + tl * PiHalfSplit[0]);
        var (sh, sl) = TwoSum(rh, rl);
        // A zero fraction (a an exact multiple of π/2 to 126 bits: impossible for finite doubles) would shift by 128.
        var zero = b.ICmp(IntPredicate.Eq, magnitude, LlvmContext.ConstInt(i128, 0));
        sh = e.Select(zero, e.K(0), sh);
        sl = e.Select(zero, e.K(0), sl);
        return (q, e.Select(up, -sh, sh), e.Select(up, -sl, sl));
    }
}
