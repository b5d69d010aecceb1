using System.Diagnostics;
using Translate.Cli.Targets;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Cli.Migration;

/// <summary>
/// Runs a batch: every input in parallel (at most <c>jobs</c> at a time), skipping unchanged ones, one
/// failing file never stopping the others. The reports come back in input order, whatever finished first.
/// </summary>
internal sealed class MigrationRunner(IReadOnlyList<CompileTarget> targets, string outDir, int jobs, string toolVersion, IProgress progress)
{
    public (IReadOnlyList<FileReport> Files, double Seconds) Run(IReadOnlyList<MigrationInput> inputs)
    {
        var clock = Stopwatch.StartNew();
        var manifest = Manifest.Load(outDir);
        var hashes = new ContentHashes();
        var reports = new FileReport[inputs.Count];
        int done = 0;
        progress.Start(inputs.Count);
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            reports[i] = One(inputs[i], manifest, hashes);
            progress.Finished(reports[i], Interlocked.Increment(ref done));
        });
        progress.End();
        manifest.Keep(inputs.Select(i => i.RelativePath));
        manifest.Save(outDir);
        return (reports, clock.Elapsed.TotalSeconds);
    }

    private FileReport One(MigrationInput input, Manifest manifest, ContentHashes hashes)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(input.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var d = new Diagnostic(Codes.FileUnreadable, new SourceLocation(input.Path, 0, 0), $"cannot be read: {e.Message}");
            return new FileReport(input.RelativePath, FileReport.Failed, false, 0, [], [DiagnosticReport.From(d)], [],
                new TimingReport(0, new Dictionary<string, double>()));
        }
        string key = Manifest.Key(input, content, targets.Select(t => t.Name), toolVersion);
        if (manifest.Unchanged(input, key, outDir, hashes) is { } stored) return stored;
        FileReport report;
        IReadOnlyList<string> headers;
        try
        {
            (report, headers) = FileMigrator.Migrate(input, targets, outDir);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One file must never stop the batch: a write failure or a crash is this file's diagnostic.
            var d = e is IOException or UnauthorizedAccessException
                ? new Diagnostic(Codes.OutputNotWritten, new SourceLocation(input.Path, 0, 0), $"its outputs cannot be written: {e.Message}")
                : new Diagnostic(Codes.BackendFailed, new SourceLocation(input.Path, 0, 0),
                    $"translating it failed (a bug in translate, please report it): {e.GetType().Name}: {e.Message}");
            return new FileReport(input.RelativePath, FileReport.Failed, false, 0, [], [DiagnosticReport.From(d)], [],
                new TimingReport(0, new Dictionary<string, double>()));
        }
        manifest.Record(input.RelativePath, key, headers, report, hashes);
        return report;
    }
}
