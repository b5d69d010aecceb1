using System.Diagnostics;
using Translate.Cli.Build;
using Translate.Cli.Targets;
using Translate.Frontend;
using Translate.Frontend.Lifting;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Migration;

/// <summary>Migrates one .cu file: lifts it, writes one output per target under OUTDIR, and reports what happened.</summary>
internal static class FileMigrator
{
    /// <summary>
    /// Never throws for problems in the input or a backend: they are diagnostics in the report. When the
    /// file is not translated in full, its outputs from an earlier run are removed (never left stale).
    /// Also gives the user headers the file included, which the incremental key must cover.
    /// </summary>
    public static (FileReport Report, IReadOnlyList<string> Headers) Migrate(MigrationInput input, IReadOnlyList<CompileTarget> targets, string outDir)
    {
        var clock = Stopwatch.StartNew();
        // A file is translated when its device code is: host code outside the lifted subset stays C++ (build mode).
        var cuda = new FrontendOptions { IncludeDirectories = input.IncludeDirectories, Defines = input.Defines, DeviceOnlyWhenHostIsNot = true };
        var result = CudaFrontend.Translate(input.Path, cuda);
        double liftMs = clock.Elapsed.TotalMilliseconds;
        var diagnostics = new List<Diagnostic>(result.Diagnostics);
        var outputs = new List<OutputReport>();
        var targetMs = new SortedDictionary<string, double>(StringComparer.Ordinal);
        bool translated = result.Success && result.Checked is not null;
        foreach (var target in targets)
        {
            string relative = OutputPath(input.RelativePath, target);
            string path = Path.Combine(outDir, relative);
            if (!translated)
            {
                if (File.Exists(path)) File.Delete(path);
                continue;
            }
            clock.Restart();
            var problems = TargetEmitter.EmitToFile(target, result.Checked!, path, input.Path);
            targetMs[target.Name] = clock.Elapsed.TotalMilliseconds;
            diagnostics.AddRange(problems);
            if (problems.Count == 0) outputs.Add(new OutputReport(target.Name, relative));
            else if (File.Exists(path)) File.Delete(path);
        }
        bool ok = translated && outputs.Count == targets.Count;
        var report = new FileReport(input.RelativePath, ok ? FileReport.Translated : FileReport.Failed, false, CountLines(input.Path),
            result.Functions.Select(Function).ToList(), diagnostics.Select(DiagnosticReport.From).ToList(), outputs,
            new TimingReport(liftMs, targetMs)) { Host = Host(result, input, cuda) };
        return (report, result.UserHeaders);
    }

    /// <summary>Where a target's output for an input goes, relative to OUTDIR: the input's path with the target's extension.</summary>
    public static string OutputPath(string relativeInput, CompileTarget target) => Path.ChangeExtension(relativeInput, target.Extension);

    /// <summary>The host side's status; null when clang could not parse the file (nothing is known about it).</summary>
    private static HostReport? Host(FrontendResult result, MigrationInput input, FrontendOptions cuda)
    {
        if (result.Module is null) return null;
        return result.Host.IsLifted
            ? new HostReport(result.Host.Status, null, null)
            : new HostReport(result.Host.Status, result.Host.Reason, BuildCommandLine.For(input.Path, cuda, result.Host.DefinesMain));
    }

    private static FunctionReport Function(FunctionStatus f) => new(f.CudaName, f.IrName, f.Role switch
    {
        FunctionRole.Kernel => "kernel",
        FunctionRole.Device => "device",
        FunctionRole.HostDevice => "host-device",
        _ => "host",
    }, f.Translated, f.Location.Line, f.Location.Column, f.Reason is { } r ? DiagnosticReport.From(r) : null);

    private static int CountLines(string path)
    {
        try
        {
            return File.ReadLines(path).Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // unreadable: the frontend's TR0901/TR0902 says so
        }
    }
}
