using System.Globalization;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Numbering for the names passes invent (<c>__ifc7</c>, <c>__inl3_a0</c>, <c>__sw2_v</c>). A pass can run on a
/// module it, or another, already rewrote (the OpenCL preparation if-converts, inlines, then if-converts again), so
/// its numbers start after those in use: a name made twice would, after the module is parsed again, refer to the
/// wrong variable in an inner block, or clash with the outer one in the same block.
/// </summary>
internal static class FreshNames
{
    /// <summary>The largest N of a variable named <paramref name="prefix"/>N (followed by anything but a digit) in the program; 0 when none.</summary>
    public static int Highest(CheckedModule program, string prefix)
    {
        int highest = 0;
        foreach (var f in program.Module.Functions)
            foreach (var s in f.Symbols)
            {
                if (!s.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                int end = prefix.Length;
                while (end < s.Name.Length && char.IsAsciiDigit(s.Name[end])) end++;
                if (end > prefix.Length && int.TryParse(s.Name.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    highest = Math.Max(highest, n);
            }
        return highest;
    }
}
