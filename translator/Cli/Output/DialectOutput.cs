using Translate.Cli.Options;
using Translate.Ir.Dialects.Upstream;
using Translate.Ir.Verification;

namespace Translate.Cli.Output;

/// <summary>
/// <c>--dialect upstream</c> of <c>lift</c> and <c>compile --target lisp</c>: the program's device code in the forms upstream
/// llama.lisp's compiler accepts (<see cref="UpstreamDialect"/>), refusals printed as TR0613 and a note saying what was
/// left out and how many kernels were written.
/// </summary>
internal static class DialectOutput
{
    public const string Help = """
              --dialect upstream  write only forms upstream llama.lisp's compiler accepts: the device code,
                                  kernels as plain defines, CUDA forms as NVVM intrinsic calls; TR0613 where
                                  there is no upstream spelling (docs/ir/upstream-dialect.md)
        """;

    /// <summary>The one dialect there is; a usage error for any other name.</summary>
    public static void Validate(string name)
    {
        if (name != "upstream") throw new UsageException($"unknown dialect '{name}'; the one dialect is 'upstream'");
    }

    /// <summary>The text of the kernels that have an upstream spelling, or null when none has; <paramref name="complete"/>
    /// is false when anything was refused (reported as TR0613: the command then exits 1 with what it could write).</summary>
    public static string? Write(CheckedModule program, string path, TextWriter stderr, out bool complete)
    {
        var result = UpstreamDialect.Write(program);
        complete = result.Diagnostics.Count == 0;
        DiagnosticPrinter.Print(stderr, result.Diagnostics);
        int written = result.Kernels.Count - result.RefusedKernels.Count;
        var notes = new List<string> { $"{written} of {result.Kernels.Count} kernels have an upstream spelling" };
        if (result.RefusedKernels.Count > 0) notes.Add($"refused: {string.Join(", ", result.RefusedKernels)}");
        if (result.HostFunctionsLeftOut > 0)
            notes.Add($"{result.HostFunctionsLeftOut} host function(s) left out (upstream compiles device code alone)");
        stderr.WriteLine($"translate: {path}: --dialect upstream: {string.Join("; ", notes)}");
        return result.Text;
    }
}
