using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// How a kernel split at its grid barriers runs: its phase kernels one after another over the same grid, all
/// given the launch's arguments plus a spill buffer (<see cref="GridSyncFission.SpillParameter"/>) of
/// <see cref="SpillBytes"/> and the launch's dynamic shared byte count (<see cref="GridSyncFission.DynamicSharedParameter"/>).
/// </summary>
public sealed record GridPhasePlan(string Kernel, IReadOnlyList<string> Phases, long BytesPerThread, long StaticSharedBytesPerBlock,
    bool SavesDynamicShared, SourceLocation FirstGridSync)
{
    /// <summary>Per thread the variables living across a grid barrier, then per block the shared memory that does.</summary>
    public long SpillBytes(long blocks, long threadsPerBlock, long dynamicSharedBytes) =>
        blocks * threadsPerBlock * BytesPerThread + blocks * (StaticSharedBytesPerBlock + (SavesDynamicShared ? dynamicSharedBytes : 0));
}

/// <summary>
/// The module with split kernels in place, and how to launch each; for each kernel with grid barriers that could
/// not be split, where its first grid barrier is and why.
/// </summary>
public sealed record GridSyncFissionResult(CheckedModule Module, IReadOnlyDictionary<string, GridPhasePlan> Plans,
    IReadOnlyDictionary<string, (SourceLocation At, string Why)> Refusals)
{
    /// <summary>A kernel that runs as its phases: its own (emptied) definition is not emitted.</summary>
    public bool IsSplit(FunctionDef f) => f.IsKernel && Plans.ContainsKey(f.Name);

    /// <summary>Each kernel that could not be split, with the message a target without grid barriers (<paramref name="target"/>) reports.</summary>
    public IEnumerable<(SourceLocation At, string Message)> RefusalMessages(string target) =>
        Refusals.Select(r => (r.Value.At, $"grid synchronization (grid.sync()) in kernel '{r.Key}': {target} has no barrier across work-groups, " +
            $"so such a kernel runs as one kernel per stretch between its grid barriers; this one cannot be split: {r.Value.Why}"));
}

/// <summary>
/// Grid barriers for targets without one (OpenCL: no barrier across work-groups, no promise that all of them are
/// resident). A kernel whose <c>grid.sync()</c>s sit at the top level of its body (after synchronizing device
/// functions are inlined) becomes one kernel per stretch between them, launched in order: the end of a kernel
/// is a barrier for the whole grid. What lives across a grid barrier is kept in a spill buffer: each thread's
/// variables used on both sides, and each block's shared variables used on both sides (CUDA keeps shared memory
/// through <c>grid.sync()</c>), copied out after a block barrier and back in before one.
/// <para>
/// A kernel is left whole — and the target reports its grid barrier — when a grid barrier is inside a branch or
/// loop (the phases would need the host to decide the control flow), when a thread may return before the last
/// grid barrier, or when a value crossing one cannot be kept in global memory: a local array, a pointer that
/// may point at shared or private memory (another kernel's shared memory is not the same).
/// </para>
/// </summary>
public static class GridSyncFission
{
    internal const string Prefix = "__grid_";
    public const string SpillParameter = Prefix + "spill";
    public const string DynamicSharedParameter = Prefix + "dynamic_shared";

    public static GridSyncFissionResult Run(CheckedModule module)
    {
        var plans = new Dictionary<string, GridPhasePlan>();
        var refusals = new Dictionary<string, (SourceLocation, string)>();
        var users = IrTraversal.FunctionsUsing(module.Module.Functions.Where(f => f.Body is not null), e => e is GridSyncExpr);
        if (!module.Kernels.Any(users.Contains)) return new(module, plans, refusals);
        CheckedModule inlined;
        try { inlined = Inliner.InlineSynchronizingCalls(module); }
        catch (DiagnosticException) { return new(module, plans, refusals); }

        var phases = new Dictionary<string, List<FunctionDef>>();
        foreach (var k in inlined.Kernels)
        {
            if (!users.Any(u => u.Name == k.Name && u.IsKernel) || k.Body is null) continue;
            var split = new GridSyncSplit(k, inlined);
            if (split.Split() is { } done)
            {
                plans[k.Name] = done.Plan;
                phases[k.Name] = done.Phases;
            }
            else refusals[k.Name] = (FirstGridSync(k), split.Refusal ?? "it could not be split");
        }
        if (plans.Count == 0) return new(module, plans, refusals);

        // The split kernels' phases follow them; each original stays, emptied, for host code launching it by name (the
        // target emits the phases in its place). Everything else stays as it was (not inlined).
        var definitions = new List<Definition>();
        foreach (var d in module.Module.Definitions)
        {
            if (d is FunctionDef { IsKernel: true } k && phases.TryGetValue(k.Name, out var list))
            {
                definitions.Add(new FunctionDef(k.Location, k.Kind, k.Name, k.ReturnType, k.Parameters, new Block(k.Location, [])));
                definitions.AddRange(list);
            }
            else definitions.Add(d);
        }
        var rewritten = new IrModule(module.Module.File, definitions) { Head = module.Module.Head };
        try
        {
            return new(Rebuild.Checked(rewritten, module), plans, refusals);
        }
        catch (DiagnosticException e)
        {
            // A split this pass should not have made (e.g. two declarations it put side by side): the kernels stay whole,
            // and the target reports their grid barriers with the reason.
            foreach (var k in plans.Keys)
                refusals[k] = (plans[k].FirstGridSync, $"the split kernels did not check ({e.Diagnostics[0].Message})");
            return new(module, new Dictionary<string, GridPhasePlan>(), refusals);
        }
    }

    /// <summary>The source place of the first grid barrier of <paramref name="kernel"/>: the last <c>loc</c> before it in the
    /// kernel's own source file (its first <c>loc</c>'s: an IR module read back names itself in the kernel's location), so
    /// an inlined <c>grid.sync()</c> names the user's call, not the header's body (cooperative_groups.h); else the last
    /// <c>loc</c> before it.</summary>
    internal static SourceLocation FirstGridSync(FunctionDef kernel)
    {
        SourceLocation at = SourceLocation.None, inKernelFile = SourceLocation.None;
        string? file = null;
        foreach (var s in IrTraversal.Statements(kernel.Body!))
        {
            if (s is LocStmt l)
            {
                at = l.Source;
                file ??= l.Source.File;
                if (l.Source.File == file) inKernelFile = l.Source;
            }
            else if (IrTraversal.TopExpressions(s).SelectMany(IrTraversal.Descendants).FirstOrDefault(x => x is GridSyncExpr) is { } g)
                return !inKernelFile.IsNone ? inKernelFile : at.IsNone ? g.Location : at;
        }
        return at;
    }
}

/// <summary>A kernel's phases and how to launch them.</summary>
internal sealed record GridSyncSplitResult(GridPhasePlan Plan, List<FunctionDef> Phases);
