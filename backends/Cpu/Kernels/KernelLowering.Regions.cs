using Translate.Backends.Cpu.Abi;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

internal sealed partial class KernelLowering
{
    /// <summary>Statements at a sync level: runs of non-splitting statements become one thread loop each.</summary>
    private void Sequence(IReadOnlyList<Stmt> statements, SyncLevel level) =>
        KernelAnalysis.Group(statements, s => _analysis.Splits(s, level), g => Flush(g, level), s => Split(s, level));

    private void Flush(List<Stmt> group, SyncLevel level)
    {
        if (group.Count == 0) return;
        EnsureOpen();
        if (level == SyncLevel.Block && group.Any(_analysis.HasCollective))
        {
            WarpLoop(group);
            return;
        }
        // Assignments of uniform variables run once, between thread loops (once per thread would repeat o = o / 2).
        var run = new List<Stmt>();
        var runStart = _allRunning;   // a run's thread loop starts where its first statement stands
        foreach (var s in group)
        {
            if (s is SetStmt set && _analysis.IsUniformVariable(set.Symbol))
            {
                EmitThreadLoop(run, level, runStart);
                run = [];
                var saved = _lin;
                _lin = null;
                // Only while some thread runs: when every thread took a `continue`, `break` or `return` before it,
                // the assignment is not reached (a uniform `if (c) continue;` ahead of it in a barrier loop).
                if (!Known(level))
                {
                    var assign = NewBlock("uniform.set");
                    var after = NewBlock("uniform.after");
                    B.CondBr(AnyRunning(level), assign, after);
                    B.PositionAtEnd(assign);
                    EmitStatement(set);
                    BranchIfOpen(after);
                    B.PositionAtEnd(after);
                }
                else EmitStatement(set);
                _lin = saved;
                runStart = _allRunning;
            }
            else
            {
                run.Add(s);
                NoteStops(s);
            }
        }
        EmitThreadLoop(run, level, runStart);
        // After `if (i >= n) return;` (or a kernel's trailing `if (i < n) { … }`, GuardedTails) every thread of most
        // blocks still runs: count once whether all do, so the thread loops that follow have a copy without state tests.
        if (level == SyncLevel.Block && _syncDepth == 0 && _allRunning is null && _analysis.NeedsThreadStates
            && group.Any(s => IrTraversal.AllNodes(s).Any(n => n is ReturnStmt)))
            _allRunning = new AllRunning(EveryThreadRunning());
    }

    /// <summary>True when no thread of the block has stopped (returned, or left a loop or iteration).</summary>
    private LValue EveryThreadRunning()
    {
        var count = B.EntryAlloca(F, C.I32, 4, "running.count");
        B.Store(I32(0), count, 4);
        ThreadLoop(SyncLevel.Block, skipStopped: true, () => B.Store(B.Binary(Opcode.Add, B.Load(C.I32, count, 4), I32(1)), count, 4));
        return B.ICmp(IntPredicate.Eq, B.Load(C.I32, count, 4), _threads);
    }

    /// <summary>
    /// Some thread of the block is known to be running here (Block level), so a check of the per-thread states
    /// for one can be left out: at the start, at the top of a round, and until a statement that may stop threads.
    /// </summary>
    private bool _someRunning = true;

    private bool Known(SyncLevel level) => level == SyncLevel.Block && (_someRunning || !_analysis.NeedsThreadStates);

    /// <summary>
    /// Whether every thread of the block is running here (none returned or left a sync loop), so the thread loops
    /// need not test each thread's state: statically (at the start, after loops without returns), at run time
    /// (a lockstep round that every thread entered), or not known.
    /// </summary>
    private AllRunning? _allRunning = AllRunning.Static;

    /// <param name="Flag">null: known statically; else an i1 computed where it holds (dominating its uses).</param>
    private sealed record AllRunning(LValue? Flag)
    {
        public static readonly AllRunning Static = new((LValue?)null);
    }

    private void NoteStops(Stmt s)
    {
        if (!IrTraversal.AllNodes(s).Any(n => n is ReturnStmt or BreakStmt or ContinueStmt)) return;
        _someRunning = false;
        _allRunning = null;
    }

