using Translate.Ir.Transformations;

namespace Translate.Ir.Passes;

/// <summary>Every pass by name: the one place a transformation gets the name pipelines and <c>translate opt</c> use.</summary>
public static class PassCatalog
{
    public static readonly Pass InlineSynchronizing = new("inline-synchronizing",
        "inline the calls of device functions that use barriers or warp collectives", Inliner.InlineSynchronizingCalls);

    public static readonly Pass InlineLoops = new("inline-loops",
        "inline the calls of device functions that hold loops, where the inliner can (for devices that run a block's threads as loops)",
        Inliner.InlineCallsHoldingLoops);

    public static readonly Pass UnreachableStatements = new("unreachable-statements",
        "drop statements no control flow reaches (after a return, break or continue)", Transformations.UnreachableStatements.Run);

    public static readonly Pass ArrayLoopUnrolling = new("unroll-array-loops",
        "fully unroll a kernel's short constant-count loops that index a local array by their counter",
        Transformations.ArrayLoopUnrolling.Run);

    public static readonly Pass ArrayScalars = new("array-scalars",
        "replace a kernel's local arrays indexed only by constants with one variable per element", Transformations.ArrayScalars.Run);

    public static readonly Pass SelectedAssignments = new("selected-assignments",
        "if-convert a kernel's ifs that only assign scalar variables from expressions that cannot fault",
        Transformations.SelectedAssignments.Run);

    public static readonly Pass ColumnBlocks = new("column-blocks",
        "add a twin of each kernel whose threads share nothing, running 16 blocks of a one-column launch side by side (for devices that run a block's threads as loops)",
        Transformations.ColumnBlocks.Run);

    public static readonly Pass GuardedTails = new("guarded-tails",
        "rewrite a kernel's trailing `if (c) { … }` holding a loop as `if (!c) return; …` (for devices that run a block's loops in lockstep)",
        Transformations.GuardedTails.Run);

    public static readonly Pass SynchronizingSwitches = new("synchronizing-switches",
        "rewrite switches holding barriers or warp collectives as ifs", Transformations.SynchronizingSwitches.Run);

    public static readonly Pass SynchronizingContinues = new("synchronizing-continues",
        "make the rest of a loop body the else arm of an if ending in continue, when that rest holds a barrier",
        Transformations.SynchronizingContinues.Run);

    public static readonly Pass DivergentBarriers = new("divergent-barriers",
        "run a kernel's branches and loops holding barriers that threads may take differently in step, the threads that left standing at the barriers as exited ones (NVIDIA GPUs' behaviour; TR0321 where threads part), when no barrier follows",
        Transformations.DivergentBarriers.Run);

    public static readonly Pass ExitedWorkItems = new("exited-work-items",
        "keep work-items that returned taking part in later barriers and collectives (flag and guards)", Transformations.ExitedWorkItems.Run);

    public static readonly Pass CollectiveIfConversion = new("collective-if-conversion",
        "if-convert branches holding warp collectives under thread-dependent conditions", Transformations.CollectiveIfConversion.Run);

    public static readonly Pass FlatBarriers = new("flat-barriers",
        "move plain barriers out of ifs, the arms' other statements under a predicate (PoCL compiles each if holding a barrier by replicating what follows)",
        Transformations.CollectiveIfConversion.FlattenBarriers);

    public static readonly Pass GridSyncFission = new("grid-sync-fission",
        "split kernels at grid barriers into one kernel per phase", module => Transformations.GridSyncFission.Run(module).Module);

    public static readonly Pass WorkGroupPreparation = new("work-group-preparation",
        "every barrier reached by every work-item: synchronizing switches and continues, exited work-items, if-conversion, inlining where needed",
        Transformations.WorkGroupPreparation.Run);

    public static IReadOnlyList<Pass> All { get; } =
    [
        InlineSynchronizing, InlineLoops, UnreachableStatements, ArrayLoopUnrolling, ArrayScalars, SelectedAssignments, GuardedTails, SynchronizingSwitches, ColumnBlocks,
        SynchronizingContinues, DivergentBarriers, ExitedWorkItems,
        CollectiveIfConversion, FlatBarriers, GridSyncFission, WorkGroupPreparation,
    ];

    public static Pass? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
