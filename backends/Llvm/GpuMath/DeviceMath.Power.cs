using static Translate.Backends.Llvm.GpuMath.MathConstants;

namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>2/3 as a sum of two doubles: the s³ term of log's series is carried in extra precision.</summary>
    private static readonly double[] TwoThirds = [2.0 / 3, System.Math.FusedMultiplyAdd(-3, 2.0 / 3, 2) / 3];

    /// <summary>2/5, 2/7, … 2/25: the series of 2·atanh(s) after its s³ term, over s⁵ (|s| ≤ 0.1716).</summary>
    private static readonly double[] AtanhTail = Enumerable.Range(2, 11).Select(n => 2.0 / (2 * n + 1)).ToArray();

    /// <summary>
    /// log x as H + Lo, about 2^-64 relative, for a positive finite x: x = 2^k·(1 + f) (<see cref="LogParts"/>'s
    /// reduction), log(1 + f) = 2·atanh(s) with s = f/(2 + f) = sh + sl divided out exactly, its 2s and (2/3)s³ terms in
    /// double-double and the rest (below 6·10⁻⁵) in double, and k·ln2 with ln2's 106 bits.
    /// </summary>
    private static (Num H, Num Lo) LogExtended(MathEmitter e, Num x)
    {
        var (k, f, _) = LogParts(e, x);
        var u = 2.0 + f;
        var uLow = f - (u - 2.0); // 2 + f = u + uLow exactly (|f| < 2)
        var sh = f / u;
        var sl = (e.Fma(-sh, u, f) - sh * uLow) / u;
        var z = sh * sh;
        var zLow = e.Fma(sh, sh, -z) + 2.0 * sh * sl;
        // s³ = sh·z + the product's error + the cross terms; times 2/3 carried as two doubles.
        var cube = sh * z;
        var cubeLow = e.Fma(sh, z, -cube) + (sh * zLow + sl * z);
        var t3 = TwoThirds[0] * cube;
        var t3Low = e.Fma(e.K(TwoThirds[0]), cube, -t3) + (TwoThirds[0] * cubeLow + TwoThirds[1] * cube);
        var rest = cube * z * e.Horner(z, AtanhTail);
        // 2s + (2/3)s³ (two-sum: either may be the larger), then the small parts.
        var head = 2.0 * sh + t3;
        var bv = head - 2.0 * sh;
        var headLow = (2.0 * sh - (head - bv)) + (t3 - bv) + (2.0 * sl + t3Low + rest);
        // k·ln2 = a + aLow (fma keeps the product's error), added by another two-sum.
        var a = k * Ln2Full[0];
        var aLow = e.Fma(k, e.K(Ln2Full[0]), -a) + k * Ln2Full[1];
        var h = a + head;
        var bw = h - a;
        var low = (a - (h - bw)) + (head - bw) + (aLow + headLow);
        var sum = h + low;
        return (sum, h - sum + low);
    }

    /// <summary>
    /// pow(x, y) = e^(y·log|x|) with C99's special cases; the sign is −1 for negative x and odd integer y; negative x
    /// and non-integer y give NaN. y·log|x| is formed as a double-double from log's extended value, so its rounding
    /// (up to 709·2^-53 absolute, thousands of ulps of the result once exponentiated) does not reach the result; the
    /// exponential takes its low part beside its own reduction error.
    /// </summary>
    private void Pow(MathEmitter e)
    {
        var x = e.Param(0);
        var y = e.Param(1);
        var ax = e.Abs(x);
        var finite = e.And(e.Gt(ax, e.K(0)), e.Not(e.IsInf(ax)));
        var (logHigh, logLow) = LogExtended(e, e.Select(finite, ax, e.K(1)));
        logHigh = e.Select(finite, logHigh, LogEdges(e, ax, e.K(0)));
        var lh = y * logHigh;
        // The product's low part: its rounding error and y times log's tail (none where the product is not finite).
        var ll = e.Fma(y, logHigh, -lh) + y * logLow;
        ll = e.Select(e.And(finite, e.Lt(e.Abs(lh), e.K(1000))), ll, e.K(0));
        var (k, rh, rl) = ReduceLn2(e, Clamp(e, lh, 1000));
        var tail = rl + ll;
        var reduced = rh + tail;
        var r = ExpFinish(e, k, reduced, rh - reduced + tail);
        var integer = e.Eq(e.Floor(y), y);
        var odd = e.And(integer, e.Not(e.Eq(e.Floor(0.5 * y), 0.5 * y)));
        r = e.Select(e.And(e.SignBit(x), odd), -r, r);
        r = e.Select(e.And(e.And(e.Lt(x, e.K(0)), e.Not(e.IsInf(x))), e.Not(integer)), e.K(double.NaN), r);
        // |x| = 1 with y = ±∞ is 1 (log 1 · ∞ would be NaN); x = 1 or y = 0 give 1 even with a NaN beside.
        r = e.Select(e.And(e.Eq(ax, e.K(1)), e.IsInf(y)), e.K(1), r);
        r = e.Select(e.Or(e.Eq(x, e.K(1)), e.Eq(y, e.K(0))), e.K(1), r);
        e.Return(r);
    }

    /// <summary>cbrt x = e^(log|x|/3), then one Newton step y − (y − |x|/y²)/3, with x's sign; 0, ∞ and NaN are themselves.</summary>
    private void Cbrt(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var y = Use(e, "exp", Use(e, "log", a) * (1.0 / 3));
        y = y - (y - a / (y * y)) * (1.0 / 3);
        var r = e.CopySign(y, x);
        e.Return(e.Select(e.Or(e.Or(e.Eq(a, e.K(0)), e.IsInf(x)), e.IsNan(x)), x, r));
    }

    /// <summary>hypot = big·√(1 + (small/big)²): no overflow or underflow on the way; ∞ wins over NaN (C99).</summary>
    private void Hypot(MathEmitter e)
    {
        var ax = e.Abs(e.Param(0));
        var ay = e.Abs(e.Param(1));
        var big = e.Select(e.Gt(ay, ax), ay, ax);
        var small = e.Select(e.Gt(ay, ax), ax, ay);
        var ratio = small / big;
        var r = big * e.Sqrt(1.0 + ratio * ratio);
        r = e.Select(e.Eq(big, e.K(0)), e.K(0), r);
        r = e.Select(e.Or(e.IsNan(ax), e.IsNan(ay)), ax + ay, r);
        e.Return(e.Select(e.Or(e.IsInf(ax), e.IsInf(ay)), e.K(double.PositiveInfinity), r));
    }

    /// <summary>fdim(x, y) = x − y when x &gt; y, else +0; NaN if either is.</summary>
    private void Fdim(MathEmitter e)
    {
        var x = e.Param(0);
        var y = e.Param(1);
        var r = e.Select(e.Gt(x, y), x - y, e.K(0));
        e.Return(e.Select(e.Or(e.IsNan(x), e.IsNan(y)), x + y, r));
    }
}
