using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// A pointer made from an integer (a texture or surface handle is the device address of its record)
/// is followed by OpenCL code as a global pointer holding that address. That reaches the memory only on
/// a device whose kernels run in this process on the host CPU (PoCL's CPU devices), and only when
/// device memory is host memory (build mode, not the interpreter's heap). Elsewhere such a kernel is
/// refused before it runs.
/// </summary>
public static class PointersFromIntegers
{
    /// <summary>Where the kernel, or a function it calls, makes a pointer from an integer; null when nowhere.</summary>
    public static SourceLocation? Find(CheckedModule program, FunctionDef kernel) =>
        KernelCode.Functions(program, kernel).SelectMany(f => IrTraversal.Descendants(f.Body!))
            .OfType<CastExpr>().FirstOrDefault(c => c.Op == CastOp.IntToPtr)?.Location;

    /// <summary>The refusal for a kernel that makes a pointer from an integer where that pointer means nothing, or null.</summary>
    public static DiagnosticException? Refusal(CheckedModule program, FunctionDef kernel, ClDevice device, bool hostMemory)
    {
        if ((hostMemory && device.SharesHostAddresses) || Find(program, kernel) is not { } at) return null;
        string why = hostMemory ? $"device '{device.Name}' does not run kernels in this process's address space"
            : "device memory here is the interpreter's, whose addresses mean nothing to OpenCL (build the program with `translate build`)";
        return new DiagnosticException(new Diagnostic(Codes.OpenClPointerFromInteger, at,
            $"kernel '{kernel.Name}' follows a pointer made from an integer (a texture or surface object, or a cast address): {why}"));
    }
}
