using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Cli.Output;

/// <summary>
/// Writes diagnostics the way compilers do, one per line: <c>FILE:LINE:COL: error TRnnnn: message</c>
/// (just <c>FILE: …</c> when there is no position), so editors and CI can jump to them.
/// </summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter stderr, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) stderr.WriteLine(d.ToString());
    }

    public static void Print(TextWriter stderr, Diagnostic diagnostic) => stderr.WriteLine(diagnostic.ToString());

    /// <summary>A diagnostic about a whole file (missing, unreadable, wrong kind): no line or column.</summary>
    public static Diagnostic AboutFile(DiagnosticCode code, string path, string message) =>
        new(code, new SourceLocation(path, 0, 0), message);
}
