using Translate.Backends.Cpu;
using Translate.Backends.OpenCl;
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
        new("llvm", ".ll", "LLVM IR text for the cpu device (x86-64, optimized)", Text: m => CpuCompiler.EmitLlvmText(m)),
        new("x86", ".o", "x86-64 object file for the cpu device", File: CpuCompiler.EmitObject),
        new("opencl", ".cl", "OpenCL C 1.2 of the kernels and the device functions they call", Text: OpenClEmitter.Emit),
        // Plug-in spots for the GPU backends being built on other branches (one line each):
        //   new("ptx", ".ptx", "NVIDIA PTX", Text: m => NvptxCompiler.EmitPtx(m, "sm_70")),
        //   new("amdgcn", ".hsaco", "AMD GPU code object", File: (m, path) => AmdgpuCompiler.EmitCodeObject(m, "gfx90a", path)),
        //   new("spirv", ".spv", "SPIR-V for OpenCL/Vulkan", File: (m, path) => File.WriteAllBytes(path, SpirVWriter.Emit(m))),
    ];

    public static CompileTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    public static string Names => string.Join(", ", All.Select(t => t.Name));
}