    private void EmitThreadLoop(List<Stmt> statements, SyncLevel level, AllRunning? start)
    {
        if (statements.Count == 0) return;
        var now = _allRunning;
        _allRunning = start;
        ThreadLoop(level, skipStopped: true, () => { foreach (var s in statements) EmitStatement(s); },
            versionNodes: statements.Sum(s => IrTraversal.AllNodes(s).Count()));
        _allRunning = now;
    }

    /// <summary>
    /// for (w = 0; w &lt; ceil(threads / 32); w++) GROUP — the loop over warps around lane loops. Uniform
    /// variables the group assigns (once per warp, as <c>o = o / 2</c> between shuffles) are saved before the
    /// loop and restored for each warp, so every warp starts from the block's values, as each thread would.
    /// </summary>
    private void WarpLoop(List<Stmt> group)
    {
        var saved = group.SelectMany(_analysis.UniformAssigned).Distinct()
            .Select(s => (Symbol: s, Copy: B.EntryAlloca(F, T.Value(s.Type), T.AlignOf(s.Type), s.Name + ".block")))
            .ToList();
        foreach (var (s, copy) in saved)
            B.Store(B.Load(T.Value(s.Type), Slots[s], T.AlignOf(s.Type)), copy, T.AlignOf(s.Type));
        // What the block goes on with: the values of a warp that still has lanes running at the end of the group
        // (all such warps computed the same). A warp whose lanes all returned skipped the assignments; had its
        // (restored) values been the last ones left in the slots, the other warps would read them afterwards.
        bool someMayStop = saved.Count > 0 && _analysis.NeedsThreadStates;
        var results = someMayStop
            ? saved.Select(v => (v.Symbol, Copy: B.EntryAlloca(F, T.Value(v.Symbol.Type), T.AlignOf(v.Symbol.Type), v.Symbol.Name + ".warps"))).ToList()
            : [];
        foreach (var (s, copy) in results)
            B.Store(B.Load(T.Value(s.Type), Slots[s], T.AlignOf(s.Type)), copy, T.AlignOf(s.Type));
        var warps = B.Binary(Opcode.UDiv, B.Binary(Opcode.Add, _threads, I32(31)), I32(32));
        _active ??= B.EntryAlloca(F, C.I32, 4, "lanes.active");
        bool runningBefore = _someRunning;
        var allBefore = _allRunning;
        CountedLoop(warps, "warp", w =>
        {
            B.Store(ExistingLanes(w), ActiveSlot, 4);
            foreach (var (s, copy) in saved)
                B.Store(B.Load(T.Value(s.Type), copy, T.AlignOf(s.Type)), Slots[s], T.AlignOf(s.Type));
            _warp = w;
            Sequence(group, SyncLevel.Warp);
            if (someMayStop)
            {
                EnsureOpen();
                var keep = NewBlock("warp.keep");
                var kept = NewBlock("warp.kept");
                B.CondBr(AnyRunning(SyncLevel.Warp), keep, kept);
                B.PositionAtEnd(keep);
                foreach (var (s, copy) in results)
                    B.Store(B.Load(T.Value(s.Type), Slots[s], T.AlignOf(s.Type)), copy, T.AlignOf(s.Type));
                B.Br(kept);
                B.PositionAtEnd(kept);
            }
            _warp = null;
        });
        foreach (var (s, copy) in results)
            B.Store(B.Load(T.Value(s.Type), copy, T.AlignOf(s.Type)), Slots[s], T.AlignOf(s.Type));
        _someRunning = runningBefore;
        _allRunning = allBefore;
        foreach (var s in group) NoteStops(s);
    }

