using System.Numerics;
using System.Text;

namespace Translate.Interpreter.Library;

/// <summary>
/// Exact decimal conversion of doubles for printf's %f, %e, %g and %a, matching glibc: the double's exact
/// binary value is expanded with BigInteger and rounded once to the requested digits, ties to even.
/// </summary>
internal static class DecimalFormatter
{
    /// <summary>|v| = N × 10^K exactly (K ≤ 0).</summary>
    private static (BigInteger N, int K) Exact(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
        int exp = (int)(bits >> 52);
        long mant = bits & ((1L << 52) - 1);
        if (exp == 0) exp = 1; else mant |= 1L << 52;
        int e = exp - 1075;
        if (e >= 0) return (new BigInteger(mant) << e, 0);
        return (new BigInteger(mant) * BigInteger.Pow(5, -e), e);
    }

    /// <summary>round(N × 10^shift), ties to even.</summary>
    private static BigInteger Scale(BigInteger n, int shift)
    {
        if (shift >= 0) return n * BigInteger.Pow(10, shift);
        var div = BigInteger.Pow(10, -shift);
        var q = BigInteger.DivRem(n, div, out var r);
        int cmp = (r * 2).CompareTo(div);
        if (cmp > 0 || (cmp == 0 && !q.IsEven)) q += 1;
        return q;
    }

    /// <summary>Digits of |v| with <paramref name="precision"/> digits after the point (%f).</summary>
    public static string Fixed(double v, int precision, bool alternate)
    {
        var (n, k) = Exact(v);
        var m = Scale(n, k + precision).ToString().PadLeft(precision + 1, '0');
        if (precision == 0) return alternate ? m + "." : m;
        return m[..^precision] + "." + m[^precision..];
    }

    /// <summary>|v| as d.ddd with <paramref name="precision"/> fraction digits, and its decimal exponent.</summary>
    private static (string Digits, int Exponent) Scientific(double v, int precision)
    {
        var (n, k) = Exact(v);
        if (n.IsZero) return (new string('0', precision + 1), 0);
        int e = n.ToString().Length - 1 + k;
        var m = Scale(n, k - e + precision);
        var s = m.ToString();
        if (s.Length > precision + 1)
        {
            e++;
            s = s[..(precision + 1)];
        }
        return (s, e);
    }

    public static string Exponent(double v, int precision, bool alternate, bool upper)
    {
        var (d, e) = Scientific(v, precision);
        var sb = new StringBuilder();
        sb.Append(d[0]);
        if (precision > 0 || alternate) sb.Append('.');
        sb.Append(d, 1, d.Length - 1);
        AppendExponent(sb, upper ? 'E' : 'e', e, 2);
        return sb.ToString();
    }

    private static void AppendExponent(StringBuilder sb, char letter, int e, int minDigits)
    {
        sb.Append(letter).Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString().PadLeft(minDigits, '0'));
    }

    /// <summary>%g: %e or %f by the exponent after rounding to P significant digits; trailing zeros removed unless '#'.</summary>
    public static string General(double v, int precision, bool alternate, bool upper)
    {
        int p = precision == 0 ? 1 : precision;
        var (_, x) = Scientific(v, p - 1);
        string s = p > x && x >= -4 ? Fixed(v, p - 1 - x, alternate) : Exponent(v, p - 1, alternate, upper);
        if (alternate) return s;
        int ePos = s.IndexOfAny(['e', 'E']);
        string mantissa = ePos >= 0 ? s[..ePos] : s, exponent = ePos >= 0 ? s[ePos..] : "";
        if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        return mantissa + exponent;
    }

    /// <summary>%a: 0x1.hhhp±d (normal), 0x0.hhhp-1022 (subnormal), trailing zeros dropped without a precision.</summary>
    public static string Hex(double v, int precision, bool alternate, bool upper)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
        int exp = (int)(bits >> 52);
        long mant = bits & ((1L << 52) - 1);
        int lead = exp == 0 ? 0 : 1;
        int e = exp == 0 ? (mant == 0 ? 0 : -1022) : exp - 1023;
        int digits = 13;
        if (precision >= 0 && precision < 13)
        {
            int drop = (13 - precision) * 4;
            long q = mant >> drop, r = mant & ((1L << drop) - 1), half = 1L << (drop - 1);
            if (r > half || (r == half && (q & 1) == 1)) q++;
            if (q >> (precision * 4) != 0 && precision * 4 < 64) { lead++; q &= (1L << (precision * 4)) - 1; }
            mant = q;
            digits = precision;
        }
        var hex = digits == 0 ? "" : mant.ToString("x").PadLeft(digits, '0');
        if (precision < 0) hex = hex.TrimEnd('0');
        else if (precision > 13) hex = hex.PadRight(precision, '0');
        var sb = new StringBuilder("0x").Append(lead);
        if (hex.Length > 0 || alternate) sb.Append('.');
        sb.Append(hex);
        AppendExponent(sb, 'p', e, 1);
        var s = sb.ToString();
        return upper ? s.ToUpperInvariant() : s;
    }
}
