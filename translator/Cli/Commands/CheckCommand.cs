using Translate.Cli.Options;
using Translate.Cli.Output;

namespace Translate.Cli.Commands;

/// <summary><c>translate check FILE(.cu|.lisp)</c>: lift or parse a program and type-check it, report its diagnostics.</summary>
internal sealed class CheckCommand : Command
{
    public override string Name => "check";
    public override string Synopsis => "check FILE(.cu|.lisp|.ptx) [-I DIR] [-D NAME[=VAL]]";
    public override string Summary => "translate a CUDA (or parse an IR) program and type-check it";
    public override IReadOnlyList<OptionSpec> Options { get; } = CudaOptions.Specs;
    public override (int Min, int Max) PositionalCount => (1, 1);

    public override string Details => $"""
        Diagnostics go to standard error, one per line:
          FILE:LINE:COL: error TRnnnn: message
        Nothing is printed when the program is well formed (warnings aside).

        options:
        {CudaOptions.Help}
          -h, --help              show this help

        exit status: 0 the program is well formed, 1 it has errors, 2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr) =>
        ProgramLoader.Load(args.Positionals[0], stderr, CudaOptions.DeviceFirst(args)) is null ? ExitCodes.Failure : ExitCodes.Success;
}
