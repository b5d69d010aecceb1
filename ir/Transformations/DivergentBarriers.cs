using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Gives a barrier that only some threads of a block reach the meaning NVIDIA GPUs give it, for the devices that run a
/// block's threads in step (cpu) or need every work-item at each barrier (OpenCL). CUDA calls such a barrier undefined;
/// on NVIDIA GPUs it waits for the threads that have not exited (PTX ISA, <c>barrier</c>), so code such as HeCBench's
/// wyllie — <c>if (i &lt; n) { while (data-dependent) { …; __syncthreads(); … } }</c> — works there: the threads that left
/// the loop go on, exit, and no longer hold the barrier up. Where no barrier or warp collective follows the construct in
/// the kernel (so the threads that left it meet none before they exit), it is run in step by the whole block: an if's
/// arms under predicates, a loop while <c>syncthreads-or</c> of "still iterating" holds, each barrier reached by every
/// thread — the ones that left standing at it as exited threads would. A thread that passes a barrier while outside the
/// branch or loop that holds it, with some thread inside, reports warning TR0321 naming the branch or loop (once per run).
/// <para>
/// The interpreter and the cpu device's <c>--check</c> keep reporting TR0307 for the same code (the interpreter only where
/// a thread waits at a different barrier: its threads that exited do not hold a barrier up either). Loops left by
/// <c>return</c>, and constructs some barrier follows, are left as they are (TR0307 on cpu when threads disagree).
/// </para>
/// </summary>
public static class DivergentBarriers
{
    public static CheckedModule Run(CheckedModule program)
    {
        // Most modules synchronize nowhere: they skip the uniformity analysis (this runs for every cpu compilation).
        var synchronizing = IrTraversal.FunctionsUsing(program.Module.Functions.Where(f => !f.IsDeclaration), Inliner.Synchronizes);
        if (synchronizing.Count == 0) return program;
        var analysis = WorkGroupUniformity.Analyze(program);
        if (!HasDivergentBarrier(analysis, synchronizing)) return program;
        CheckedModule inlined;
        try { inlined = Inliner.InlineSynchronizingCalls(program); }
        catch (DiagnosticException) { return program; }
        if (!ReferenceEquals(inlined, program)) analysis = WorkGroupUniformity.Analyze(inlined);
        var run = new IfConversionRun(inlined, analysis.DivergentLoops, IfConversionMode.DivergentBarriers, analysis.DivergentIfs);
        var module = run.Rewrite();
        return run.Changed ? Rebuild.Checked(module, program) : program;
    }

    /// <summary>Whether some branch or loop threads may take differently holds a barrier or a call of a function that synchronizes.</summary>
    private static bool HasDivergentBarrier(UniformityAnalysis analysis, HashSet<FunctionDef> synchronizing)
    {
        bool Holds(Stmt s) => IrTraversal.Descendants(s).Any(e =>
            e is BarrierExpr || e is CallExpr { Target.Function: { } f } && synchronizing.Contains(f));
        return analysis.DivergentIfs.Any(Holds) || analysis.LoopsWithDivergentTrips.Any(Holds);
    }
}