    /// <summary>
    /// A loop over the threads of the block (Block level) or the 32 lanes of the current warp (Warp level),
    /// skipping threads that left early when <paramref name="skipStopped"/>. A plain counted loop, so LLVM
    /// can vectorize across threads.
    /// </summary>
    private void ThreadLoop(SyncLevel level, bool skipStopped, Action body, int versionNodes = 0)
    {
        if (skipStopped && level == SyncLevel.Block && _allRunning is { } all)
        {
            if (all.Flag is not { } flag) { skipStopped = false; }
            else if (versionNodes is > 0 and <= VersionedBodyLimit)
            {
                // Two copies: without the state tests where every thread runs (plain vector loads and stores,
                // where the tested loop's are masked: half the speed on memory outside the cache), with them elsewhere.
                var every = NewBlock("threads.all");
                var some = NewBlock("threads.some");
                var join = NewBlock("threads.done");
                B.CondBr(flag, every, some);
                B.PositionAtEnd(every);
                ThreadLoopOver(level, skipStopped: false, body);
                BranchIfOpen(join);
                B.PositionAtEnd(some);
                ThreadLoopOver(level, skipStopped: true, body);
                BranchIfOpen(join);
                B.PositionAtEnd(join);
                return;
            }
        }
        ThreadLoopOver(level, skipStopped, body);
    }

    /// <summary>IR nodes up to which a thread loop's statements are compiled twice (all threads running, or not).</summary>
    private const int VersionedBodyLimit = 400;

    private void ThreadLoopOver(SyncLevel level, bool skipStopped, Action body)
    {
        var saved = (_lin, _nextThread, _tidX, _tidRow);
        void Thread(LValue lin, LBlock next)
        {
            if (level == SyncLevel.Warp)
            {
                // The lane set starts as the lanes that exist in the block; divergent conditions narrow it.
                var inSet = NewBlock("lane.in");
                B.CondBr(IsActive(B.Binary(Opcode.And, lin, I32(31))), inSet, next);
                B.PositionAtEnd(inSet);
            }
            _lin = lin;
            _nextThread = new JumpTarget(next);
            if (skipStopped && _analysis.NeedsThreadStates)
            {
                var run = NewBlock("thread.run");
                B.CondBr(B.ICmp(IntPredicate.Eq, B.Load(C.I32, StateAddress(), 4), I32(0)), run, next);
                B.PositionAtEnd(run);
            }
            if (_analysis.CallsFunctions) StoreThreadIndex(lin);
            body();
        }
        if (level == SyncLevel.Block && _shape is { } shape && shape.Y * shape.Z > 1)
        {
            // 2-D and 3-D blocks: rows (y, z) outside, x inside, so the inner loop walks threadIdx.x
            // with unit stride (what the vectorizer needs) and threadIdx needs no division.
            CountedLoop(I32(shape.Y * shape.Z), "thread.row", row =>
                CountedLoop(I32(shape.X), "thread", (x, next) =>
                {
                    _tidX = x;
                    _tidRow = row;
                    Thread(B.Binary(Opcode.Add, B.Binary(Opcode.Mul, row, I32(shape.X)), x), next);
                }));
        }
        else
        {
            (_tidX, _tidRow) = (null, null);
            if (level == SyncLevel.Block) CountedLoop(_threads, "thread", Thread);
            else CountedLoop(I32(32), "lane", (i, next) => Thread(B.Binary(Opcode.Add, B.Binary(Opcode.Mul, _warp!.Value, I32(32)), i), next));
        }
        (_lin, _nextThread, _tidX, _tidRow) = saved;
    }

    private void StoreThreadIndex(LValue lin)
    {
        B.Store(B.Binary(Opcode.URem, lin, _blockDim[0]), CtxField(CpuAbi.CtxTid), 4);
        B.Store(B.Binary(Opcode.URem, B.Binary(Opcode.UDiv, lin, _blockDim[0]), _blockDim[1]), CtxField(CpuAbi.CtxTid + 4), 4);
        B.Store(B.Binary(Opcode.UDiv, lin, B.Binary(Opcode.Mul, _blockDim[0], _blockDim[1])), CtxField(CpuAbi.CtxTid + 8), 4);
    }

    private void CountedLoop(LValue limit, string name, Action<LValue> body) => CountedLoop(limit, name, (i, _) => body(i));

