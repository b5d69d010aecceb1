using static Translate.Backends.Llvm.GpuMath.MathConstants;

namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>(−1)^n/(2n+1) for n = 1…22: atan u = u + u³·A(u²) on |u| ≤ tan(π/8) (next term below 2^-60 relative).</summary>
    private static readonly double[] AtanTaylor = Enumerable.Range(1, 22).Select(n => (n % 2 == 0 ? 1.0 : -1.0) / (2 * n + 1)).ToArray();

    private const double TanPiOver8 = 0.41421356237309503;

    /// <summary>
    /// atan x: |x| &gt; 1 as π/2 − atan(1/|x|); above tan(π/8) as π/4 + atan((t − 1)/(t + 1)); then
    /// the Taylor series on |u| ≤ tan(π/8). One division and one constant add the only roundings
    /// besides the polynomial's.
    /// </summary>
    private void Atan(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var inverted = e.Gt(a, e.K(1));
        var t = e.Select(inverted, 1.0 / a, a);
        var shifted = e.Gt(t, e.K(TanPiOver8));
        var u = e.Select(shifted, (t - 1.0) / (t + 1.0), t);
        var z = u * u;
        var p = e.Fma(u * z, e.Horner(z, AtanTaylor), u);
        var r = e.Select(shifted, PiQuarterSplit[0] + (p + PiQuarterSplit[1]), p);
        r = e.Select(inverted, PiHalfSplit[0] + (PiHalfSplit[1] - r), r);
        r = e.CopySign(r, x);
        e.Return(e.Select(e.Lt(a, e.K(Tiny)), x, r));
    }

    /// <summary>
    /// atan2(y, x): atan(|y|/|x|) moved into the quadrant (π − q when x's sign bit is set) with y's
    /// sign; both zero gives 0 before the quadrant, both infinite π/4 (C99 Annex F).
    /// </summary>
    private void Atan2(MathEmitter e)
    {
        var y = e.Param(0);
        var x = e.Param(1);
        var ay = e.Abs(y);
        var ax = e.Abs(x);
        var q = Use(e, "atan", ay / ax);
        q = e.Select(e.And(e.Eq(ay, e.K(0)), e.Eq(ax, e.K(0))), e.K(0), q);
        q = e.Select(e.And(e.IsInf(ay), e.IsInf(ax)), e.K(System.Math.PI / 4), q);
        var r = e.Select(e.SignBit(x), PiSplit[0] - q + PiSplit[1], q);
        r = e.CopySign(r, y);
        e.Return(e.Select(e.Or(e.IsNan(x), e.IsNan(y)), x + y, r));
    }

    /// <summary>asin x = atan2(x, √((1 − x)(1 + x))): 1 − x is exact near 1, where the angle is most sensitive.</summary>
    private void Asin(MathEmitter e)
    {
        var x = e.Param(0);
        e.Return(Use(e, "atan2", x, e.Sqrt((1.0 - x) * (1.0 + x))));
    }

    private void Acos(MathEmitter e)
    {
        var x = e.Param(0);
        e.Return(Use(e, "atan2", e.Sqrt((1.0 - x) * (1.0 + x)), x));
    }
}
