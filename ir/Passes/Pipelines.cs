namespace Translate.Ir.Passes;

/// <summary>
/// The passes each target runs before it emits code, declared here once; the backends run these lists and
/// <c>translate opt --pipeline NAME</c> shows what they see. (LLVM's own optimization pipelines, after our lowering,
/// are the LLVM backends' business.)
/// </summary>
public static class Pipelines
{
    /// <summary>
    /// The cpu device, for whole programs and build mode's kernels alike: barrier regions are split in kernel bodies only,
    /// through structured control flow, so device functions that synchronize are inlined, statements no control flow
    /// reaches are dropped (a collective after a <c>break</c> would split a region there), and switches holding barriers
    /// become ifs. Device functions holding loops are inlined too, so their loops run in lockstep across the block's
    /// threads (vectorized) instead of once per thread in a call; for the same reason a kernel's trailing
    /// <c>if (i &lt; n) { … loop … }</c> becomes <c>if (!(i &lt; n)) return; …</c>, and local arrays indexed by constants
    /// (after short loops over them are unrolled) become scalars and ifs that only assign scalars become selects: a
    /// per-thread array in memory, or a branch LLVM turns into a switch, keeps a thread loop or lockstep round scalar.
    /// Barriers some threads skip (a loop whose trip count is the thread's, under <c>if (i &lt; n)</c>) run as on NVIDIA GPUs
    /// where nothing follows them. Last, kernels whose threads share nothing get a twin that runs one-column blocks side by side.
    /// </summary>
    public static readonly Pipeline Cpu = new("cpu",
        [PassCatalog.InlineSynchronizing, PassCatalog.InlineLoops, PassCatalog.UnreachableStatements, PassCatalog.ArrayLoopUnrolling,
            PassCatalog.ArrayScalars, PassCatalog.SelectedAssignments, PassCatalog.GuardedTails, PassCatalog.SynchronizingSwitches,
            PassCatalog.DivergentBarriers, PassCatalog.ColumnBlocks]);

    /// <summary>The cpu device under <c>--check</c>: as <see cref="Cpu"/>, but a barrier some threads skip stays the error (TR0307) CUDA's
    /// rules make it, as on the interpreter.</summary>
    public static readonly Pipeline CpuChecked = new("cpu-check", Cpu.Passes.Where(p => p != PassCatalog.DivergentBarriers).ToList());

    /// <summary>
    /// What OpenCL C and SPIR-V need after grid barriers are split: each barrier reached by every work-item of a group.
    /// The emitters run <see cref="PassCatalog.GridSyncFission"/>'s transformation themselves first (they also need its
    /// phases and refusals), then this.
    /// </summary>
    public static readonly Pipeline WorkGroupBarriers = new("work-group-barriers",
        [PassCatalog.WorkGroupPreparation, PassCatalog.FlatBarriers]);

    /// <summary>OpenCL C and SPIR-V (the same list): grid barriers split, then work-group barriers.</summary>
    public static readonly Pipeline OpenCl = new("opencl",
        [PassCatalog.GridSyncFission, .. WorkGroupBarriers.Passes]);

    public static IReadOnlyList<Pipeline> All { get; } = [Cpu, CpuChecked, OpenCl, WorkGroupBarriers];

    public static Pipeline? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