    /// <summary>for (i = 0; i &lt; limit; i++) BODY(i, latch); the body may branch to the latch to go to the next i.</summary>
    private void CountedLoop(LValue limit, string name, Action<LValue, LBlock> body)
    {
        var counter = B.EntryAlloca(F, C.I32, 4, name);
        B.Store(I32(0), counter, 4);
        var head = NewBlock(name + ".head");
        var work = NewBlock(name + ".body");
        var latch = NewBlock(name + ".next");
        var exit = NewBlock(name + ".exit");
        B.Br(head);
        B.PositionAtEnd(head);
        var i = B.Load(C.I32, counter, 4);
        B.CondBr(B.ICmp(IntPredicate.Ult, i, limit), work, exit);
        B.PositionAtEnd(work);
        body(i, latch);
        BranchIfOpen(latch);
        B.PositionAtEnd(latch);
        B.Store(B.Binary(Opcode.Add, B.Load(C.I32, counter, 4), I32(1)), counter, 4);
        B.Br(head);
        B.PositionAtEnd(exit);
    }

    /// <summary>A statement that contains synchronization at this level: it runs once per block (or warp).</summary>
    private void Split(Stmt s, SyncLevel level)
    {
        EnsureOpen();
        IrLocation = s.Location;
        switch (s)
        {
            case Block b: Sequence(b.Statements, level); return;
            case IfStmt i when MayDiverge(i.Condition, level):
                DivergentIf(i);
                return;
            case IfStmt i:
            {
                var cond = WithOwnSync(i, level, () => Uniform(i.Condition, level));
                var then = NewBlock("sync.then");
                var join = NewBlock("sync.endif");
                var @else = i.Else is null ? join : NewBlock("sync.else");
                B.CondBr(cond, then, @else);
                bool runningBefore = _someRunning;
                var allBefore = _allRunning;   // every thread takes the same arm
                B.PositionAtEnd(then);
                _someRunning = true; // the condition held for some running thread
                Sequence([i.Then], level);
                BranchIfOpen(join);
                if (i.Else is not null)
                {
                    B.PositionAtEnd(@else);
                    _someRunning = runningBefore;
                    _allRunning = allBefore;
                    Sequence([i.Else], level);
                    BranchIfOpen(join);
                }
                B.PositionAtEnd(join);
                _someRunning = runningBefore;
                _allRunning = allBefore;
                NoteStops(i);
                return;
            }
            case WhileStmt w: SyncLoopOf(null, w, w.Condition, null, w.Body, level, testFirst: true); return;
            case DoWhileStmt d: SyncLoopOf(null, d, d.Condition, null, d.Body, level, testFirst: false); return;
            case ForStmt f: SyncLoopOf(f.Init, f, f.Condition, f.Step, f.Body, level, testFirst: true); return;
            case ExprStmt { Expression: BarrierExpr { Predicate: null } }:
                return; // the split itself is the barrier
            case ExprStmt { Expression: GridSyncExpr g } when level == SyncLevel.Block:
                GridArrive(g);
                return;
            case ExprStmt or SetStmt or ReturnStmt:
                WithOwnSync(s, level, () =>
                {
                    ThreadLoop(level, skipStopped: true, () => EmitStatement(s));
                    return default;
                });
                NoteStops(s);
                return;
            default:
                throw Unsupported(CpuCodes.Unsupported, s.Location, "a barrier or warp operation inside a switch cannot be split on the cpu device");
        }
    }

    /// <summary>
    /// (grid-sync): the split is the block's barrier; then the block, once, arrives at the grid barrier
    /// in the runtime and waits for every other block. A block whose threads all returned does not arrive
    /// (the runtime counts it finished when the kernel ends: TR0317 if others wait for it).
    /// </summary>
    private void GridArrive(GridSyncExpr g)
    {
        var arrive = NewBlock("grid.arrive");
        var after = NewBlock("grid.after");
        B.CondBr(AnyRunning(SyncLevel.Block), arrive, after);
        B.PositionAtEnd(arrive);
        var saved = _lin;
        _lin = null;
        int id = Cpu.Failures.Add(new Diagnostic(Codes.GridBarrierIncomplete, ErrorLocation,
            Codes.GridSyncNotCooperative));
        var unwindTo = B.Call(M.RuntimeFunction(CpuAbi.GridSync, C.Ptr, C.I64, C.I32), SessionHandle, I32(id));
        _lin = saved;
        var failed = NewBlock("grid.failed");
        B.CondBr(B.ICmp(IntPredicate.Eq, B.Cast(Opcode.PtrToInt, unwindTo, C.I64), C.I64Const(0)), after, failed);
        B.PositionAtEnd(failed);
        Unwind(unwindTo);
        B.PositionAtEnd(after);
    }

