using static Translate.Backends.Llvm.GpuMath.MathConstants;

namespace Translate.Backends.Llvm.GpuMath;

public sealed partial class DeviceMath
{
    /// <summary>1/2!, 1/3!, … 1/14!: the Taylor coefficients of (e^r − 1 − r)/r² (|r| ≤ ln2/2: the next term is below 2^-63).</summary>
    private static readonly double[] ExpTaylor = Enumerable.Range(2, 13).Select(n => 1 / Factorial(n)).ToArray();

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    /// <summary>Keeps x in [−limit, limit]; NaN stays NaN (both comparisons are false).</summary>
    private static Num Clamp(MathEmitter e, Num x, double limit) =>
        e.Select(e.Gt(x, e.K(limit)), e.K(limit), e.Select(e.Lt(x, e.K(-limit)), e.K(-limit), x));

    /// <summary>e^r − 1 for |r| ≤ ln2/2 by its Taylor series: r + r²·(1/2 + r/6 + …).</summary>
    private static Num Expm1Series(MathEmitter e, Num r) => e.Fma(r * r, e.Horner(r, ExpTaylor), r);

    /// <summary>x = k·ln2 + rh + rl with |rh| ≤ ln2/2 (Cody and Waite: k·ln2_hi is exact, so is x − k·ln2_hi).</summary>
    private static (Num K, Num Rh, Num Rl) ReduceLn2(MathEmitter e, Num x)
    {
        var k = e.Rint(x * InvLn2);
        var t = x - k * Ln2Split[0];
        var rh = t - k * Ln2Split[1];
        var rl = t - rh - k * Ln2Split[1];
        return (k, rh, rl);
    }

    /// <summary>e^(rh + rl) · 2^k = (1 + q)(1 + rl) · 2^k with q = e^rh − 1.</summary>
    private static Num ExpFinish(MathEmitter e, Num k, Num rh, Num rl)
    {
        var q = Expm1Series(e, rh);
        return e.Ldexp(1.0 + (q + (rl + q * rl)), e.ToI32(k));
    }

    // Beyond ±1000 the result has long over- or underflowed; the clamp keeps k an int.
    private void Exp(MathEmitter e)
    {
        var (k, rh, rl) = ReduceLn2(e, Clamp(e, e.Param(0), 1000));
        e.Return(ExpFinish(e, k, rh, rl));
    }

    private void Exp2(MathEmitter e)
    {
        var x = Clamp(e, e.Param(0), 1100);
        var k = e.Rint(x);
        var f = x - k; // exact
        // f·ln2 as h + l: the product's rounding error (fma) plus ln2's own tail.
        var h = f * Ln2Full[0];
        var l = e.Fma(f, e.K(Ln2Full[0]), -h) + f * Ln2Full[1];
        var rh = h + l;
        var rl = h - rh + l;
        e.Return(ExpFinish(e, k, rh, rl));
    }

    private void Exp10(MathEmitter e)
    {
        var x = Clamp(e, e.Param(0), 400);
        var k = e.Rint(x * Log2Of10);
        // x·ln10 as h + l, exactly up to the rounding of ln10's two pieces.
        var h = x * Ln10Split[0];
        var l = e.Fma(x, e.K(Ln10Split[0]), -h) + x * Ln10Split[1];
        var t = h - k * Ln2Split[0];
        var rh = t - k * Ln2Split[1];
        var rl = t - rh - k * Ln2Split[1] + l;
        var sum = rh + rl;
        e.Return(ExpFinish(e, k, sum, rh - sum + rl));
    }

    /// <summary>
    /// e^x − 1 = 2^k·(q' + 1 − 2^−k) with q' = e^r·… − 1: one formula for every k, no cancellation
    /// near 0 (k = 0 leaves just the series); below −38 the result is −1 to the last bit.
    /// </summary>
    private void Expm1(MathEmitter e)
    {
        var x = e.Param(0);
        var (k, rh, rl) = ReduceLn2(e, Clamp(e, x, 1000));
        var q = Expm1Series(e, rh);
        var inner = q + (rl + q * rl);
        var ki = e.ToI32(k);
        var c = 1.0 - e.Ldexp(e.K(1), e.B.Neg(ki));
        var y = e.Ldexp(c + inner, ki);
        e.Return(e.Select(e.Lt(x, e.K(-38)), e.K(-1), y));
    }
}
