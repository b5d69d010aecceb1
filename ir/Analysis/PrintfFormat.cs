using System.Globalization;
using System.Text;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Ir.Analysis;

/// <summary>One conversion of a printf format (<c>%</c> to its conversion character; <c>%%</c> is none).</summary>
public readonly record struct PrintfConversion(int Start, int End, string Flags, bool WidthStar, string Width, bool PrecisionGiven,
    bool PrecisionStar, string Precision, string Length, char Conversion)
{
    /// <summary>The IR type of the argument it reads (docs/ir/printf.md): int, int64 (<c>l ll z j t</c>), double or a pointer; null for an unknown conversion.</summary>
    public IrType? ArgumentType => Conversion switch
    {
        'd' or 'i' or 'u' or 'o' or 'x' or 'X' or 'c' => Length.IndexOfAny(['l', 'z', 'j', 't']) >= 0 ? IrType.Int64 : IrType.Int32,
        'f' or 'F' or 'e' or 'E' or 'g' or 'G' or 'a' or 'A' => IrType.Double,
        's' or 'p' => IrType.BytePtr,
        _ => null,
    };
}

/// <summary>printf formats read statically: their conversions, and the same format as OpenCL's printf takes it.</summary>
public static class PrintfFormat
{
    /// <summary>The conversions of <paramref name="format"/> in order (a conversion cut off by the end has <c>'\0'</c>).</summary>
    public static IEnumerable<PrintfConversion> Conversions(string format)
    {
        for (int k = 0; k < format.Length; k++)
        {
            if (format[k] != '%') continue;
            int start = k++;
            if (k < format.Length && format[k] == '%') continue;
            string Take(Func<char, bool> keep)
            {
                int from = k;
                while (k < format.Length && keep(format[k])) k++;
                return format[from..k];
            }
            string flags = Take(c => "-+ #0".Contains(c));
            bool widthStar = k < format.Length && format[k] == '*';
            if (widthStar) k++;
            string width = Take(char.IsAsciiDigit);
            bool precisionGiven = k < format.Length && format[k] == '.', precisionStar = false;
            string precision = "";
            if (precisionGiven)
            {
                k++;
                precisionStar = k < format.Length && format[k] == '*';
                if (precisionStar) k++;
                precision = Take(char.IsAsciiDigit);
            }
            string length = Take(c => "hlLqjzt".Contains(c));
            char conversion = k < format.Length ? format[k] : '\0';
            yield return new PrintfConversion(start, Math.Min(k + 1, format.Length), flags, widthStar, width, precisionGiven, precisionStar, precision, length, conversion);
        }
    }

    /// <summary>
    /// The format as OpenCL's printf (OpenCL C's and SPIR-V's OpenCL.std) takes it, and which of <paramref name="arguments"/>
    /// (those after the format) it still reads. OpenCL has no <c>ll</c>, <c>z</c>, <c>j</c> or <c>t</c> length (its <c>l</c>
    /// is 64-bit) and no <c>*</c>: a <c>*</c> whose argument is a constant is written into the format and the argument
    /// dropped; one computed at run time cannot be expressed, which <c>Refusal</c> says.
    /// </summary>
    public static (string Format, List<int> Kept, string? Refusal) ForOpenCl(string format, IReadOnlyList<Expr> arguments)
    {
        var text = new StringBuilder();
        var kept = new List<int>();
        int next = 0, copied = 0;
        string? refusal = null;
        foreach (var c in Conversions(format))
        {
            text.Append(format, copied, c.Start - copied).Append('%').Append(c.Flags);
            if (c.WidthStar) Star();
            text.Append(c.Width);
            if (c.PrecisionGiven)
            {
                text.Append('.');
                if (c.PrecisionStar) Star();
                text.Append(c.Precision);
            }
            text.Append(c.Length is "ll" or "z" or "j" or "t" ? "l" : c.Length);
            // A conversion cut off by the format's end is copied as it stands and reads no argument.
            if (c.Conversion != '\0')
            {
                text.Append(c.Conversion);
                kept.Add(next++);
            }
            copied = c.End;
        }
        text.Append(format, copied, format.Length - copied);
        return (text.ToString(), kept, refusal);

        void Star()
        {
            if (next < arguments.Count && Constant(arguments[next]) is { } value) text.Append(value.ToString(CultureInfo.InvariantCulture));
            else refusal ??= "printf with a field width or precision computed at run time ('*'), which OpenCL's printf does not take";
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