    /// <summary>
    /// A loop containing synchronization: one block-level loop whose condition every thread must agree on; or a
    /// lockstep loop (LockstepLoops), whose condition each thread tests for itself.
    /// </summary>
    private void SyncLoopOf(Stmt? init, Stmt loop, Expr? condition, Stmt? step, Block body, SyncLevel level, bool testFirst)
    {
        // A uniform counter is one scalar already; a per-thread one is read as START + a uniform offset when it can be.
        var counter = loop is ForStmt f && level == SyncLevel.Block && _analysis.IsLockstep(loop) ? _counters.Of(f) : null;
        if (counter is not null && _analysis.IsUniformVariable(counter.Variable)) counter = null;
        LValue offset = default;
        if (counter is not null)
        {
            EnsureOpen();
            offset = B.EntryAlloca(F, T.Value(counter.Variable.Type), T.AlignOf(counter.Variable.Type), counter.Variable.Name + ".offset");
            B.Store(LlvmContext.ConstInt(T.Value(counter.Variable.Type), 0), offset, T.AlignOf(counter.Variable.Type));
            ReadAsStartPlusOffset(counter, loop, offset);
        }
        else if (init is not null) Sequence([init], level);
        EnsureOpen();
        int depth = ++_syncDepth;
        var head = NewBlock("sync.head");
        var bodyBlock = NewBlock("sync.body");
        var cont = NewBlock("sync.continue");
        var exit = NewBlock("sync.exit");
        bool divergent = MayDiverge(condition, level);
        bool perThread = condition is not null && !divergent && _analysis.IsLockstep(loop) && !_analysis.IsUniform(condition);
        var outer = divergent ? B.Load(C.I32, ActiveSlot, 4) : default;   // the lanes that enter, again at the exit
        bool runningBefore = Known(level);
        // Which ways out of a round the body has (conservatively: any such statement in it).
        bool stops = IrTraversal.AllNodes(body).Any(n => n is ReturnStmt or BreakStmt);
        bool continues = !KernelAnalysis.StepJoinsBody(body);
        // Once some thread is known to run at the first round, a round that stops none keeps it so: the
        // per-round checks that some thread still runs are then left out.
        if (level == SyncLevel.Block && !runningBefore && _analysis.NeedsThreadStates)
        {
            var enter = NewBlock("sync.enter");
            B.CondBr(AnyRunning(level), enter, exit);
            B.PositionAtEnd(enter);
            _someRunning = true;
        }
        bool runningAtHead = Known(level) && !stops;
        var allBefore = _allRunning;
        // A round without returns or breaks leaves every thread as it found it (continues are reset at its end),
        // unless threads leave one by one at the condition.
        var allAtHead = stops || perThread ? null : allBefore;
        // A grid- or block-stride loop (over x, y or z): one test of the last thread's counter stands for all while
        // every thread is running (the slot: all were at the last round's start and none left).
        bool signedOrder = false;
        bool rising = perThread && testFirst && counter is not null && !stops
            && _counters.RisesWithThread(counter, condition!, out signedOrder);
        LValue allSlot = default;
        if (rising)
        {
            allSlot = B.EntryAlloca(F, C.I1, 1, "lockstep.all");
            B.Store(allBefore is null ? C.Bool(false) : allBefore.Flag ?? C.Bool(true), allSlot, 1);
        }
        B.Br(testFirst ? head : bodyBlock);
        B.PositionAtEnd(head);
        IrLocation = loop.Location;
        _someRunning = runningAtHead;
        _allRunning = allAtHead;
        LValue? everyThreadGoesOn = null;
        var go = condition is null ? AnyRunning(level)
            : divergent ? NarrowToLanesWhere(loop, condition)
            : rising ? EveryOrLeaveWhereFalse(condition, depth, counter!, offset, signedOrder, allSlot, bodyBlock)
            : perThread ? LeaveWhereFalse(condition, depth, out everyThreadGoesOn)
            : WithOwnSync(loop, level, () => Uniform(condition, level));
        B.CondBr(go, bodyBlock, exit);
        B.PositionAtEnd(bodyBlock);
        _someRunning = true;
        // A do-while's first round enters the body before the head has computed anything.
        _allRunning = !perThread ? allAtHead
            : rising ? new AllRunning(B.Load(C.I1, allSlot, 1))
            : testFirst && everyThreadGoesOn is { } every ? new AllRunning(every) : null;
        Breaks.Add(new JumpTarget(exit, new SyncLoop(depth)));
        Continues.Add(new JumpTarget(cont, new SyncLoop(depth)));
        // Without a `continue`, the step is the body's last statement: one thread loop less per round.
        bool stepInBody = step is not null && counter is null && !continues;
        Sequence(stepInBody ? [.. body.Statements, step!] : body.Statements, level);
        Breaks.RemoveAt(Breaks.Count - 1);
        Continues.RemoveAt(Continues.Count - 1);
        BranchIfOpen(cont);
        B.PositionAtEnd(cont);
        if (continues) ResetStates(level, 2 * depth + 1, 2 * depth + 1);
        // When every thread left the loop (a break or return all took), the loop is over: its step
        // must not run again. A block-uniform step runs once per block, not per running thread, so
        // it ran anyway and `for (i = 0; i < n; i++) { if (i == 2) break; __syncthreads(); }` left i = 3.
        if (_analysis.NeedsThreadStates && stops && !stepInBody)
        {
            var stepBlock = NewBlock("sync.step");
            B.CondBr(AnyRunning(level), stepBlock, exit);
            B.PositionAtEnd(stepBlock);
        }
        _someRunning = true;
        if (counter is not null) AdvanceOffset(counter, offset);
        else if (step is not null && !stepInBody) Sequence([step], level);
        BranchIfOpen(head);
        B.PositionAtEnd(exit);
        if (divergent) B.Store(outer, ActiveSlot, 4);
        if (perThread || stops || continues) ResetStates(level, 2 * depth, 2 * depth + 1);
        _syncDepth--;
        if (counter is not null) ForgetCounter(counter, loop);
        // Threads that left the loop run again after it; only a return inside it can stop one for good.
        bool returns = IrTraversal.AllNodes(loop).Any(n => n is ReturnStmt);
        _someRunning = runningBefore && !returns;
        _allRunning = returns ? null : allBefore;
    }

