using Translate.Ir.Passes;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Kernels;
using Translate.Backends.Cpu.Lowering;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Transformations;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu;

/// <summary>
/// The cpu device's compiler as an API: whole programs to LLVM IR text or an x86-64 object file
/// (kernels as block functions with block dimensions read at run time). The pipeline, in order:
/// IR → <see cref="CpuModuleLowering"/> (barrier regions, warp collapsing, runtime calls) → LLVM
/// verifier → <see cref="KernelPipeline"/> → machine code.
/// </summary>
public static class CpuCompiler
{
    /// <summary>
    /// The pipeline of the host module (main and the functions host code calls): set-up and checking
    /// code, run once, where compile time matters more than the last few percent of speed.
    /// </summary>
    public const string HostPipeline = "default<O1>";

    /// <summary>
    /// LLVM IR text of the whole program (optimized unless <paramref name="optimize"/> is false), its kernels for
    /// any block shape or, given <paramref name="shape"/>, specialized on it as the cpu device runs them.
    /// </summary>
    public static string EmitLlvmText(CheckedModule program, bool optimize = true, CpuCompileOptions? options = null, BlockShape? shape = null)
    {
        using var context = new LlvmContext();
        using var machine = LlvmTargetMachine.Host();
        using var lowering = BuildWhole(program, context, machine, optimize, options ?? CpuCompileOptions.Default, shape);
        return lowering.Module.Print();
    }

    /// <summary>Writes the whole program as an x86-64 object file, its kernels for any block shape or specialized on <paramref name="shape"/>.</summary>
    public static void EmitObject(CheckedModule program, string path, BlockShape? shape = null)
    {
        using var context = new LlvmContext();
        using var machine = LlvmTargetMachine.Host();
        using var lowering = BuildWhole(program, context, machine, optimize: true, CpuCompileOptions.Default, shape);
        machine.EmitObject(lowering.Module, path);
    }

    private static CpuModuleLowering BuildWhole(CheckedModule program, LlvmContext context, LlvmTargetMachine machine, bool optimize, CpuCompileOptions options,
        BlockShape? shape = null)
    {
        program = options.Passes.Run(program);
        var contents = new CpuModuleContents(true, program.Kernels.Select(k => (k, shape)).ToList());
        var lowering = new CpuModuleLowering(program, context, program.Module.File, contents, new FailureTable(), options);
        lowering.Module.SetTarget(machine.Triple, machine.DataLayout);
        lowering.Build();
        Verify(lowering.Module);
        if (optimize) Optimize(lowering.Module, machine, options, shape: shape);
        else ApplyFloatMode(lowering.Module, options);
        return lowering;
    }

    /// <summary>The floating-point licence of relaxed mode: FMA contraction and reassociation (NaN, infinity and signed-zero rules kept).</summary>
    public const FastMathFlags RelaxedFlags = FastMathFlags.AllowContract | FastMathFlags.AllowReassoc;

    /// <summary>
    /// Optimizes a verified module: relaxed floating point first (when chosen), then <see cref="HostPipeline"/> for the
    /// host module or the kernel pipeline for <paramref name="shape"/> (<see cref="KernelPipeline.For"/>).
    /// </summary>
    public static void Optimize(LlvmModule module, LlvmTargetMachine machine, CpuCompileOptions options, bool host = false, BlockShape? shape = null)
    {
        ApplyFloatMode(module, options);
        module.RunPasses(host ? HostPipeline : KernelPipeline.For(shape), machine);
    }

    /// <summary>Relaxed mode: <see cref="RelaxedFlags"/> on every float operation (strict: the lowering's exact IEEE operations stay as they are).</summary>
    private static void ApplyFloatMode(LlvmModule module, CpuCompileOptions options)
    {
        if (options.Float == FloatMode.Relaxed) module.SetFastMathFlags(RelaxedFlags);
    }

    /// <summary>Throws when LLVM's verifier rejects the module (a bug in the lowering, never in the user's program).</summary>
    public static void Verify(LlvmModule module)
    {
        if (module.Verify() is { } report)
            throw new LlvmException("the lowered module does not verify:\n" + report);
    }
}
