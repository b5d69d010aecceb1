using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// Loops the block runs in lockstep: one round of the loop per thread loop, instead of each thread running its
/// whole loop before the next thread starts. Threads of a block are concurrent in CUDA, so any interleaving is
/// one they could have had; this one keeps the innermost loop over threads, which is what LLVM vectorizes,
/// and keeps neighbouring threads on neighbouring addresses (a grid-stride loop run thread by thread reads
/// with a stride of the whole grid; a per-thread chain of dependent operations cannot use SIMD lanes).
/// A chosen loop is lowered like a loop around a barrier (KernelLowering.SyncLoopOf) except that threads may
/// disagree on its condition: a thread whose condition is false leaves the loop as with a `break`.
/// </summary>
internal static class LockstepLoops
{
    /// <summary>
    /// The loops to run in lockstep: loops with no barrier or warp operation in them (those are split already,
    /// and warp operations need the lane machinery) that stand where the lowering already runs statements once
    /// per block — in the kernel's body, in chosen or barrier loops, and in ifs that split (a barrier inside) or
    /// whose condition every thread computes alike. A loop under an `if` threads may disagree on stays per thread.
    /// </summary>
    public static HashSet<Stmt> Select(FunctionDef kernel, Func<Node, bool> hasBarrier, Func<Node, bool> hasCollective)
    {
        var invariant = UniformVariables.InvariantParameters(kernel);
        var chosen = new HashSet<Stmt>();
        Walk(kernel.Body!);
        return chosen;

        void Walk(Stmt? s)
        {
            switch (s)
            {
                case Block b:
                    foreach (var x in b.Statements) Walk(x);
                    return;
                case ForStmt or WhileStmt or DoWhileStmt when hasCollective(s):
                    return;
                case ForStmt f:
                    if (!hasBarrier(f) && !ShortConstantTrip(f)) chosen.Add(f);
                    Walk(f.Body);
                    return;
                case WhileStmt w:
                    if (!hasBarrier(w)) chosen.Add(w);
                    Walk(w.Body);
                    return;
                case DoWhileStmt d:
                    if (!hasBarrier(d)) chosen.Add(d);
                    Walk(d.Body);
                    return;
                case IfStmt i when !hasCollective(i) && (hasBarrier(i) || UniformVariables.IsUniform(i.Condition, invariant)):
                    Walk(i.Then);
                    Walk(i.Else);
                    return;
            }
        }
    }

    /// <summary>
    /// Loops LLVM unrolls whole stay inside the thread loop: <c>for (k = 0; k &lt; 16; ++k)</c> over a shared tile
    /// becomes straight-line code there, and the thread loop around it vectorizes (a tiled matrix product ran
    /// 12 times slower as 16 rounds of thread loops, each loading and storing every thread's sum).
    /// </summary>
    public const int UnrolledTripCount = 64;

    private static bool ShortConstantTrip(ForStmt f)
    {
        if (f.Init is not SetStmt { Value: IntLit start } init || f.Step is not SetStmt step || step.Symbol != init.Symbol) return false;
        if (f.Condition is not BinaryExpr { Left: VarRef counter, Right: IntLit end } cond || counter.Symbol != init.Symbol) return false;
        if (step.Value is not BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub, Left: VarRef self, Right: IntLit by } || self.Symbol != init.Symbol) return false;
        var stride = ((BinaryExpr)step.Value).Op == BinaryOp.Add ? by.Value : -by.Value;
        if (stride == 0 || cond.Op is not (BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge or BinaryOp.ULt or BinaryOp.ULe or BinaryOp.UGt or BinaryOp.UGe or BinaryOp.Ne))
            return false;
        var span = end.Value - start.Value;
        return span / stride is var trips && trips >= 0 && trips <= UnrolledTripCount && (span >= 0) == (stride > 0);
    }

    /// <summary>The condition a loop tests each round (null: none, as <c>for (;;)</c>).</summary>
    public static Expr? Condition(Stmt loop) => loop switch
    {
        ForStmt f => f.Condition,
        WhileStmt w => w.Condition,
        DoWhileStmt d => d.Condition,
        _ => null,
    };
}
