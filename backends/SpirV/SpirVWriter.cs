using Translate.Ir.Passes;
using Translate.Backends.SpirV.Emission;
using Translate.Ir.Analysis;
using Translate.Ir.Transformations;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Backends.SpirV;

/// <summary>What <see cref="SpirVWriter.Compile"/> gives: the module's words as bytes (empty when there are errors) and the diagnostics.</summary>
public sealed record SpirVProgram(byte[] Binary, IReadOnlyList<string> Kernels, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Writes a checked module's kernels, and the device functions they call, as one SPIR-V 1.0 module of the
/// OpenCL (Kernel) flavour: Physical64 addressing, the OpenCL memory model, pointers in the storage class
/// <see cref="AddressSpaceInference"/> gives them (device functions cloned per combination), built-ins as
/// Input variables, OpenCL.std for math and printf. A kernel using something not lowered yet gives a
/// TR07xx diagnostic and no module, never a module that would be invalid or wrong.
/// </summary>
public static class SpirVWriter
{
    /// <summary>The SPIR-V binary for <c>translate compile --target spirv</c>; throws <see cref="DiagnosticException"/> on errors.</summary>
    public static byte[] Emit(CheckedModule module)
    {
        var program = Compile(module);
        if (program.HasErrors) throw new DiagnosticException(program.Diagnostics);
        return program.Binary;
    }

    /// <summary>Compiles the module; problems are in <see cref="SpirVProgram.Diagnostics"/>.</summary>
    public static SpirVProgram Compile(CheckedModule module)
    {
        // No barrier across work-groups: a kernel with grid barriers becomes one kernel per stretch between them, run in
        // order over the grid, as on the OpenCL C target (GridSyncFission: NAME__grid_phaseK, a spill buffer).
        var fission = GridSyncFission.Run(module);
        // Every work-item must reach each barrier: returned ones are kept at later barriers, and branches
        // holding warp collectives under a thread-dependent condition are if-converted.
        module = Pipelines.WorkGroupBarriers.Run(fission.Module);
        var plan = AddressSpaceInference.Run(module);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(plan.Diagnostics);
        foreach (var r in plan.Recursive)
            diagnostics.Add(Codes.SpirVUnsupported, r.Function.Location,
                $"'{r.Function.Name}' calls itself (directly or through other functions): OpenCL's SPIR-V environment forbids recursion");
        foreach (var (at, message) in fission.RefusalMessages("SPIR-V for OpenCL")) diagnostics.Add(Codes.SpirVUnsupported, at, message);
        // Barriers, and the warp collectives built on them, must be reached by the whole work-group.
        diagnostics.AddRange(WorkGroupUniformity.Check(module));
        var ctx = new ModuleContext(module, plan);
        // A split kernel runs as its phases; its own (emptied) definition is not emitted.
        var instances = plan.Instances.Where(i => !fission.IsSplit(i.Function)).ToList();
        foreach (var inst in instances) ctx.FunctionIds[inst] = ctx.Builder.NewId();
        foreach (var inst in instances)
        {
            try { new FunctionEmitter(ctx, inst).Emit(); }
            catch (SpirVLocatedException ex) { diagnostics.Add(Codes.SpirVUnsupported, ex.Location, $"in '{inst.Name}': {ex.Message}"); }
            catch (SpirVUnsupported ex) { diagnostics.Add(Codes.SpirVUnsupported, inst.Function.Location, $"in '{inst.Name}': {ex.Message}"); }
        }
        var kernels = plan.Kernels.Where(k => !fission.IsSplit(k.Function)).Select(k => k.Name).ToList();
        if (diagnostics.HasErrors) return new SpirVProgram([], kernels, diagnostics.Items);
        return new SpirVProgram(ctx.Builder.ToBytes(ctx.BuiltIns.Values.ToList()), kernels, diagnostics.Items);
    }
}
