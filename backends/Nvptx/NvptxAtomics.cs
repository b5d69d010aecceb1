using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Ir.Model;

namespace Translate.Backends.Nvptx;

/// <summary>
/// Scoped atomics on NVPTX. LLVM 19's C API cannot set an instruction's syncscope, and NVPTX prints a
/// plain <c>atomicrmw</c> as <c>atom</c> with PTX's default scope (<c>.gpu</c>): right for device scope
/// only. Block and system scope therefore use NVVM's scoped intrinsics (<c>atom.cta</c>, <c>atom.sys</c>),
/// which are relaxed; stronger orders are made with fences around them.
/// </summary>
internal static class NvptxAtomics
{
    /// <summary>The NVVM intrinsic family for an operation, or null when NVVM has no scoped form of it.</summary>
    public static string? Family(AtomicOp op) => op switch
    {
        AtomicOp.Add => "add.gen.i", AtomicOp.FAdd => "add.gen.f", AtomicOp.Exch => "exch.gen.i",
        // Signed only: NVVM has no unsigned scoped max/min (NvptxFunctionLowering makes them CAS loops).
        AtomicOp.Max => "max.gen.i", AtomicOp.Min => "min.gen.i",
        AtomicOp.UInc => "inc.gen.i", AtomicOp.UDec => "dec.gen.i",
        AtomicOp.And => "and.gen.i", AtomicOp.Or => "or.gen.i", AtomicOp.Xor => "xor.gen.i",
        _ => null,
    };

    public static string Suffix(MemoryScope s) => s == MemoryScope.Block ? "cta" : "sys";
}

