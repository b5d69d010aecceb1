using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;

namespace Translate.Tests.Snapshots;

/// <summary>
/// The pipelines a snapshot folder can name. Each turns an input file into the text its <c>.out</c> holds:
/// the canonical print when the input is accepted, otherwise its diagnostics, one per line.
/// </summary>
internal static class SnapshotPipelines
{
    /// <param name="pipeline">the name in the folder's pipeline.txt</param>
    /// <param name="bytes">the input file's bytes</param>
    /// <param name="name">the input's path relative to the snapshot root, used as the diagnostics' file name</param>
    public static string Run(string pipeline, byte[] bytes, string name) => pipeline switch
    {
        "print" => Diagnose(() => PrintStable(IrParser.ParseFile(bytes, name))),
        "parse" => Diagnose(() => { IrParser.ParseFile(bytes, name); return "accepted\n"; }),
        "check" => Diagnose(() => { TypeChecker.Check(IrParser.ParseFile(bytes, name)); return "accepted\n"; }),
        _ => throw new InvalidOperationException($"{name}: unknown pipeline '{pipeline}' (expected print, parse or check)"),
    };

    /// <summary>Prints a module and checks that printing is a fixed point: print(parse(print(m))) == print(m).</summary>
    public static string PrintStable(IrModule module)
    {
        var printed = IrPrinter.Print(module);
        var again = IrPrinter.Print(IrParser.ParseText(printed, module.File + " (printed)"));
        Assert.Equal(printed, again);
        return printed;
    }

    private static string Diagnose(Func<string> run)
    {
        try
        {
            return run();
        }
        catch (DiagnosticException e)
        {
            return string.Concat(e.Diagnostics.Select(d => d + "\n"));
        }
    }
}
