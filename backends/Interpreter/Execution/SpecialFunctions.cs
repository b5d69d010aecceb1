namespace Translate.Interpreter.Execution;

/// <summary>
/// erf, erfc, lgamma and tgamma, which .NET does not provide. Series and continued fractions give
/// close to double precision (a few ulp), which is inside CUDA's documented bounds for float and
/// near them for double (docs/ir/math.md states the double bounds).
/// </summary>
internal static class SpecialFunctions
{
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (Math.Abs(x) > 3) return Math.Sign(x) * (1 - Erfc(Math.Abs(x)));
        // Maclaurin series: erf x = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)).
        double sum = 0, term = x, x2 = x * x;
        for (int n = 0; n < 200; n++)
        {
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            term *= -x2 / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 3) return 1 - Erf(x);
        if (x > 27) return 0;
        // Continued fraction (Lentz): erfc x = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))).
        double tiny = 1e-300, f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
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
