using System.Text.Json;
using Translate.Cli.Migration;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Cli.Targets;

namespace Translate.Cli.Commands;

/// <summary>
/// <c>translate migrate (DIR | -p compile_commands.json) --out OUTDIR …</c>: translates a whole tree of .cu
/// files into a mirror tree, in parallel and incrementally, with a report for machines and a summary for people.
/// </summary>
internal sealed class MigrateCommand : Command
{
    public override string Name => "migrate";
    public override string Synopsis => "migrate (DIR | -p compile_commands.json) --out OUTDIR [--jobs N] [--targets LIST] [--report FILE.json] [--sarif FILE] [--werror]";
    public override string Summary => "translate every .cu file of a tree or compilation database into OUTDIR";
    public override (int Min, int Max) PositionalCount => (0, 1);

    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("database", "p", "FILE"), new("out", "o", "OUTDIR"), new("jobs", "j", "N"), new("targets", "t", "LIST"),
        new("report", null, "FILE"), new("sarif", null, "FILE"), new("werror"), .. CudaOptions.Specs,
    ];

    public override string Details => $"""
        Every .cu file below DIR (or named by the compilation database, with its own -I and -D) gives
        one output per target in OUTDIR, at the same relative path with the target's extension
        (src/a.cu → OUTDIR/src/a.lisp). Outputs are written atomically and are the same bytes for
        the same input. Nothing is written into the input tree. A file is translated when its device
        code is (kernels, device functions and variables); host code outside the lifted subset stays C++
        ("native" in the report, with the 'translate build' command that builds it), the outputs then
        holding the device code only. A file whose device code is not translated in full gets no outputs, and a target whose backend fails on a file gets none for that file (earlier
        ones are removed); the diagnostics are reported and the batch goes on.
        An input whose content, flags, targets and translator build are unchanged since the last run
        into OUTDIR is skipped (OUTDIR/{Manifest.FileName} remembers). Headers it includes are not
        tracked: after changing one, delete that file to redo everything.

        targets: {CompileTargets.Names} (default: lisp)

        options:
          -p, --database FILE     read the inputs from a compile_commands.json
          -o, --out OUTDIR        where the outputs go (required; not inside the input tree)
          -j, --jobs N            files translated at once (default: the processor count, {Environment.ProcessorCount})
          -t, --targets LIST      comma-separated targets
              --report FILE.json  write the report: per file and function, translated or not, every
                                  diagnostic with code, location and reason, timings
              --sarif FILE        write the diagnostics as SARIF 2.1.0 for CI annotations
              --werror            warnings fail the batch too
        {CudaOptions.Help}
          -h, --help              show this help

        Progress goes to standard error (a line rewritten in place on a terminal, a line per file
        otherwise), then every diagnostic as FILE:LINE:COL: severity TRnnnn: message; the summary
        goes to standard output.

        exit status: 0 every file's device code translated, 1 some file had errors in device code
        (or warnings, with --werror),
        2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        string outDir = args.Value("out") ?? throw new UsageException("'migrate' needs --out OUTDIR");
        var targets = Targets(args.Value("targets") ?? "lisp");
        int jobs = Jobs(args.Value("jobs"));
        var (inputs, root) = Inputs(args);
        CheckOutside(Path.GetFullPath(outDir), root, inputs);
        Directory.CreateDirectory(outDir);

        IProgress progress = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected
            ? new TerminalProgress(stderr) : new LineProgress(stderr);
        var runner = new MigrationRunner(targets, outDir, jobs, ToolVersion.Current, progress);
        var (files, seconds) = runner.Run(inputs);
        var report = new MigrationReport("translate", ToolVersion.Display, targets.Select(t => t.Name).ToList(), Totals.Of(files, seconds), files);

        foreach (var d in files.SelectMany(f => f.Diagnostics)) stderr.WriteLine(d.ToString());
        foreach (var f in files.Where(f => f.Host?.BuildCommand is not null))
            stderr.WriteLine($"{f.Path}: note: host code stays C++ (native), build it with: {f.Host!.BuildCommand}");
        bool written = true;
        if (args.Value("report") is { } reportPath)
            written &= OutputWriter.WriteText(reportPath, JsonSerializer.Serialize(report, ReportJson.Options) + "\n", stdout, stderr);
        if (args.Value("sarif") is { } sarifPath)
            written &= OutputWriter.WriteText(sarifPath, SarifWriter.Write(report), stdout, stderr);
        SummaryWriter.Write(stdout, report);

        bool failed = report.Totals.Errors > 0 || files.Any(f => !f.IsTranslated) || args.Has("werror") && report.Totals.Warnings > 0;
        return failed || !written ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static IReadOnlyList<CompileTarget> Targets(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new UsageException($"--targets needs at least one of: {CompileTargets.Names}");
        return names.Distinct().Select(n => CompileTargets.Find(n)
            ?? throw new UsageException($"unknown target '{n}'; targets: {CompileTargets.Names}")).ToList();
    }

    private static int Jobs(string? value)
    {
        if (value is null) return Environment.ProcessorCount;
        return int.TryParse(value, out int n) && n >= 1 ? n : throw new UsageException($"--jobs needs a positive number, not '{value}'");
    }

    private static (IReadOnlyList<MigrationInput> Inputs, string Root) Inputs(ParsedArguments args)
    {
        string? database = args.Value("database");
        if (database is not null)
        {
            if (args.Positionals.Count > 0) throw new UsageException("give either DIR or -p compile_commands.json, not both");
            if (!File.Exists(database)) throw new UsageException($"no compilation database '{database}'");
            var fromDatabase = InputDiscovery.FromCompilationDatabase(database, out string root);
            return (fromDatabase, root);
        }
        if (args.Positionals.Count == 0) throw new UsageException("'migrate' needs DIR or -p compile_commands.json");
        string dir = args.Positionals[0];
        if (!Directory.Exists(dir)) throw new UsageException($"no directory '{dir}'");
        var options = CudaOptions.From(args);
        return (InputDiscovery.FromDirectory(dir, options.IncludeDirectories, options.Defines), Path.GetFullPath(dir));
    }

    /// <summary>The outputs must never land in the input tree: OUTDIR may not be inside it, nor hold an input.</summary>
    private static void CheckOutside(string outDir, string root, IReadOnlyList<MigrationInput> inputs)
    {
        if (InputDiscovery.IsWithin(outDir, root))
            throw new UsageException($"OUTDIR '{outDir}' is inside the input tree '{root}'; choose a directory outside it");
        if (inputs.FirstOrDefault(i => InputDiscovery.IsWithin(Path.GetFullPath(i.Path), outDir)) is { } inside)
            throw new UsageException($"OUTDIR '{outDir}' holds the input '{inside.Path}'; choose a directory outside the input tree");
    }
}
