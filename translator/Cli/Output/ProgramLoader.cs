using Translate.Cli.Build;
using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Cli.Output;

/// <summary>
/// Reads a program file — IR text (.lisp) or CUDA (.cu, lifted by the frontend) — parses and type-checks
/// it, printing every diagnostic (warnings too). Shared by every command that reads a program, so all
/// accept and reject exactly the same inputs. The path <c>-</c> is IR text from standard input.
/// </summary>
internal static class ProgramLoader
{
    /// <summary>The checked program, or null when something was wrong (already reported on <paramref name="stderr"/>).</summary>
    /// <remarks>An IR program's body-less declarations are linked natively first (<see cref="NativeLinker"/>):
    /// against <paramref name="withFiles"/>, then the C library.</remarks>
    public static CheckedModule? Load(string path, TextWriter stderr, FrontendOptions? cuda = null, IReadOnlyList<string>? withFiles = null)
    {
        if (CudaOptions.IsCuda(path))
        {
            var result = Lift(path, stderr, cuda);
            return result is { Success: true } ? result.Checked : null;
        }
        var bytes = ReadBytes(path, stderr);
        if (bytes is null) return null;
        try
        {
            var module = PtxFrontend.IsPtx(path) ? LiftPtx(bytes, path, stderr) : IrParser.ParseFile(bytes, path == StandardInput ? "<stdin>" : path);
            if (module is null) return null;
            var natives = NativeLinker.Link(module, withFiles ?? [], stderr);
            if (natives is null) return null;
            var checkedModule = TypeChecker.Check(module, natives);
            DiagnosticPrinter.Print(stderr, checkedModule.Warnings);
            return checkedModule;
        }
        catch (DiagnosticException e)
        {
            DiagnosticPrinter.Print(stderr, e.Diagnostics);
            return null;
        }
    }

    /// <summary>Lifts a CUDA file, printing its diagnostics; null when it is not a readable file (already reported).</summary>
    public static FrontendResult? Lift(string path, TextWriter stderr, FrontendOptions? cuda)
    {
        if (Directory.Exists(path))
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.FileUnreadable, path, "is a directory, not a program file"));
            return null;
        }
        var result = CudaFrontend.Translate(path, cuda ?? new FrontendOptions());
        DiagnosticPrinter.Print(stderr, result.Diagnostics);
        if (result.Host is { IsLifted: false, Reason: { } why })
            stderr.WriteLine($"translate: {path}: device code only; the host code stays C++ for build mode ({BuildCommandLine.For(path, cuda, result.Host.DefinesMain)}): {why}");
        // Success without a checked module cannot happen today; if it did, say so rather than run nothing.
        if (result.Success && result.Checked is null)
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.LiftedIrInvalid, path, "the lifted program was not type-checked"));
        return result;
    }

    /// <summary>The IR module of a program file (.cu lifted, .lisp parsed and checked), for printing; null on errors (reported).</summary>
    public static IrModule? LoadModule(string path, TextWriter stderr, FrontendOptions? cuda) =>
        CudaOptions.IsCuda(path)
            ? Lift(path, stderr, cuda) is { Success: true, Checked: not null } r ? r.Module : null
            : Load(path, stderr)?.Module;

    /// <summary>A PTX module's IR (its kernels and device functions), printing what did not translate.</summary>
    private static IrModule? LiftPtx(byte[] bytes, string path, TextWriter stderr)
    {
        var diagnostics = new DiagnosticBag();
        var module = PtxFrontend.Lift(System.Text.Encoding.UTF8.GetString(bytes), path, diagnostics);
        DiagnosticPrinter.Print(stderr, diagnostics.Items);
        return module;
    }

    /// <summary>What <see cref="Load"/> reads from standard input instead of a file.</summary>
    public const string StandardInput = "-";

    private static byte[]? ReadBytes(string path, TextWriter stderr)
    {
        Diagnostic? problem = null;
        if (path == StandardInput)
        {
            using var input = Console.OpenStandardInput();
            using var bytes = new MemoryStream();
            input.CopyTo(bytes);
            return bytes.ToArray();
        }
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
