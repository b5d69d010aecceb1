using System.Numerics;

namespace Translate.Backends.Llvm.GpuMath;

/// <summary>
/// The constants of the device math library, computed here to 1500 bits with integer arithmetic
/// (π by Machin's formula, ln 2 and ln 10 by atanh series) and split into the pieces the range
/// reductions need: a leading piece with few enough bits that multiplying it by the reduction's
/// integer is exact, then the rest.
/// </summary>
internal static class MathConstants
{
    private const int Bits = 1500;
    private static readonly BigInteger One = BigInteger.One << Bits;

    /// <summary>atan(1/q) or atanh(1/q) as a fixed-point number (Bits fraction bits).</summary>
    private static BigInteger ArcSeries(int q, bool hyperbolic)
    {
        BigInteger sum = 0, power = One / q, q2 = (BigInteger)q * q;
        for (int n = 0; !power.IsZero; n++)
        {
            var term = power / (2 * n + 1);
            sum += hyperbolic || n % 2 == 0 ? term : -term;
            power /= q2;
        }
        return sum;
    }

    public static readonly BigInteger Pi = 16 * ArcSeries(5, false) - 4 * ArcSeries(239, false);
    // ln 2 = 2 atanh(1/3); ln 10 = 3 ln 2 + ln(5/4) = 3 ln 2 + 2 atanh(1/9).
    public static readonly BigInteger Ln2 = 2 * ArcSeries(3, true);
    public static readonly BigInteger Ln10 = 3 * Ln2 + 2 * ArcSeries(9, true);

    public static BigInteger Quotient(BigInteger a, BigInteger b) => (a << Bits) / b;

    /// <summary>
    /// Splits a positive fixed-point value into doubles: each piece but the last keeps the leading
    /// <paramref name="pieceBits"/> bits of what remains (truncated), the last is the nearest double.
    /// </summary>
    public static double[] Split(BigInteger value, params int[] pieceBits)
    {
        var pieces = new double[pieceBits.Length + 1];
        var rest = value;
        for (int i = 0; i <= pieceBits.Length; i++)
        {
            int width = i < pieceBits.Length ? pieceBits[i] : 53;
            long top = (long)rest.GetBitLength();
            int drop = (int)System.Math.Max(0, top - width);
            var mantissa = rest >> drop;
            if (i == pieceBits.Length && drop > 0 && !(rest >> (drop - 1)).IsEven) mantissa += 1; // round the last piece
            pieces[i] = System.Math.ScaleB((double)mantissa, drop - Bits);
            rest -= i < pieceBits.Length ? mantissa << drop : rest;
        }
        return pieces;
    }

    public static double Nearest(BigInteger value) => Split(value)[0];

    public static readonly double[] Ln2Split = Split(Ln2, 42);       // k · ln2_hi exact for |k| < 2^11
    public static readonly double[] Ln2Full = Split(Ln2, 53);
    public static readonly double[] PiSplit = Split(Pi, 53);
    public static readonly double[] PiHalfCodyWaite = Split(Pi >> 1, 33, 33); // k · piece exact for |k| < 2^20
    public static readonly double[] PiHalfSplit = Split(Pi >> 1, 53);
    public static readonly double[] PiQuarterSplit = Split(Pi >> 2, 53);
    public static readonly double[] Ln10Split = Split(Ln10, 53);
    public static readonly double[] Log10Of2Split = Split(Quotient(Ln2, Ln10), 42);
    public static readonly double InvLn2 = Nearest(Quotient(One, Ln2));
    public static readonly double InvLn10 = Nearest(Quotient(One, Ln10));
    public static readonly double Log2Of10 = Nearest(Quotient(Ln10, Ln2));
    public static readonly double TwoOverPi = Nearest(Quotient(2 * One, Pi));
    public static readonly double TwoOverSqrtPi = Nearest(Quotient(2 * One, Sqrt(Pi)));
    public static readonly double InvSqrtPi = Nearest(Quotient(One, Sqrt(Pi)));

    private static BigInteger Sqrt(BigInteger fixedPoint)
    {
        // Newton's method on the integer square root of value · 2^Bits (so the result has Bits fraction bits).
        var n = fixedPoint << Bits;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>
    /// The fraction bits of 2/π in 64-bit words, most significant first, after one word of zeros
    /// (bit b of the stream, counted from 0, has weight 2^(63 − b)): the table the large-argument
    /// reduction of sin/cos/tan reads a 192-bit window from.
    /// </summary>
    public static ulong[] TwoOverPiWords(int count)
    {
        var fraction = Quotient(2 * One, Pi); // < 1: Bits fraction bits
        var words = new ulong[count];
        for (int j = 1; j < count; j++)
            words[j] = (ulong)((fraction >> (Bits - 64 * j)) & ulong.MaxValue);
        return words;
    }
}
