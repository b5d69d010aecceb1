namespace Translate.Cli.Migration;

/// <summary>Tells the user how the batch goes, one call per finished file (from any thread).</summary>
internal interface IProgress
{
    void Start(int total);
    void Finished(FileReport file, int done);
    void End();
}

/// <summary>On a terminal: one line rewritten in place, <c>[done/total] path</c>.</summary>
internal sealed class TerminalProgress(TextWriter stderr) : IProgress
{
    private readonly Lock _lock = new();
    private int _total;
    private int _width;

    public void Start(int total) => _total = total;

    public void Finished(FileReport file, int done)
    {
        lock (_lock)
        {
            string line = $"[{done}/{_total}] {(file.Skipped ? "unchanged" : file.Status)} {file.Path}";
            stderr.Write("\r" + line.PadRight(_width));
            _width = Math.Max(_width, line.Length);
            stderr.Flush();
        }
    }

    public void End()
    {
        if (_width > 0) stderr.Write("\r" + new string(' ', _width) + "\r");
        stderr.Flush();
    }
}

/// <summary>Not on a terminal (logs, CI): one plain line per file, <c>translated PATH</c> / <c>failed PATH (N errors)</c> / <c>unchanged PATH</c>.</summary>
internal sealed class LineProgress(TextWriter stderr) : IProgress
{
    private readonly Lock _lock = new();

    public void Start(int total) { }

    public void Finished(FileReport file, int done)
    {
        int errors = file.Diagnostics.Count(d => d.Severity == "error");
        string line = file.Skipped ? $"unchanged {file.Path}"
            : file.IsTranslated ? $"translated {file.Path}" : $"failed {file.Path} ({errors} error{(errors == 1 ? "" : "s")})";
        lock (_lock) stderr.WriteLine(line);
    }

    public void End() { }
}
