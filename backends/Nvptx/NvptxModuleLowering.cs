using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.Nvptx;

/// <summary>
/// A program's device code for <c>nvptx64-nvidia-cuda</c>. Kernels are marked with
/// <c>!nvvm.annotations !{ptr @k, !"kernel", i32 1}</c> (how LLVM 19's NVPTX backend finds
/// <c>.entry</c> points); globals stay in address space 0 and NVPTX's generic-to-nvvm pass moves them
/// to <c>.global</c>; shared variables are <c>.shared</c> (address space 3) reached by addrspacecast.
/// </summary>
internal sealed class NvptxModuleLowering(CheckedModule program, LlvmContext context, LlvmTargetMachine machine)
    : GpuModuleLowering(program, context, machine)
{
    /// <summary>LLVM 19's NVPTX backend stops the process on an empty parameter type ("Empty parameter types are not supported").</summary>
    protected override bool PassesEmptyParameters => false;

    protected override void MarkKernel(LFunction kernel) =>
        Module.AddNamedMetadata("nvvm.annotations", Context.MetadataNode(kernel.Value, "kernel", 1));

    protected override FunctionLowering CreateFunctionLowering(FunctionDef f, LFunction llvm) =>
        new NvptxFunctionLowering(this, f, llvm);
}