    /// <summary>
    /// A lockstep loop's condition, tested by every running thread: a thread where it is false leaves the loop as
    /// with a `break` (state 2·depth, reset when the loop ends). True while some thread goes on;
    /// <paramref name="every"/>: true when every thread of the block goes on (none had stopped, none left now).
    /// </summary>
    private LValue LeaveWhereFalse(Expr condition, int depth, out LValue? every)
    {
        var any = B.EntryAlloca(F, C.I1, 1, "lockstep.any");
        var count = B.EntryAlloca(F, C.I32, 4, "lockstep.count");
        B.Store(C.Bool(false), any, 1);
        B.Store(I32(0), count, 4);
        ThreadLoop(SyncLevel.Block, skipStopped: true, () =>
        {
            var c = EmitExpr(condition);
            SetState(B.Select(c, I32(0), I32(2 * depth)));
            B.Store(B.Binary(Opcode.Or, B.Load(C.I1, any, 1), c), any, 1);
            B.Store(B.Binary(Opcode.Add, B.Load(C.I32, count, 4), B.Cast(Opcode.ZExt, c, C.I32)), count, 4);
        });
        every = B.ICmp(IntPredicate.Eq, B.Load(C.I32, count, 4), _threads);
        return B.Load(C.I1, any, 1);
    }

