using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Backends.Llvm.Lowering;
using Translate.DeviceContract;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.Amdgpu;

/// <summary>
/// A program's device code for <c>amdgcn-amd-amdhsa</c>: kernels use the <c>amdgpu_kernel</c> calling
/// convention (so each gets a <c>.kd</c> kernel descriptor), globals live in address space 1, shared
/// variables in LDS (address space 3), locals in scratch (address space 5).
/// </summary>
internal sealed class AmdgpuModuleLowering(CheckedModule program, LlvmContext context, LlvmTargetMachine machine, bool wave64)
    : GpuModuleLowering(program, context, machine)
{
    private const uint AmdgpuKernelCallingConvention = 91;
    private LValue _barrierCounter;

    /// <summary>True on gfx9 (64-lane wavefronts, CUDA warps are its halves); false on gfx10+ compiled wave32.</summary>
    public bool Wave64 { get; } = wave64;

    protected override uint GlobalAddressSpace => 1;

    /// <summary>Device printf (buffered, as ROCm prints it).</summary>
    public AmdgpuPrintf Printf => _printf ??= new AmdgpuPrintf(Module, Context);
    private AmdgpuPrintf? _printf;

    protected override void MarkKernel(LFunction kernel)
    {
        LlvmModule.SetCallingConvention(kernel, AmdgpuKernelCallingConvention);
        // A block has up to CUDA's limit of threads.
        Module.AddFunctionAttribute(kernel, "amdgpu-flat-work-group-size", $"1,{CudaLimits.MaxThreadsPerBlock}");
    }

    /// <summary>The LDS word __syncthreads_count/and/or count in.</summary>
    public LValue BarrierCounter()
    {
        if (!_barrierCounter.IsNull) return _barrierCounter;
        _barrierCounter = Module.AddGlobalIn("__trg_barrier_counter", Context.I32, SharedSpace);
        LlvmModule.SetLinkage(_barrierCounter, Linkage.Internal);
        LlvmModule.SetInitializer(_barrierCounter, LlvmContext.Undef(Context.I32));
        LlvmModule.SetAlignment(_barrierCounter, 4);
        return _barrierCounter;
    }

    protected override FunctionLowering CreateFunctionLowering(FunctionDef f, LFunction llvm) =>
        new AmdgpuFunctionLowering(this, f, llvm);
}
