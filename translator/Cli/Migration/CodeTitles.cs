using Translate.Ir.Diagnostics;

namespace Translate.Cli.Migration;

/// <summary>The short title of each diagnostic code, from <see cref="Codes"/> (the one list of codes).</summary>
internal static class CodeTitles
{
    public static string? Of(string code) => Codes.Find(code)?.Title;
}
