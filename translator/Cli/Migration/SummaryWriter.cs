namespace Translate.Cli.Migration;

/// <summary>The summary for people, on standard output: how much was translated and what stood in the way most often.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter stdout, MigrationReport report)
    {
        var t = report.Totals;
        stdout.WriteLine($"migrated {t.Files} file{(t.Files == 1 ? "" : "s")} in {t.Seconds:0.00} s ({t.FilesSkipped} unchanged, skipped)");
        stdout.WriteLine($"  files translated      {t.FilesTranslated}/{t.Files} ({Share(t.FilesTranslated, t.Files)}) (a file is when its device code is)");
        stdout.WriteLine($"  host code             {t.HostLifted} lifted, {t.HostNative} native (C++ for build mode: 'translate build', the report has each command)");
        stdout.WriteLine($"  kernels translated    {t.KernelsTranslated}/{t.Kernels} ({Share(t.KernelsTranslated, t.Kernels)})");
        stdout.WriteLine($"  functions translated  {t.FunctionsTranslated}/{t.Functions} ({Share(t.FunctionsTranslated, t.Functions)})");
        // Lines count whole files: a file's lines are translated when the whole file is.
        stdout.WriteLine($"  lines translated      {t.LinesTranslated}/{t.Lines} ({Share(t.LinesTranslated, t.Lines)}) in fully translated files");
        stdout.WriteLine($"  diagnostics           {t.Errors} error{(t.Errors == 1 ? "" : "s")}, {t.Warnings} warning{(t.Warnings == 1 ? "" : "s")}");
        WriteEffort(stdout, report);
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

    /// <summary>The estimate, how it splits by level and which files ask for the most work.</summary>
    private static void WriteEffort(TextWriter stdout, MigrationReport report)
    {
        stdout.WriteLine($"  effort estimate       {Hours(report.Totals.EffortHours)} of manual work (an estimate: each diagnostic weighs by its code, see docs/migration-effort.md)");
        if (report.Totals.EffortHours == 0) return;
        var levels = report.Files.SelectMany(f => f.Diagnostics)
            .GroupBy(d => EffortEstimate.LevelOf(d.Code))
            .Where(g => g.Key != EffortLevel.None)
            .OrderByDescending(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()} × {Hours(EffortEstimate.HoursOf(g.Key))}");
        stdout.WriteLine($"    by level            {string.Join(", ", levels)}");
        var files = report.Files.Where(f => f.EffortHours > 0)
            .OrderByDescending(f => f.EffortHours).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        stdout.WriteLine($"    by file             {string.Join(", ", files.Take(10).Select(f => $"{f.Path} {Hours(f.EffortHours)}"))}"
            + (files.Count > 10 ? $" and {files.Count - 10} more" : ""));
    }

    private static string Hours(double h) => $"{h.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} h";

    private static string Share(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.#}%";
}
