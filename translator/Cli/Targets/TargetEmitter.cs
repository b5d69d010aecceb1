using System.Text;
using Translate.Backends.Llvm.Api;
using Translate.Cli.Output;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Cli.Targets;

/// <summary>Emits one target of a checked program into a file, atomically, turning backend failures into diagnostics.</summary>
internal static class TargetEmitter
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>
    /// Writes <paramref name="target"/>'s output to <paramref name="path"/>; the diagnostics that stopped it
    /// (empty on success). <paramref name="source"/> names the input in diagnostics that have no better place.
    /// </summary>
    public static IReadOnlyList<Diagnostic> EmitToFile(CompileTarget target, CheckedModule program, string path, string source)
    {
        try
        {
            AtomicFile.Write(path, temp =>
            {
                if (target.Text is { } text) File.WriteAllText(temp, text(program), Utf8);
                else target.File!(program, temp);
            });
            return [];
        }
        catch (Exception e) when (Failure(e, target, source, path) is { } diagnostics)
        {
            return diagnostics;
        }
    }

    /// <summary>The text of a text target; throws <see cref="DiagnosticException"/> when the backend fails.</summary>
    public static string EmitText(CompileTarget target, CheckedModule program, string source)
    {
        try
        {
            return target.Text!(program);
        }
        catch (Exception e) when (Failure(e, target, source, null) is { } diagnostics)
        {
            throw new DiagnosticException(diagnostics);
        }
    }

    /// <summary>
    /// The diagnostics for a backend failure. A backend crashing on a program the checker accepted is a bug in
    /// translate; it is still reported as a located TR0603 naming the bug, so one file's crash cannot stop a batch.
    /// </summary>
    private static IReadOnlyList<Diagnostic>? Failure(Exception e, CompileTarget target, string source, string? path) => e switch
    {
        DiagnosticException d => d.Diagnostics,
        LlvmException l => [new(Codes.BackendFailed, new SourceLocation(source, 0, 0), $"the {target.Name} backend failed: {l.Message}")],
        IOException or UnauthorizedAccessException when path is not null =>
            [new(Codes.OutputNotWritten, new SourceLocation(path, 0, 0), $"cannot be written: {e.Message}")],
        OutOfMemoryException => null,
        _ => [new(Codes.BackendFailed, new SourceLocation(source, 0, 0),
            $"the {target.Name} backend failed on this program (a bug in translate, please report it): {e.GetType().Name}: {e.Message}")],
    };
}
