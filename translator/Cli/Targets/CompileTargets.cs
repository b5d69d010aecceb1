using Translate.Backends.Amdgpu;
using Translate.Backends.Cpu;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Nvptx;
using Translate.Backends.OpenCl;
using Translate.Backends.SpirV;
using Translate.Ir.Printing;

namespace Translate.Cli.Targets;

/// <summary>
/// Every target <c>compile</c> and <c>migrate</c> know, in the order help lists them. Adding a backend is one
/// entry here; both commands, their help and their usage errors pick it up.
/// </summary>
internal static class CompileTargets
{
    public static IReadOnlyList<CompileTarget> All { get; } =
    [
        new("lisp", ".lisp", "the readable IR (llama.lisp), as 'lift' prints it", Text: m => IrPrinter.Print(m.Module)),
        Llvm(null),
        X86(null),
        new("opencl", ".cl", "OpenCL C 1.2 of the kernels and the device functions they call", Text: OpenClEmitter.Emit),
        Ptx(NvptxCompiler.DefaultArch),
        Amdgcn(AmdgpuCompiler.DefaultArch),
        new("spirv", ".spv", "SPIR-V (OpenCL Kernel flavour) of the kernels", File: (m, path) => System.IO.File.WriteAllBytes(path, SpirVWriter.Emit(m))),
        new("spirv-text", ".spvasm", "the same SPIR-V as readable text", Text: m => SpirVText.Format(SpirVWriter.Emit(m))),
    ];

    private static CompileTarget Llvm(BlockShape? shape) =>
        new("llvm", ".ll", "LLVM IR text for the cpu device (x86-64, optimized)", Text: m => CpuCompiler.EmitLlvmText(m, shape: shape),
            ForBlock: s => Llvm(s));

    private static CompileTarget X86(BlockShape? shape) =>
        new("x86", ".o", "x86-64 object file for the cpu device", File: (m, path) => CpuCompiler.EmitObject(m, path, shape),
            ForBlock: s => X86(s));

    private static CompileTarget Ptx(string arch) =>
        new("ptx", ".ptx", $"NVIDIA PTX (--arch sm_60 … sm_90, default {NvptxCompiler.DefaultArch})", Text: m => NvptxCompiler.EmitPtx(m, arch),
            Architectures: NvptxCompiler.Architectures, ForArch: Ptx);

    private static CompileTarget Amdgcn(string arch) =>
        new("amdgcn", ".hsaco", $"AMD GPU code object (--arch gfx908 … gfx1102, default {AmdgpuCompiler.DefaultArch})",
            File: (m, path) => AmdgpuCompiler.EmitCodeObject(m, arch, path), Architectures: AmdgpuCompiler.Architectures, ForArch: Amdgcn);

    public static CompileTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    public static string Names => string.Join(", ", All.Select(t => t.Name));
}
