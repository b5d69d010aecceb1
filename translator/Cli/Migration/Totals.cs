namespace Translate.Cli.Migration;

/// <summary>Adds up a batch's file reports.</summary>
internal static class Totals
{
    public static MigrationTotals Of(IReadOnlyList<FileReport> files, double seconds)
    {
        var kernels = files.SelectMany(f => f.Functions).Where(f => f.Role == "kernel").ToList();
        var diagnostics = files.SelectMany(f => f.Diagnostics).ToList();
        return new MigrationTotals(
            files.Count, files.Count(f => f.IsTranslated), files.Count(f => f.Skipped),
            kernels.Count, kernels.Count(k => k.Translated),
            files.Sum(f => f.Functions.Count), files.Sum(f => f.Functions.Count(fn => fn.Translated)),
            files.Sum(f => (long)f.Lines), files.Where(f => f.IsTranslated).Sum(f => (long)f.Lines),
            diagnostics.Count(d => d.Severity == "error"), diagnostics.Count(d => d.Severity == "warning"),
            Math.Round(seconds, 3), files.Sum(f => f.EffortHours),
            files.Count(f => f.Host?.Status == HostReport.Lifted), files.Count(f => f.Host?.Status == HostReport.Native));
    }
}
