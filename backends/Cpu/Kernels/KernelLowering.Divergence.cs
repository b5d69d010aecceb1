using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// Lanes of a warp that disagree on a condition guarding a warp operation: mask-predicated lane execution.
/// Inside a warp loop, <see cref="_active"/> holds the lanes executing at this point (bit k: lane k); every
/// lane loop runs only those, so warp operations see exactly them. A warp-level <c>if</c> whose condition is
/// not provably uniform evaluates it per lane into the set that takes the branch, runs the then-part for those
/// lanes and the else-part for the others, and restores the set; a warp-level loop drops each lane whose
/// condition turns false and iterates while any lane is left. Lanes that return, break or continue keep their
/// per-thread states as before. Conditions the lanes provably agree on take the old path, without a mask.
/// </summary>
internal sealed partial class KernelLowering
{
    private LValue? _active;   // i32 slot: the current warp's lanes executing here, inside a warp loop

    private LValue ActiveSlot => _active ?? throw new InvalidOperationException("lane set outside a warp loop");

    /// <summary>A warp-level if or loop condition that needs the lanes predicated: one they may disagree on.</summary>
    private bool MayDiverge(Expr? condition, SyncLevel level) =>
        level == SyncLevel.Warp && condition is not null && !_analysis.IsUniform(condition);

    /// <summary>The lanes of warp <paramref name="warp"/> that exist in the block (a last warp may be partial).</summary>
    private LValue ExistingLanes(LValue warp)
    {
        var left = B.Binary(Opcode.Sub, _threads, B.Binary(Opcode.Mul, warp, I32(32)));
        var partial = B.Binary(Opcode.Sub, B.Binary(Opcode.Shl, I32(1), B.Binary(Opcode.And, left, I32(31))), I32(1));
        return B.Select(B.ICmp(IntPredicate.Uge, left, I32(32)), I32(-1), partial);
    }

    /// <summary>True when lane <paramref name="lane"/> (0–31) is in the current lane set.</summary>
    private LValue IsActive(LValue lane) =>
        B.ICmp(IntPredicate.Ne, B.Binary(Opcode.And, B.Binary(Opcode.LShr, B.Load(C.I32, ActiveSlot, 4), lane), I32(1)), I32(0));

    private LValue LaneBit => B.Binary(Opcode.Shl, I32(1), Lane);

    /// <summary>The lanes of the current set still running (not returned, nor out of a loop iteration).</summary>
    private LValue RunningLanes()
    {
        if (!_analysis.NeedsThreadStates) return B.Load(C.I32, ActiveSlot, 4);
        var bits = B.EntryAlloca(F, C.I32, 4, "running");
        B.Store(I32(0), bits, 4);
        ThreadLoop(SyncLevel.Warp, skipStopped: true, () => B.Store(B.Binary(Opcode.Or, B.Load(C.I32, bits, 4), LaneBit), bits, 4));
        return B.Load(C.I32, bits, 4);
    }

    /// <summary>Every running lane evaluates <paramref name="condition"/>: the lanes where it is true, and the lanes that ran.</summary>
    private (LValue Taken, LValue Running) LanesWhere(Expr condition)
    {
        var taken = B.EntryAlloca(F, C.I32, 4, "lanes.taken");
        var running = B.EntryAlloca(F, C.I32, 4, "lanes.running");
        B.Store(I32(0), taken, 4);
        B.Store(I32(0), running, 4);
        ThreadLoop(SyncLevel.Warp, skipStopped: true, () =>
        {
            var bit = LaneBit;
            var c = EmitExpr(condition);
            B.Store(B.Binary(Opcode.Or, B.Load(C.I32, running, 4), bit), running, 4);
            B.Store(B.Binary(Opcode.Or, B.Load(C.I32, taken, 4), B.Select(c, bit, I32(0))), taken, 4);
        });
        return (B.Load(C.I32, taken, 4), B.Load(C.I32, running, 4));
    }

    /// <summary>if (c) THEN else ELSE, where lanes may disagree: each part runs for its own lanes (skipped when it has none).</summary>
    private void DivergentIf(IfStmt i)
    {
        LValue taken = default, running = default;
        WithOwnSync(i, SyncLevel.Warp, () =>
        {
            (taken, running) = LanesWhere(i.Condition);
            return default;
        });
        var outer = B.Load(C.I32, ActiveSlot, 4);
        LanesRun(taken, i.Then, "lanes.then");
        if (i.Else is not null) LanesRun(B.Binary(Opcode.And, running, B.Not(taken)), i.Else, "lanes.else");
        B.Store(outer, ActiveSlot, 4);
    }

    private void LanesRun(LValue lanes, Stmt part, string name)
    {
        var run = NewBlock(name);
        var done = NewBlock(name + ".done");
        B.CondBr(B.ICmp(IntPredicate.Ne, lanes, I32(0)), run, done);
        B.PositionAtEnd(run);
        B.Store(lanes, ActiveSlot, 4);
        Sequence([part], SyncLevel.Warp);
        BranchIfOpen(done);
        B.PositionAtEnd(done);
    }

    /// <summary>
    /// A loop condition lanes may disagree on: the running lanes where it is false leave the lane set (until the
    /// loop ends); the loop goes on while some lane is left.
    /// </summary>
    private LValue NarrowToLanesWhere(Stmt loop, Expr condition)
    {
        LValue taken = default, running = default;
        WithOwnSync(loop, SyncLevel.Warp, () =>
        {
            (taken, running) = LanesWhere(condition);
            return default;
        });
        var leaving = B.Binary(Opcode.And, running, B.Not(taken));
        B.Store(B.Binary(Opcode.And, B.Load(C.I32, ActiveSlot, 4), B.Not(leaving)), ActiveSlot, 4);
        return B.ICmp(IntPredicate.Ne, taken, I32(0));
    }
}
