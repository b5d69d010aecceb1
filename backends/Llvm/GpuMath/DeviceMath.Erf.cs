using static Translate.Backends.Llvm.GpuMath.MathConstants;

namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>Where erf switches from its series to 1 − erfc by the continued fraction.</summary>
    private const double ErfSplit = 2.5;

    /// <summary>2^n/(2n+1)!! for n = 0…45: erf x = (2/√π)·x·e^(−x²)·Σ cₙ·x^2n, all terms positive (no cancellation); 46 terms reach 2^-70 at x = 2.5.</summary>
    private static readonly double[] ErfSeriesCoefficients = ErfCoefficients(46);

    private static double[] ErfCoefficients(int count)
    {
        var c = new double[count];
        double v = 1;
        for (int n = 0; n < count; n++)
        {
            c[n] = v;
            v *= 2.0 / (2 * n + 3);
        }
        return c;
    }

    /// <summary>e^(−x²) with x² carried exactly (x² = hi + lo, e^−lo ≈ 1 − lo); 0 once e^(−x²) underflows (and at ±∞, where lo is NaN).</summary>
    private Num ExpMinusSquare(MathEmitter e, Num x)
    {
        var hi = x * x;
        var lo = e.Fma(x, x, -hi);
        var eh = Use(e, "exp", -hi);
        return e.Select(e.Gt(hi, e.K(800)), e.K(0), eh - eh * lo);
    }

    /// <summary>The derivative's coefficients: (n+1)·c(n+1).</summary>
    private static readonly double[] ErfSeriesDerivative = ErfSeriesCoefficients.Skip(1).Select((c, n) => (n + 1) * c).ToArray();

    /// <summary>
    /// erf a for 0 ≤ a ≤ 2.5 by the series. a² = hi + lo exactly; F(z) = e^−z·P(z) is evaluated at hi
    /// and moved to hi + lo by its logarithmic derivative P′/P − 1 (the rounding of a² alone would
    /// cost up to a²·2^-53 relative).
    /// </summary>
    private Num ErfBySeries(MathEmitter e, Num a)
    {
        var hi = a * a;
        var lo = e.Fma(a, a, -hi);
        var f = Use(e, "exp", -hi) * e.Horner(hi, ErfSeriesCoefficients);
        var slope = e.Horner(hi, ErfSeriesDerivative) / e.Horner(hi, ErfSeriesCoefficients) - 1.0;
        return TwoOverSqrtPi * a * e.Fma(f, lo * slope, f);
    }

    /// <summary>
    /// erfc a for a ≥ 2.5 by Laplace's continued fraction e^(−a²)/√π · 1/(a + ½/(a + 1/(a + (3/2)/(a + …)))),
    /// 60 levels evaluated from the bottom (converged to 2^-60 at a = 2.5).
    /// </summary>
    private Num ErfcByFraction(MathEmitter e, Num a)
    {
        var k = a;
        for (int n = 59; n >= 0; n--) k = a + (n + 1) * 0.5 / k;
        return InvSqrtPi * ExpMinusSquare(e, a) / k;
    }

    private void Erf(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var inSeries = e.Lt(a, e.K(ErfSplit));
        var series = ErfBySeries(e, e.Select(inSeries, a, e.K(ErfSplit)));
        var tail = 1.0 - ErfcByFraction(e, e.Select(inSeries, e.K(ErfSplit), a));
        var r = e.Select(inSeries, series, tail);
        r = e.Select(e.Gt(a, e.K(6)), e.K(1), r);
        e.Return(e.CopySign(r, x));
    }

    /// <summary>erfc x: the fraction for |x| ≥ 2.5 (2 − it for negative x), 1 − erf x between (loses bits in double: float only).</summary>
    private void Erfc(MathEmitter e)
    {
        var x = e.Param(0);
        var a = e.Abs(x);
        var inSeries = e.Lt(a, e.K(ErfSplit));
        var series = ErfBySeries(e, e.Select(inSeries, a, e.K(ErfSplit)));
        var fraction = ErfcByFraction(e, e.Select(inSeries, e.K(ErfSplit), a));
        var middle = 1.0 - e.CopySign(series, x);
        var tail = e.Select(e.SignBit(x), 2.0 - fraction, fraction);
        var r = e.Select(inSeries, middle, tail);
        e.Return(e.Select(e.IsNan(x), x, r));
    }
}
