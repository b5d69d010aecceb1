using System.Globalization;
using Translate.Cli.Options;
using Translate.Ir.Types;

namespace Translate.Cli.Kernels;

/// <summary>Scalar kernel arguments: a number read as the parameter's IR type and stored in its packed record.</summary>
internal static unsafe class KernelScalar
{
    /// <summary>An integer in decimal or 0x hexadecimal, negative or up to 2^64-1 (kept as its 64 bits).</summary>
    public static long ParseInteger(string text, string context)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex && ulong.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong h)) return (long)h;
        if (!hex && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (!hex && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return (long)u;
        throw new UsageException($"'{text}' ({context}) is not an integer");
    }

    /// <summary>Writes <paramref name="text"/> as a value of <paramref name="type"/> at <paramref name="at"/> (<paramref name="size"/> bytes).</summary>
    public static void Store(IrType type, string text, byte* at, long size, string context)
    {
        if (type.IsFloat)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                throw new UsageException($"'{text}' ({context}) is not a number");
            switch (size)
            {
                case 4: *(float*)at = (float)d; break;
                case 8: *(double*)at = d; break;
                case 2: *(Half*)at = (Half)d; break;
                default: throw new UsageException($"{context} is a {size}-byte floating-point parameter, which run-kernel does not fill yet");
            }
            return;
        }
        if (!type.IsInteger && !type.IsBool)
            throw new UsageException($"{context} has type {TypeSyntax.Print(type)}: give a number only for integer and floating-point parameters");
        long v = ParseInteger(text, context);
        switch (size)
        {
            case 1: *at = (byte)v; break;
            case 2: *(short*)at = (short)v; break;
            case 4: *(int*)at = (int)v; break;
            default: *(long*)at = v; break;
        }
    }
}
