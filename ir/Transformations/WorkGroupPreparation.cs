using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// The rewrites targets need before emission when their barriers must be reached by every work-item
/// of a group (OpenCL C and SPIR-V): switches holding barriers or collectives rewritten as ifs
/// (<see cref="SynchronizingSwitches"/>), continues past barriers made else arms (<see cref="SynchronizingContinues"/>), barriers some
/// work-items skip with nothing after them run in step (<see cref="DivergentBarriers"/>), returned work-items kept at later barriers
/// (<see cref="ExitedWorkItems"/>), then warp collectives under thread-dependent conditions if-converted
/// (<see cref="CollectiveIfConversion"/>, which also converts the collectives the first left under
/// <c>!__exited</c>). Where a collective is still not reached by all because it is inside a device function
/// that writes memory (the if-conversion runs a call for every work-item only when it writes nothing),
/// synchronizing functions are inlined and the conversion tried again on their statements.
/// </summary>
public static class WorkGroupPreparation
{
    public static CheckedModule Run(CheckedModule module)
    {
        // Switches holding barriers or collectives become ifs first: the two rewrites below work on ifs, and PoCL 3.1
        // miscompiles a switch with a barrier in one case (the default arm's store did not run: barrierInOneArm.cu).
        module = SynchronizingSwitches.Run(module);
        // A continue past the body's barriers becomes an else arm holding them: PoCL 3.1 lost them in every work-item.
        module = SynchronizingContinues.Run(module);
        // Barriers only some threads reach, with nothing after them: run in step, the others standing at them as exited threads.
        module = DivergentBarriers.Run(module);
        // The common case, a module every work-item runs through alike, is checked once here and left as it is.
        if (WorkGroupUniformity.Check(module).Count == 0) return module;
        var prepared = CollectiveIfConversion.Run(ExitedWorkItems.Run(module));
        int left = Divergent(prepared);
        if (left == 0) return prepared;
        CheckedModule inlined;
        try { inlined = Inliner.InlineSynchronizingCalls(prepared); }
        catch (DiagnosticException) { return prepared; }
        if (ReferenceEquals(inlined, prepared)) return prepared;
        var again = CollectiveIfConversion.Run(SynchronizingSwitches.Run(inlined));
        return Divergent(again) < left ? again : prepared;
    }

    private static int Divergent(CheckedModule module) => WorkGroupUniformity.Check(module).Count(d => d.Code == Codes.DivergentCollective);
}
