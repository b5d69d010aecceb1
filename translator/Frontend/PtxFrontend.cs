using Translate.Frontend.Ptx;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Frontend;

/// <summary>
/// PTX as input: a module's text (a .ptx file, or what a driver-API program loads) lifted into the IR, its kernels
/// runnable on every device (translator/Frontend/Ptx/README.md).
/// </summary>
public static class PtxFrontend
{
    /// <summary>Whether <paramref name="path"/> names PTX text.</summary>
    public static bool IsPtx(string path) => path.EndsWith(".ptx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The IR of the PTX module <paramref name="text"/> (from <paramref name="file"/>, for locations), or null with the
    /// reasons (TR0417, TR0418) in <paramref name="diagnostics"/>.
    /// </summary>
    public static IrModule? Lift(string text, string file, DiagnosticBag diagnostics) => PtxModuleLifter.Lift(text, file, diagnostics);

    /// <summary>
    /// <paramref name="program"/> with its kernels taken from the PTX module <paramref name="text"/> (its host code, and
    /// everything else it defines, kept): how a program runs with device code compiled elsewhere, and how a PTX
    /// backend's output is checked by running it again. Null, with the reasons in <paramref name="diagnostics"/>, when
    /// the PTX does not translate or lacks one of the program's kernels.
    /// </summary>
    public static IrModule? WithDeviceCode(IrModule program, string text, string file, DiagnosticBag diagnostics) =>
        PtxModuleLifter.Link(program, text, file, diagnostics);
}
