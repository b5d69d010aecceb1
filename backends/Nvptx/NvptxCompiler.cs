using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Backends.Nvptx;

/// <summary>
/// PTX for NVIDIA GPUs: IR → <see cref="NvptxModuleLowering"/> → LLVM verifier → <c>default&lt;O3&gt;</c>
/// → NVPTX target machine's assembly printer (the PTX text <c>cuModuleLoadDataEx</c> takes).
/// </summary>
public static class NvptxCompiler
{
    public const string Triple = "nvptx64-nvidia-cuda";

    /// <summary>The architecture used when none is named (Volta: the oldest with independent thread scheduling).</summary>
    public const string DefaultArch = "sm_70";

    /// <summary>The architectures accepted by <c>--arch</c>.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["sm_60", "sm_61", "sm_62", "sm_70", "sm_72", "sm_75", "sm_80", "sm_86", "sm_87", "sm_89", "sm_90"];

    /// <summary>The program's kernels and the device functions they call, as PTX text for <paramref name="arch"/>.</summary>
    public static string EmitPtx(CheckedModule program, string arch = DefaultArch)
    {
        if (!Architectures.Contains(arch))
            throw new DiagnosticException(new Diagnostic(GpuCodes.BadArch, new SourceLocation(program.Module.File, 1, 1),
                $"'{arch}' is not an NVIDIA architecture this backend targets ({string.Join(", ", Architectures)})"));
        using var context = new LlvmContext();
        using var machine = LlvmTargetMachine.ForGpu(Triple, arch, "+ptx" + PtxVersion(arch));
        using var lowering = new NvptxModuleLowering(program, context, machine);
        lowering.Build();
        lowering.Optimize();
        return machine.EmitAssembly(lowering.Module);
    }

    /// <summary>
    /// The PTX ISA version written for <paramref name="arch"/> (times ten): the first that has both the
    /// architecture and every instruction we use (<c>shfl.sync</c>, <c>vote.sync</c>, <c>activemask</c> need
    /// 6.2+). LLVM would otherwise write 6.0, too old for sm_75+ and for <c>activemask</c>.
    /// </summary>
    public static int PtxVersion(string arch) => arch switch
    {
        "sm_80" => 70, "sm_86" => 71, "sm_87" => 74, "sm_89" or "sm_90" => 78, _ => 63,
    };

    /// <summary>The unoptimized LLVM IR handed to the NVPTX backend (for inspection and tests).</summary>
    public static string EmitLlvmText(CheckedModule program, string arch = DefaultArch)
    {
        using var context = new LlvmContext();
        using var machine = LlvmTargetMachine.ForGpu(Triple, arch, "+ptx" + PtxVersion(arch));
        using var lowering = new NvptxModuleLowering(program, context, machine);
        lowering.Build();
        return lowering.Module.Print();
    }
}
