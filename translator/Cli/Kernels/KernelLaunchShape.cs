using System.Globalization;
using Translate.Cli.Options;

namespace Translate.Cli.Kernels;

/// <summary>A grid or block size as written on the command line: <c>X</c>, <c>X,Y</c> or <c>X,Y,Z</c> (missing ones are 1).</summary>
internal static class KernelLaunchShape
{
    public static (int X, int Y, int Z) Parse(string text, string option)
    {
        var parts = text.Split(',', 'x');
        var n = new int[3] { 1, 1, 1 };
        if (parts.Length > 3) throw new UsageException($"--{option} '{text}': at most three sizes (X,Y,Z)");
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out n[i]) || n[i] <= 0)
                throw new UsageException($"--{option} '{text}': each size must be a positive number (X, X,Y or X,Y,Z)");
        return (n[0], n[1], n[2]);
    }
}