    /// <summary>
    /// The test of a lockstep loop whose counters rise with the thread (AffineCounters.RisesWithThread): while every
    /// thread runs, the counters of the first and last thread in order and the last thread's test true, every
    /// thread goes on and the round enters <paramref name="body"/> with no thread loop; else each thread tests
    /// (LeaveWhereFalse) and the slot says whether all went on.
    /// </summary>
    private LValue EveryOrLeaveWhereFalse(Expr condition, int depth, AffineCounters.Counter counter, LValue offset, bool signedOrder,
        LValue allSlot, LBlock body)
    {
        var saved = (_lin, _tidX, _tidRow);
        (_tidX, _tidRow) = (null, null);
        _lin = I32(0);
        var first = StartPlusOffset(counter, offset);
        _lin = B.Binary(Opcode.Sub, _threads, I32(1));
        var last = StartPlusOffset(counter, offset);
        var lastGoesOn = EmitExpr(condition);
        (_lin, _tidX, _tidRow) = saved;
        var inOrder = B.ICmp(signedOrder ? IntPredicate.Sle : IntPredicate.Ule, first, last);
        var every = B.Binary(Opcode.And, B.Load(C.I1, allSlot, 1), B.Binary(Opcode.And, inOrder, lastGoesOn));
        var each = NewBlock("lockstep.each");
        B.CondBr(every, body, each);
        B.PositionAtEnd(each);
        var any = LeaveWhereFalse(condition, depth, out var all);
        B.Store(all!.Value, allSlot, 1);
        return any;
    }

    /// <summary>Threads whose state is in [low, high] run again (they finished a sync loop's iteration or the loop).</summary>
    private void ResetStates(SyncLevel level, int low, int high)
    {
        if (!_analysis.NeedsThreadStates) return;
        ThreadLoop(level, skipStopped: false, () =>
        {
            var st = B.Load(C.I32, StateAddress(), 4);
            var inRange = B.ICmp(IntPredicate.Ule, B.Binary(Opcode.Sub, st, I32(low)), I32(high - low));
            B.Store(B.Select(inRange, I32(0), st), StateAddress(), 4);
        });
    }

    /// <summary>True when some thread (of the block or warp) is still running.</summary>
    private LValue AnyRunning(SyncLevel level)
    {
        if (!_analysis.NeedsThreadStates) return C.Bool(true);
        var any = B.EntryAlloca(F, C.I1, 1, "any");
        B.Store(C.Bool(false), any, 1);
        ThreadLoop(level, skipStopped: true, () => B.Store(C.Bool(true), any, 1));
        return B.Load(C.I1, any, 1);
    }

    /// <summary>
    /// A condition of a split if or loop: evaluated once if provably uniform, else by every running thread
    /// of the block, which must all agree (TR0307). False when no thread runs. (Warp-level conditions lanes
    /// may disagree on are predicated instead: KernelLowering.Divergence.cs.)
    /// </summary>
    private LValue Uniform(Expr condition, SyncLevel level)
    {
        if (_analysis.IsUniform(condition)
            && !IrTraversal.AllNodes(condition).Any(n => n is Expr e && Substitutions.ContainsKey(e) && !_definitionReads.Contains(e)))
        {
            var saved = _lin;
            _lin = null;
            var v = EmitExpr(condition);
            _lin = saved;
            return Known(level) ? v : B.Binary(Opcode.And, v, AnyRunning(level));
        }
        if (level == SyncLevel.Warp) throw new InvalidOperationException("a warp-level condition lanes may disagree on is predicated, not checked");
        var seen = B.EntryAlloca(F, C.I1, 1, "seen");
        var value = B.EntryAlloca(F, C.I1, 1, "agreed");
        B.Store(C.Bool(false), seen, 1);
        B.Store(C.Bool(false), value, 1);
        ThreadLoop(level, skipStopped: true, () =>
        {
            var c = EmitExpr(condition);
            var first = NewBlock("uniform.first");
            var check = NewBlock("uniform.check");
            var bad = NewBlock("uniform.diverged");
            var done = NewBlock("uniform.done");
            B.CondBr(B.Load(C.I1, seen, 1), check, first);
            B.PositionAtEnd(first);
            B.Store(C.Bool(true), seen, 1);
            B.Store(c, value, 1);
            B.Br(done);
            B.PositionAtEnd(check);
            B.CondBr(B.ICmp(IntPredicate.Eq, c, B.Load(C.I1, value, 1)), done, bad);
            B.PositionAtEnd(bad);
            EmitFailure(Codes.BarrierDivergence, "threads of a block disagree on a condition that guards __syncthreads(); every thread must reach each barrier");
            B.PositionAtEnd(done);
        });
        return B.Binary(Opcode.And, B.Load(C.I1, seen, 1), B.Load(C.I1, value, 1));
    }
}
