namespace Translate.Interpreter.Execution;

/// <summary>
/// erf, erfc, lgamma and tgamma, which .NET does not provide. erf and erfc meet docs/ir/math.md's bounds (2 and 4
/// ulp; MathTests checks them against glibc); the gamma functions' series give close to double precision.
/// </summary>
internal static class SpecialFunctions
{
    /// <summary>2/sqrt(pi) as a double-double: hi + lo.</summary>
    private const double TwoOverSqrtPiHi = 1.1283791670955126, TwoOverSqrtPiLo = 1.533545961316588e-17;

    /// <summary>1/sqrt(pi) as a double-double: hi + lo.</summary>
    private const double InverseSqrtPiHi = 0.5641895835477563, InverseSqrtPiLo = 7.66772980658294e-18;

    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < 4)
        {
            var (hi, lo) = ErfSeries(ax);
            return Math.CopySign(hi + lo, x);
        }
        return Math.CopySign(1 - Erfc(ax), x);
    }

    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0) return 1 + Erf(-x);
        if (x < 4)
        {
            // 1 - erf(x) from erf's series in double-double: near 4 erfc is 1.5e-8 of erf, whose last digits it is.
            var (hi, lo) = ErfSeries(x);
            var (s, e) = TwoSum(1, -hi);
            return s + (e - lo);
        }
        if (x > 27.3) return 0;
        // The continued fraction erfc x = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated from
        // a fixed depth upwards (each step damps the error before it).
        double f = x;
        for (int k = 120; k >= 1; k--) f = x + k / 2.0 / f;
        // (1/sqrt(pi)) / f with the constant as a double-double and the quotient's remainder folded in; x^2 split
        // exactly (sq + sqLo), exp(-x^2) = exp(-sq) (1 - sqLo), where exp(-x*x) would be off by x^2 ulp.
        double q = InverseSqrtPiHi / f;
        q += (Math.FusedMultiplyAdd(-q, f, InverseSqrtPiHi) + InverseSqrtPiLo) / f;
        double sq = x * x, sqLo = Math.FusedMultiplyAdd(x, x, -sq);
        return Math.Exp(-sq) * Math.FusedMultiplyAdd(-q, sqLo, q);
    }

    /// <summary>
    /// erf x for 0 &lt;= x &lt; 4 as a double-double, by its Maclaurin series 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)):
    /// the terms reach 10^5 before cancelling to a value near 1, which a double sum would leave wrong in its last 4 digits.
    /// </summary>
    private static (double Hi, double Lo) ErfSeries(double x)
    {
        double sqHi = x * x, sqLo = Math.FusedMultiplyAdd(x, x, -sqHi);
        (double Hi, double Lo) term = (x, 0), minusSquare = (-sqHi, -sqLo), sum = (0, 0);
        for (int n = 0; n < 200; n++)
        {
            var add = Divide(term, 2 * n + 1);
            sum = Add(sum, add);
            if (Math.Abs(add.Hi) < 1e-34) break;
            term = Divide(Multiply(term, minusSquare), n + 1);
        }
        return Multiply(sum, (TwoOverSqrtPiHi, TwoOverSqrtPiLo));
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b, t = s - a;
        return (s, (a - (s - t)) + (b - t));
    }

    private static (double Hi, double Lo) Normalize(double s, double e)
    {
        double hi = s + e;
        return (hi, e - (hi - s));
    }

    private static (double Hi, double Lo) Add((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        var (s, e) = TwoSum(a.Hi, b.Hi);
        return Normalize(s, e + a.Lo + b.Lo);
    }

    private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        double p = a.Hi * b.Hi;
        return Normalize(p, Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi));
    }

    private static (double Hi, double Lo) Divide((double Hi, double Lo) a, double b)
    {
        double q = a.Hi / b, r = Math.FusedMultiplyAdd(-q, b, a.Hi) + a.Lo;
        return Normalize(q, r / b);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double Gamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x == Math.Floor(x) && x <= 0) return double.NaN;
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        if (x > 171.7) return double.PositiveInfinity;
        if (x == Math.Floor(x) && x < 30)
        {
            double f = 1;
            for (int i = 2; i < (int)x; i++) f *= i;
            return f;
        }
        return Math.Exp(LogGamma(x));
    }

    public static double LogGamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x == 1 || x == 2) return 0;
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity;
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
