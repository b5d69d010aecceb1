namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>
    /// pow(x, y) = e^(y·log|x|) with C99's special cases; the sign is −1 for negative x and odd
    /// integer y; negative x and non-integer y give NaN. y·log|x| is one double rounding, which
    /// costs up to |y·log x|·2^-53 relative: far below a float ulp, but not exact in double (float only).
    /// </summary>
    private void Pow(MathEmitter e)
    {
        var x = e.Param(0);
        var y = e.Param(1);
        var ax = e.Abs(x);
        var r = Use(e, "exp", y * Use(e, "log", ax));
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
