using Translate.Cli.Options;
using Translate.Cli.Output;

namespace Translate.Cli.Commands;

/// <summary><c>translate check FILE.lisp</c>: parse and type-check a program, report its diagnostics.</summary>
internal sealed class CheckCommand : Command
{
    public override string Name => "check";
    public override string Synopsis => "check FILE.lisp";
    public override string Summary => "parse and type-check an IR program";
    public override (int Min, int Max) PositionalCount => (1, 1);

    public override string Details => """
        Diagnostics go to standard error, one per line:
          FILE:LINE:COL: error TRnnnn: message
        Nothing is printed when the program is well formed (warnings aside).

        options:
          -h, --help   show this help

        exit status: 0 the program is well formed, 1 it has errors, 2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr) =>
        ProgramLoader.Load(args.Positionals[0], stderr) is null ? ExitCodes.Failure : ExitCodes.Success;
}
