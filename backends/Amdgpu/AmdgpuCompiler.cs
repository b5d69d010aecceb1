using System.Diagnostics;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Backends.Amdgpu;

/// <summary>
/// AMD GPU code objects: IR → <see cref="AmdgpuModuleLowering"/> → LLVM verifier → <c>default&lt;O3&gt;</c>
/// → AMDGPU object file → <c>ld.lld-19 -shared</c> (the linked ELF HIP's module loader takes).
/// gfx10+ is compiled wave32 so a CUDA warp is a wavefront; gfx9 is wave64 and warps are its halves.
/// </summary>
public static class AmdgpuCompiler
{
    public const string Triple = "amdgcn-amd-amdhsa";
    public const string DefaultArch = "gfx90a";
    public const string Linker = "ld.lld-19";

    /// <summary>The architectures accepted by <c>--arch</c>.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["gfx908", "gfx90a", "gfx940", "gfx942", "gfx1030", "gfx1100", "gfx1101", "gfx1102"];

    /// <summary>Whether <paramref name="arch"/> runs 64-lane wavefronts here (gfx9), not wave32.</summary>
    public static bool IsWave64(string arch) => arch.StartsWith("gfx9", StringComparison.Ordinal);

    /// <summary>Where ld.lld-19 is, or null when it is not installed (Debian package lld-19).</summary>
    public static string? FindLinker() =>
        new[] { "/usr/bin/" + Linker, "/usr/lib/llvm-19/bin/ld.lld" }.FirstOrDefault(File.Exists);

    /// <summary>Writes the linked code object (a shared ELF, one <c>.kd</c> descriptor per kernel) to <paramref name="path"/>.</summary>
    public static void EmitCodeObject(CheckedModule program, string arch, string path)
    {
        var linker = FindLinker() ?? throw Fail(program, GpuCodes.Unsupported,
            $"{Linker} is not installed (Debian package lld-19): it links the AMDGPU object into a loadable code object");
        var obj = path + ".o";
        try
        {
            EmitRelocatableObject(program, arch, obj);
            var psi = new ProcessStartInfo(linker, ["-shared", "-o", path, obj]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            string errors = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new LlvmException($"{Linker} failed: {errors}");
        }
        finally { File.Delete(obj); }
    }

    /// <summary>Writes the unlinked AMDGPU object file (relocatable ELF).</summary>
    public static void EmitRelocatableObject(CheckedModule program, string arch, string path)
    {
        using var context = new LlvmContext();
        using var machine = Machine(program, arch);
        using var lowering = new AmdgpuModuleLowering(program, context, machine, IsWave64(arch));
        lowering.Build();
        lowering.Optimize();
        machine.EmitObject(lowering.Module, path);
    }

    /// <summary>The AMDGPU assembly (for inspection and tests).</summary>
    public static string EmitAssembly(CheckedModule program, string arch = DefaultArch)
    {
        using var context = new LlvmContext();
        using var machine = Machine(program, arch);
        using var lowering = new AmdgpuModuleLowering(program, context, machine, IsWave64(arch));
        lowering.Build();
        lowering.Optimize();
        return machine.EmitAssembly(lowering.Module);
    }

    private static LlvmTargetMachine Machine(CheckedModule program, string arch)
    {
        if (!Architectures.Contains(arch))
            throw Fail(program, GpuCodes.BadArch, $"'{arch}' is not an AMD architecture this backend targets ({string.Join(", ", Architectures)})");
        return LlvmTargetMachine.ForGpu(Triple, arch, IsWave64(arch) ? "+wavefrontsize64" : "+wavefrontsize32");
    }

    private static DiagnosticException Fail(CheckedModule program, DiagnosticCode code, string message) =>
        new(new Diagnostic(code, new SourceLocation(program.Module.File, 1, 1), message));
}
