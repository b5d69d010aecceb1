using System.Text.RegularExpressions;
using System.Globalization;

namespace Translate.Ir.Parsing;

/// <summary>The spelling of number literals: decimal or <c>0x</c> integers, decimal floats, and
/// <c>+inf.0</c>, <c>-inf.0</c>, <c>+nan.0</c> for the special float values.</summary>
public static partial class Literals
{
    /// <summary>
    /// Spelled as a number: a decimal or hex integer, a decimal float (point or exponent), or one of
    /// the spellings of infinity and NaN. Anything else is a name, as in the Scheme reader upstream
    /// uses: <c>12-idx</c> is a variable.
    /// </summary>
    public static bool LooksNumeric(string t) => NumberSpelling().IsMatch(t) || t is "+inf.0" or "-inf.0" or "+nan.0";

    /// <summary>Starts like a number (a digit, or a sign or point followed by one) without being one:
    /// most likely a mistyped literal such as <c>1.5f</c>.</summary>
    public static bool StartsLikeNumber(string t)
    {
        int i = t.Length > 0 && t[0] is '-' or '+' ? 1 : 0;
        return i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.' && i + 1 < t.Length && char.IsAsciiDigit(t[i + 1]));
    }

    [GeneratedRegex(@"^[+-]?(0[xX][0-9a-fA-F]+|[0-9]+|([0-9]+\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)$")]
    private static partial Regex NumberSpelling();

    public static bool TryInteger(string t, out Int128 value)
    {
        value = 0;
        bool neg = t.StartsWith('-');
        var body = t.AsSpan(neg || t.StartsWith('+') ? 1 : 0);
        if (body.Length == 0) return false;
        bool ok;
        if (body.StartsWith("0x") || body.StartsWith("0X"))
        {
            ok = body.Length > 2 && UInt128.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u) && u <= (UInt128)ulong.MaxValue
                && Assign(out value, (Int128)u);
        }
        else
        {
            foreach (char c in body) if (!char.IsAsciiDigit(c)) return false;
            ok = Int128.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= (Int128)ulong.MaxValue;
        }
        if (ok && neg) value = -value;
        return ok;
    }

    /// <summary>Spelled as an integer (decimal or hex digits, no point or exponent), whatever its size.</summary>
    public static bool IsIntegerSpelling(string t)
    {
        var body = t.AsSpan(t.StartsWith('-') || t.StartsWith('+') ? 1 : 0);
        if (body.StartsWith("0x") || body.StartsWith("0X")) return body.Length > 2 && body[2..].ContainsAnyExcept("0123456789abcdefABCDEF") == false;
        return body.Length > 0 && !body.ContainsAnyExcept("0123456789");
    }

    private static bool Assign(out Int128 v, Int128 x) { v = x; return true; }

    public static bool TryFloat(string t, out double value)
    {
        switch (t)
        {
            case "+inf.0": value = double.PositiveInfinity; return true;
            case "-inf.0": value = double.NegativeInfinity; return true;
            case "+nan.0": value = double.NaN; return true;
        }
        value = 0;
        if (!LooksNumeric(t) || t.Contains("0x", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (char c in t) if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+')) return false;
        // A finite spelling that overflows to infinity is an error, not +inf.0 (which has its own spelling).
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>The canonical spelling of a float value of the given width: shortest round-trip digits,
    /// always with a '.' or exponent so it reads back as a float.</summary>
    public static string FormatFloat(double v, int bits)
    {
        if (double.IsNaN(v)) return "+nan.0";
        if (double.IsPositiveInfinity(v)) return "+inf.0";
        if (double.IsNegativeInfinity(v)) return "-inf.0";
        string s = bits switch
        {
            32 => ((float)v).ToString("R", CultureInfo.InvariantCulture),
            16 => ((float)(Half)v).ToString("R", CultureInfo.InvariantCulture),
            _ => v.ToString("R", CultureInfo.InvariantCulture),
        };
        if (s.Contains('E')) s = s.Replace("E", "e", StringComparison.Ordinal);
        if (!s.Contains('.') && !s.Contains('e')) s += ".0";
        if (double.IsNegative(v) && v == 0 && !s.StartsWith('-')) s = "-" + s;
        return s;
    }
}
