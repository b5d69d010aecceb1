using Translate.Backends.Amdgpu;
using Translate.Backends.Nvptx;
using Translate.Backends.SpirV;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;

namespace Translate.Fuzz.Differential;

/// <summary>
/// A target no device here runs, checked statically: the program is compiled for it and what comes out is checked by the
/// target's own validator (spirv-val for SPIR-V; LLVM's module verifier, which the PTX and AMDGPU backends run before
/// code generation). A crash, a verifier or validator complaint, or a diagnostic that is not a refusal is a finding.
/// </summary>
public sealed record TargetCheck(string Name, Func<CheckedModule, string?> Compile, Func<string?> Unavailable)
{
    /// <summary>The targets checked by default: SPIR-V, PTX and AMDGPU.</summary>
    public static IReadOnlyList<TargetCheck> All { get; } =
    [
        new("spirv", m =>
        {
            var binary = SpirVWriter.Emit(m);
            return SpirVValidator.Missing is null ? SpirVValidator.Validate(binary) : null;
        }, () => null),
        new("ptx", m => { NvptxCompiler.EmitPtx(m); return null; }, () => null),
        new("amdgcn", m =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"translate-fuzz-{Guid.NewGuid():N}.hsaco");
            try { AmdgpuCompiler.EmitCodeObject(m, AmdgpuCompiler.DefaultArch, path); }
            finally { File.Delete(path); }
            return null;
        }, () => AmdgpuCompiler.FindLinker() is null ? $"{AmdgpuCompiler.Linker} is not installed" : null),
    ];

    public static TargetCheck Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"no target named '{name}' ({string.Join(", ", All.Select(t => t.Name))})");

    /// <summary>The check's result in the shape of a device run: Completed when the output is valid.</summary>
    public DeviceRun Of(CheckedModule program)
    {
        try
        {
            return Compile(program) is { } complaint
                ? new DeviceRun(Name, RunEnd.Rejected, "", 1, complaint) { Code = "validator" }
                : new DeviceRun(Name, RunEnd.Completed, "", 0, "");
        }
        catch (DiagnosticException e)
        {
            return new DeviceRun(Name, RunEnd.Diagnostic, "", 1, e.Message) { Code = e.Diagnostics.FirstOrDefault()?.Code.Id };
        }
        catch (Exception e)
        {
            return new DeviceRun(Name, RunEnd.Crash, "", 1, e.ToString()) { Code = e.GetType().Name };
        }
    }
}
