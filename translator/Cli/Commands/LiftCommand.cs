using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Ir.Printing;

namespace Translate.Cli.Commands;

/// <summary><c>translate lift FILE.cu [-I DIR] [-D NAME[=VAL]] [-o OUT.lisp]</c>: the readable IR of a CUDA program.</summary>
internal sealed class LiftCommand : Command
{
    public override string Name => "lift";
    public override string Synopsis => "lift FILE(.cu|.ptx) [--dialect upstream] [-I DIR] [-D NAME[=VAL]] [-o OUT.lisp]";
    public override string Summary => "translate a CUDA program or a PTX module into readable IR";
    public override (int Min, int Max) PositionalCount => (1, 1);
    public override IReadOnlyList<OptionSpec> Options { get; } = [new("output", "o", "FILE"), new("dialect", null, "NAME"), .. CudaOptions.Specs];

    public override string Details => $"""
        Writes the IR (llama.lisp) of the program's kernels, the device functions they use and main
        with its helpers. A PTX module (.ptx) gives its kernels, device functions and variables, its
        branches restructured into ifs and loops. When the host code is outside the lifted subset, the IR holds the device code
        only (kernels, device functions and variables, launched template instantiations) and a note on
        standard error says that the host code stays C++ and how to build it ('translate build').
        Nothing is written when something could not be translated exactly: the diagnostics say what
        and where, and an existing OUT is left untouched.

        options:
          -o, --output FILE       write the IR to FILE (atomically) instead of standard output
        {DialectOutput.Help}
        {CudaOptions.Help}
          -h, --help              show this help

        exit status: 0 translated, 1 errors in the input (or OUT cannot be written), 2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        string path = args.Positionals[0];
        if (!CudaOptions.IsCuda(path) && !Translate.Frontend.PtxFrontend.IsPtx(path))
            throw new UsageException($"'lift' reads CUDA source (.cu) or a PTX module (.ptx), not '{path}'");
        if (args.Value("dialect") is { } dialect)
        {
            DialectOutput.Validate(dialect);
            var program = ProgramLoader.Load(path, stderr, CudaOptions.DeviceFirst(args));
            if (program is null || DialectOutput.Write(program, path, stderr, out bool complete) is not { } text) return ExitCodes.Failure;
            return OutputWriter.WriteText(args.Value("output"), text, stdout, stderr) && complete ? ExitCodes.Success : ExitCodes.Failure;
        }
        var module = ProgramLoader.LoadModule(path, stderr, CudaOptions.DeviceFirst(args));
        if (module is null) return ExitCodes.Failure;
        return OutputWriter.WriteText(args.Value("output"), IrPrinter.Print(module), stdout, stderr) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
