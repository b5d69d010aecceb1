using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Ir.Passes;
using Translate.Ir.Printing;

namespace Translate.Cli.Commands;

/// <summary>
/// <c>translate opt FILE|- (--passes A,B | --pipeline NAME) [--dump-after PASS|all] [-o OUT]</c>: runs IR passes
/// by name and prints the module, a filter from standard input to standard output like Bril's tools, so each stage of a
/// target's pipeline can be looked at, tested and debugged alone.
/// </summary>
internal sealed class OptCommand : Command
{
    public override string Name => "opt";
    public override string Synopsis => "opt (FILE(.cu|.lisp) | -) (--passes A,B,... | --pipeline NAME) [--dump-after PASS|all] [-o OUT] | opt --list";
    public override string Summary => "run IR passes by name and print the module they give";
    public override (int Min, int Max) PositionalCount => (0, 1);
    public override IReadOnlyList<OptionSpec> Options { get; } =
        [new("passes", "p", "LIST"), new("pipeline", null, "NAME"), new("dump-after", null, "PASS"), new("list"), new("output", "o", "FILE"), .. CudaOptions.Specs];

    public override string Details => $"""
        Reads a program (IR text, CUDA lifted first, or IR from standard input when FILE is '-'), type-checks it,
        runs the passes named in order and prints the module they give, in the canonical IR text. Each pass is
        one of the transformations the targets run; a target's whole list is a pipeline. --list names them all.

        options:
          -p, --passes LIST       the passes to run, comma-separated, in order
              --pipeline NAME     a target's pipeline instead (cpu, opencl, work-group-barriers)
              --dump-after PASS   also print the module after PASS (or after every pass: all) to standard error
              --list              list the passes and pipelines
          -o, --output FILE       write the result to FILE (atomically) instead of standard output
        {CudaOptions.Help}
          -h, --help              show this help

        exit status: 0 done, 1 errors in the input, 2 usage error (an unknown pass or pipeline too)

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Has("list"))
        {
            foreach (var p in PassCatalog.All) stdout.WriteLine($"pass {p.Name,-26} {p.Purpose}");
            foreach (var p in Pipelines.All) stdout.WriteLine($"pipeline {p.Name,-22} {string.Join(", ", p.Passes)}");
            return ExitCodes.Success;
        }
        var pipeline = Chosen(args);
        if (args.Positionals.Count == 0) throw new UsageException($"'opt' needs a program (a file, or '-' for standard input): translate {Synopsis}");
        string? dumpAfter = args.Value("dump-after");
        if (dumpAfter is not null && dumpAfter != "all" && pipeline.Passes.All(p => p.Name != dumpAfter))
            throw new UsageException($"--dump-after '{dumpAfter}' names no pass that runs here ({string.Join(", ", pipeline.Passes)})");
        var module = ProgramLoader.Load(args.Positionals[0], stderr, CudaOptions.DeviceFirst(args));
        if (module is null) return ExitCodes.Failure;
        var result = pipeline.Run(module, (pass, after) =>
        {
            if (dumpAfter != "all" && dumpAfter != pass.Name) return;
            stderr.WriteLine($"; --- after {pass.Name} ---");
            stderr.Write(IrPrinter.Print(after.Module));
        });
        return OutputWriter.WriteText(args.Value("output"), IrPrinter.Print(result.Module), stdout, stderr) ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The passes asked for, as a pipeline (one of the targets', or the list given).</summary>
    private static Pipeline Chosen(ParsedArguments args)
    {
        string? list = args.Value("passes"), named = args.Value("pipeline");
        if (list is not null == named is not null) throw new UsageException("'opt' takes either --passes LIST or --pipeline NAME (see 'translate opt --list')");
        if (named is not null)
            return Pipelines.Find(named) ?? throw new UsageException($"unknown pipeline '{named}' ({string.Join(", ", Pipelines.All.Select(p => p.Name))})");
        var passes = list!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => PassCatalog.Find(n) ?? throw new UsageException($"unknown pass '{n}' ({string.Join(", ", PassCatalog.All.Select(p => p.Name))})"))
            .ToList();
        if (passes.Count == 0) throw new UsageException("--passes names no pass");
        return new Pipeline("passes", passes);
    }
}
