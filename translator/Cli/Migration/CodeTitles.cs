using System.Reflection;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Migration;

/// <summary>The short title of each diagnostic code, read once from <see cref="Codes"/> (the one list of codes).</summary>
internal static class CodeTitles
{
    private static readonly Dictionary<string, string> Titles = typeof(Codes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetValue(null)).OfType<DiagnosticCode>()
        .GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);

    public static string? Of(string code) => Titles.GetValueOrDefault(code);
}
