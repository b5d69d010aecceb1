using System.Globalization;
using System.Text;
using Translate.Ir.Model;

namespace Translate.Backends.OpenCl.Emission;

/// <summary>
/// A printf format as OpenCL C's printf takes it. OpenCL has no <c>ll</c>, <c>z</c>, <c>j</c> or <c>t</c> length (its
/// <c>l</c> is 64-bit) and no <c>*</c> field width or precision: a <c>*</c> whose argument is a constant is written into
/// the format and the argument dropped; one computed at run time cannot be expressed (the caller refuses it).
/// </summary>
internal static class PrintfFormat
{
    /// <summary>The OpenCL format, and which of <paramref name="arguments"/> (those after the format) it still takes.</summary>
    public static (string Format, List<int> Kept, string? Refusal) Rewrite(string format, IReadOnlyList<Expr> arguments)
    {
        var text = new StringBuilder();
        var kept = new List<int>();
        int next = 0;
        string? refusal = null;
        for (int k = 0; k < format.Length; k++)
        {
            text.Append(format[k]);
            if (format[k] != '%') continue;
            if (k + 1 < format.Length && format[k + 1] == '%') { text.Append('%'); k++; continue; }
            k++;
            while (k < format.Length && "-+ #0".Contains(format[k])) text.Append(format[k++]);
            Star(ref k);
            while (k < format.Length && char.IsAsciiDigit(format[k])) text.Append(format[k++]);
            if (k < format.Length && format[k] == '.')
            {
                text.Append(format[k++]);
                Star(ref k);
                while (k < format.Length && char.IsAsciiDigit(format[k])) text.Append(format[k++]);
            }
            int lengthStart = k;
            while (k < format.Length && "hlzjtL".Contains(format[k])) k++;
            string length = format[lengthStart..k];
            text.Append(length is "ll" or "z" or "j" or "t" ? "l" : length);
            if (k >= format.Length) break;
            text.Append(format[k]);
            kept.Add(next++);
        }
        return (text.ToString(), kept, refusal);

        void Star(ref int k)
        {
            if (k >= format.Length || format[k] != '*') return;
            k++;
            if (next < arguments.Count && Constant(arguments[next]) is { } value)
                text.Append(value.ToString(CultureInfo.InvariantCulture));
            else
                refusal ??= "printf with a field width or precision computed at run time ('*'), which OpenCL C's printf does not take";
            next++;
        }
    }

    private static Int128? Constant(Expr e) => e switch
    {
        IntLit l => l.Value,
        CastExpr c => Constant(c.Operand),
        _ => null,
    };
}
