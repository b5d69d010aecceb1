namespace Translate.Cli.Migration;

/// <summary>The summary for people, on standard output: how much was translated and what stood in the way most often.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter stdout, MigrationReport report)
    {
        var t = report.Totals;
        stdout.WriteLine($"migrated {t.Files} file{(t.Files == 1 ? "" : "s")} in {t.Seconds:0.00} s ({t.FilesSkipped} unchanged, skipped)");
        stdout.WriteLine($"  files translated      {t.FilesTranslated}/{t.Files} ({Share(t.FilesTranslated, t.Files)})");
        stdout.WriteLine($"  kernels translated    {t.KernelsTranslated}/{t.Kernels} ({Share(t.KernelsTranslated, t.Kernels)})");
        stdout.WriteLine($"  functions translated  {t.FunctionsTranslated}/{t.Functions} ({Share(t.FunctionsTranslated, t.Functions)})");
        // Lines count whole files: a file's lines are translated when the whole file is.
        stdout.WriteLine($"  lines translated      {t.LinesTranslated}/{t.Lines} ({Share(t.LinesTranslated, t.Lines)}) in fully translated files");
        stdout.WriteLine($"  diagnostics           {t.Errors} error{(t.Errors == 1 ? "" : "s")}, {t.Warnings} warning{(t.Warnings == 1 ? "" : "s")}");
        var frequent = report.Files.SelectMany(f => f.Diagnostics)
            .GroupBy(d => d.Code)
            .Select(g => (Code: g.Key, Count: g.Count(), Files: g.Select(d => d.File).Distinct().Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Take(10).ToList();
        if (frequent.Count == 0) return;
        stdout.WriteLine("most frequent diagnostics:");
        foreach (var (code, count, files) in frequent)
            stdout.WriteLine($"  {code}  {count,5} in {files} file{(files == 1 ? "" : "s")}  {CodeTitles.Of(code) ?? ""}");
    }

    private static string Share(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.#}%";
}
