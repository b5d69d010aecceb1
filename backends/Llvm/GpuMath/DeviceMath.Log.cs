using static Translate.Backends.Llvm.GpuMath.MathConstants;

namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>2/3, 2/5, … 2/25: 2·atanh(s) = 2s + s·(2s²/3 + 2s⁴/5 + …) for |s| ≤ 0.1716 (next term below 2^-60 relative).</summary>
    private static readonly double[] AtanhSeries = Enumerable.Range(1, 12).Select(n => 2.0 / (2 * n + 1)).ToArray();

    /// <summary>
    /// x = 2^k·(1 + f) with 1 + f in [√½, √2) for a positive finite x (subnormals scaled first), and
    /// log(1 + f) = f − (hf − s·(hf + R)) split so callers can add k·log(2) in the base they need
    /// (s = f/(2 + f), hf = f²/2, 2·atanh(s) = log(1 + f)). The identity keeps f exact in front.
    /// </summary>
    private static (Num K, Num F, Num Correction) LogParts(MathEmitter e, Num x)
    {
        var b = e.B;
        var subnormal = e.Lt(x, e.K(double.Epsilon * (1L << 52)));
        var scaled = e.Select(subnormal, x * System.Math.ScaleB(1, 54), x);
        var bits = e.Bits(scaled);
        var biased = b.Binary(Api.Opcode.And, b.Binary(Api.Opcode.LShr, bits, e.I64(52)), e.I64(0x7FF));
        var mantissa = e.FromBits(b.Binary(Api.Opcode.Or, b.Binary(Api.Opcode.And, bits, e.I64(0xFFFFFFFFFFFFFL)), e.I64(0x3FF0000000000000L)));
        var k = e.FromI32(b.Cast(Api.Opcode.Trunc, b.Binary(Api.Opcode.Sub, biased, e.I64(1023)), e.C.I32)) - e.Select(subnormal, e.K(54), e.K(0));
        var big = e.Gt(mantissa, e.K(System.Math.Sqrt(2)));
        var m = e.Select(big, mantissa * 0.5, mantissa);
        k = e.Select(big, k + 1.0, k);
        var f = m - 1.0; // exact
        var s = f / (2.0 + f);
        var z = s * s;
        var r = z * e.Horner(z, AtanhSeries);
        var hf = 0.5 * f * f;
        return (k, f, hf - s * (hf + r));
    }

    /// <summary>The C results at the edges: NaN below 0 (and for NaN), −∞ at ±0, +∞ at +∞.</summary>
    private static Num LogEdges(MathEmitter e, Num x, Num finite)
    {
        var r = e.Select(e.Eq(x, e.K(double.PositiveInfinity)), x, finite);
        r = e.Select(e.Eq(x, e.K(0)), e.K(double.NegativeInfinity), r);
        return e.Select(e.Not(e.Ge(x, e.K(0))), e.K(double.NaN), r);
    }

    private void Log(MathEmitter e)
    {
        var x = e.Param(0);
        var (k, f, correction) = LogParts(e, x);
        e.Return(LogEdges(e, x, k * Ln2Split[0] + (f - (correction + -(k * Ln2Split[1])))));
    }

    private void Log2(MathEmitter e)
    {
        var x = e.Param(0);
        var (k, f, correction) = LogParts(e, x);
        var lm = f - correction;
        // log2(1+f) = lm/ln2 with lm's rounding error carried: (f − lm) − correction.
        var lmTail = f - lm - correction;
        e.Return(LogEdges(e, x, k + (lm * InvLn2 + lmTail * InvLn2)));
    }

    private void Log10(MathEmitter e)
    {
        var x = e.Param(0);
        var (k, f, correction) = LogParts(e, x);
        var lm = f - correction;
        var lmTail = f - lm - correction;
        e.Return(LogEdges(e, x, k * Log10Of2Split[0] + (lm * InvLn10 + (lmTail * InvLn10 + k * Log10Of2Split[1]))));
    }

    /// <summary>log(1 + x) = log(u) + (x − (u − 1))/u with u = 1 + x rounded: the quotient is what the rounding lost.</summary>
    private void Log1p(MathEmitter e)
    {
        var x = e.Param(0);
        var u = 1.0 + x;
        var r = Use(e, "log", u) + (x - (u - 1.0)) / u;
        r = e.Select(e.Eq(x, e.K(-1)), e.K(double.NegativeInfinity), r);
        r = e.Select(e.Eq(x, e.K(0)), x, r); // keeps −0
        e.Return(e.Select(e.Eq(x, e.K(double.PositiveInfinity)), x, r));
    }
}
