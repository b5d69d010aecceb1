namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    private const double Ln2 = 0.6931471805599453;

    /// <summary>sinh |x| = (t + t/(t + 1))/2 with t = e^|x| − 1 (no cancellation near 0); e^|x|/2 in two halves where e^|x| overflows.</summary>
    private void Sinh(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var t = Use(e, "expm1", a);
        var r = 0.5 * (t + t / (t + 1.0));
        var half = Use(e, "exp", 0.5 * a);
        r = e.Select(e.Gt(a, e.K(22)), 0.5 * Use(e, "exp", a), r);
        r = e.Select(e.Gt(a, e.K(709)), 0.5 * half * half, r);
        e.Return(e.CopySign(r, x));
    }

    /// <summary>cosh |x| = 1 + t²/(2(1 + t)) near 0 (t = e^|x| − 1), e^|x|/2 + 1/(2e^|x|) above, halves where e^|x| overflows.</summary>
    private void Cosh(MathEmitter e)
    {
        var a = e.Abs(e.Param(0));
        var t = Use(e, "expm1", a);
        var ex = Use(e, "exp", a);
        var half = Use(e, "exp", 0.5 * a);
        var r = e.Select(e.Lt(a, e.K(Ln2 / 2)), 1.0 + t * t / (2.0 * (1.0 + t)), 0.5 * ex + 0.5 / ex);
        e.Return(e.Select(e.Gt(a, e.K(709)), 0.5 * half * half, r));
    }

    /// <summary>tanh |x| = −t/(t + 2) with t = e^−2|x| − 1 below 1, 1 − 2/(e^2|x| + 1) above, 1 beyond 22.</summary>
    private void Tanh(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var small = Use(e, "expm1", -2.0 * a);
        var big = Use(e, "expm1", 2.0 * a);
        var r = e.Select(e.Lt(a, e.K(1)), -small / (small + 2.0), 1.0 - 2.0 / (big + 2.0));
        r = e.Select(e.Gt(a, e.K(22)), e.K(1), r);
        e.Return(e.CopySign(r, x));
    }

    /// <summary>asinh |x| = log1p(a + a²/(1 + √(1 + a²))) up to 2, log(2a + 1/(a + √(a² + 1))) up to 2^28, log a + ln 2 beyond.</summary>
    private void Asinh(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var a2 = a * a;
        var small = Use(e, "log1p", a + a2 / (1.0 + e.Sqrt(1.0 + a2)));
        var mid = Use(e, "log", 2.0 * a + 1.0 / (a + e.Sqrt(a2 + 1.0)));
        var huge = Use(e, "log", a) + Ln2;
        var r = e.Select(e.Gt(a, e.K(2)), mid, small);
        r = e.Select(e.Gt(a, e.K(0x10000000)), huge, r);
        e.Return(e.CopySign(r, x));
    }

    /// <summary>acosh x = log1p(t + √(2t + t²)) with t = x − 1 up to 2, log(2x − 1/(x + √(x² − 1))) up to 2^28, log x + ln 2 beyond; NaN below 1.</summary>
    private void Acosh(MathEmitter e)
    {
        var x = e.Param(0);
        var t = x - 1.0;
        var small = Use(e, "log1p", t + e.Sqrt(2.0 * t + t * t));
        var mid = Use(e, "log", 2.0 * x - 1.0 / (x + e.Sqrt(x * x - 1.0)));
        var huge = Use(e, "log", x) + Ln2;
        var r = e.Select(e.Gt(x, e.K(2)), mid, small);
        r = e.Select(e.Gt(x, e.K(0x10000000)), huge, r);
        e.Return(e.Select(e.Lt(x, e.K(1)), e.K(double.NaN), r));
    }

    /// <summary>atanh |x| = log1p(2a + 2a²/(1 − a))/2 below ½, log1p(2a/(1 − a))/2 above (±∞ at 1, NaN beyond).</summary>
    private void Atanh(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var d = 1.0 - a;
        var small = 0.5 * Use(e, "log1p", 2.0 * a + 2.0 * a * a / d);
        var big = 0.5 * Use(e, "log1p", 2.0 * a / d);
        var r = e.Select(e.Lt(a, e.K(0.5)), small, big);
        r = e.Select(e.Gt(a, e.K(1)), e.K(double.NaN), r);
        e.Return(e.CopySign(r, x));
    }
}
