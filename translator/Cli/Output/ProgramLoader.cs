using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Cli.Output;

/// <summary>
/// Reads a program file, parses and type-checks it, printing every diagnostic (warnings too).
/// Shared by <c>check</c> and <c>run</c>, so both accept and reject exactly the same inputs.
/// </summary>
internal static class ProgramLoader
{
    /// <summary>The checked program, or null when something was wrong (already reported on <paramref name="stderr"/>).</summary>
    public static CheckedModule? Load(string path, TextWriter stderr)
    {
        if (IsCuda(path))
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.UnsupportedInput, path,
                "CUDA source cannot be read yet: the CUDA frontend is not built; give the IR program (.lisp), "
                + "e.g. cuda-samples/vectorAdd/vectorAdd.lisp"));
            return null;
        }
        var bytes = ReadBytes(path, stderr);
        if (bytes is null) return null;
        try
        {
            var checkedModule = TypeChecker.Check(IrParser.ParseFile(bytes, path));
            DiagnosticPrinter.Print(stderr, checkedModule.Warnings);
            return checkedModule;
        }
        catch (DiagnosticException e)
        {
            DiagnosticPrinter.Print(stderr, e.Diagnostics);
            return null;
        }
    }

    private static bool IsCuda(string path) =>
        path.EndsWith(".cu", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cuh", StringComparison.OrdinalIgnoreCase);

    private static byte[]? ReadBytes(string path, TextWriter stderr)
    {
        Diagnostic? problem = null;
        if (Directory.Exists(path))
            problem = DiagnosticPrinter.AboutFile(Codes.FileUnreadable, path, "is a directory, not a program file");
        else if (!File.Exists(path))
            problem = DiagnosticPrinter.AboutFile(Codes.FileNotFound, path, "no such file");
        else
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                problem = DiagnosticPrinter.AboutFile(Codes.FileUnreadable, path, $"cannot be read: {e.Message}");
            }
        }
        DiagnosticPrinter.Print(stderr, problem);
        return null;
    }
}
