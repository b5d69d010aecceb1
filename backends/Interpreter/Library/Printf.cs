using System.Text;
using Translate.Interpreter.Execution;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Library;

/// <summary>
/// C's printf formatting: %d %i %u %x %X %o %c %s %f %F %e %E %g %G %a %A %p %%, flags <c>-+ #0</c>,
/// width and precision (numbers or <c>*</c>), length modifiers hh h l ll z j t L. Output matches glibc.
/// </summary>
internal static class Printf
{
    /// <summary>Formats with arguments <paramref name="values"/>[first..] of types <paramref name="types"/>.</summary>
    public static string Format(Heap heap, string format, long[] values, IrType[] types, int first)
    {
        var sb = new StringBuilder();
        int next = first;
        long Next()
        {
            if (next >= values.Length) throw new RuntimeError(Codes.BadFormat, $"printf format \"{format}\" needs more arguments than the {values.Length - first} given");
            return values[next++];
        }
        IrType? NextType() => next < types.Length ? types[next] : null;
        // A conversion given the wrong kind of argument prints garbage in C; here it is an error (TR0314).
        void Expect(char conv, Func<IrType, bool> ok, string what)
        {
            if (NextType() is { } t && !ok(t))
                throw new RuntimeError(Codes.BadFormat, $"printf conversion %{conv} needs {what}, but argument {next - first + 1} is {t}");
        }

        for (int i = 0; i < format.Length; i++)
        {
            char ch = format[i];
            if (ch != '%')
            {
                sb.Append(ch);
                continue;
            }
            int start = i++;
            bool left = false, plus = false, space = false, alt = false, zero = false;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': left = true; continue;
                    case '+': plus = true; continue;
                    case ' ': space = true; continue;
                    case '#': alt = true; continue;
                    case '0': zero = true; continue;
                }
                break;
            }
            int width = 0;
            if (i < format.Length && format[i] == '*')
            {
                width = (int)Next();
                if (width < 0) { left = true; width = -width; }
                i++;
            }
            else while (i < format.Length && char.IsAsciiDigit(format[i])) width = width * 10 + (format[i++] - '0');
            int precision = -1;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = 0;
                if (i < format.Length && format[i] == '*')
                {
                    precision = (int)Next();
                    if (precision < 0) precision = -1;
                    i++;
                }
                else while (i < format.Length && char.IsAsciiDigit(format[i])) precision = precision * 10 + (format[i++] - '0');
            }
            int size = 32; // bits of the integer argument as C reads it
            while (i < format.Length && "hlLqjzt".Contains(format[i]))
            {
                size = format[i] switch
                {
                    'h' => size == 16 ? 8 : 16,
                    _ => 64,
                };
                i++;
            }
            if (i >= format.Length) throw new RuntimeError(Codes.BadFormat, $"printf format \"{format}\" ends inside a conversion");
            char conv = format[i];
            string body;
            string sign = "";
            bool numeric = true;
            switch (conv)
            {
                case '%':
                    sb.Append('%');
                    continue;
                case 'd' or 'i':
                {
                    Expect(conv, t => t.IsInteger || t.IsBool, "an integer");
                    long v = Values.Wrap(Next(), size);
                    sign = v < 0 ? "-" : plus ? "+" : space ? " " : "";
                    body = IntegerDigits(v < 0 ? (ulong)-(v + 1) + 1 : (ulong)v, 10, precision, false);
                    break;
                }
                case 'u' or 'x' or 'X' or 'o':
                {
                    Expect(conv, t => t.IsInteger || t.IsBool, "an integer");
                    ulong v = Values.Unsigned(Next(), size);
                    int radix = conv == 'o' ? 8 : conv == 'u' ? 10 : 16;
                    body = IntegerDigits(v, radix, precision, conv == 'X');
                    if (alt && conv == 'o' && !body.StartsWith('0')) body = "0" + body;
                    if (alt && v != 0 && conv is 'x' or 'X') sign = conv == 'x' ? "0x" : "0X";
                    break;
                }
                case 'c':
                    body = ((char)(byte)Next()).ToString();
                    numeric = false;
                    break;
                case 's':
                {
                    Expect(conv, t => t.IsPointer, "a string pointer");
                    long p = Next();
                    body = p == 0 ? "(null)" : heap.ReadCString(p);
                    if (precision >= 0 && body.Length > precision) body = body[..precision];
                    numeric = false;
                    break;
                }
                case 'p':
                {
                    long p = Next();
                    body = p == 0 ? "(nil)" : "0x" + p.ToString("x");
                    numeric = false;
                    break;
                }
                case 'n':
                    Next();
                    continue;
                case 'f' or 'F' or 'e' or 'E' or 'g' or 'G' or 'a' or 'A':
                {
                    Expect(conv, t => t.IsFloat, "a double");
                    var type = NextType();
                    long raw = Next();
                    double v = type is ScalarType { Kind: ScalarKind.Float } ? Values.ToSingle(raw) : Values.ToDouble(raw);
                    sign = double.IsNegative(v) ? "-" : plus ? "+" : space ? " " : "";
                    bool upper = char.IsUpper(conv);
                    if (!double.IsFinite(v))
                    {
                        body = double.IsNaN(v) ? "nan" : "inf";
                        if (upper) body = body.ToUpperInvariant();
                        numeric = false;
                        zero = false;
                        break;
                    }
                    body = char.ToLowerInvariant(conv) switch
                    {
                        'f' => DecimalFormatter.Fixed(v, precision < 0 ? 6 : precision, alt),
                        'e' => DecimalFormatter.Exponent(v, precision < 0 ? 6 : precision, alt, upper),
                        'g' => DecimalFormatter.General(v, precision < 0 ? 6 : precision, alt, upper),
                        _ => DecimalFormatter.Hex(v, precision, alt, upper),
                    };
                    precision = -1; // already applied; must not disable the 0 flag below
                    break;
                }
                default:
                    throw new RuntimeError(Codes.BadFormat, $"printf conversion '{format[start..(i + 1)]}' is not supported");
            }
            Pad(sb, sign, body, width, left, numeric && zero && !left && (precision < 0 || conv is 'f' or 'e' or 'g' or 'a'));
        }
        return sb.ToString();
    }

    private static string IntegerDigits(ulong v, int radix, int precision, bool upper)
    {
        if (precision == 0 && v == 0) return "";
        string s = radix switch
        {
            10 => v.ToString(),
            8 => Convert.ToString((long)v, 8),
            _ => upper ? v.ToString("X") : v.ToString("x"),
        };
        return precision > s.Length ? s.PadLeft(precision, '0') : s;
    }

    private static void Pad(StringBuilder sb, string sign, string body, int width, bool left, bool zeroPad)
    {
        int fill = width - sign.Length - body.Length;
        if (fill <= 0) sb.Append(sign).Append(body);
        else if (left) sb.Append(sign).Append(body).Append(' ', fill);
        else if (zeroPad) sb.Append(sign).Append('0', fill).Append(body);
        else sb.Append(' ', fill).Append(sign).Append(body);
    }
}
