using Translate.Backends.Cpu.Abi;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

internal sealed partial class KernelLowering
{
    /// <summary>
    /// Runs <paramref name="then"/> for a statement whose own expressions synchronize: first one thread
    /// (or lane) loop evaluates the operands of each barrier predicate or warp collective into buffers;
    /// then each such expression is replaced by its exchanged result while the statement runs.
    /// </summary>
    private LValue WithOwnSync(Stmt s, SyncLevel level, Func<LValue> then)
    {
        var own = KernelAnalysis.OwnSync(s, level);
        if (own.Count == 0) return then();
        // An activemask may stand in another's operands (the deprecated __shfl lifts with it as the mask): it is
        // computed before the lanes run, so it needs no lane loop of its own.
        foreach (var e in own)
            if (IrTraversal.Children(e).Any(c => IrTraversal.AllNodes(c).OfType<Expr>().Any(x => x is not ActiveMaskExpr && KernelAnalysis.IsSync(x, level))))
                throw Unsupported(CpuCodes.Unsupported, e.Location, "a barrier or warp operation nested in the operands of another");
        var pre = new List<Action>();
        foreach (var e in own)
        {
            switch (e)
            {
                case BarrierExpr b: PrepareBarrier(b, pre); break;
                case GridSyncExpr g:
                    throw Unsupported(CpuCodes.Unsupported, g.Location, "a grid barrier inside an expression (the cpu device splits the kernel at grid barriers written as statements)");
                case ShuffleExpr sh: PrepareShuffle(sh, pre); break;
                case VoteExpr v: PrepareVote(v, pre); break;
                case ActiveMaskExpr:
                {
                    var lanes = RunningLanes();
                    Substitutions[e] = () => lanes;
                    break;
                }
                default: Substitutions[e] = () => default; break; // syncwarp: the split itself is the synchronization
            }
        }
        if (pre.Count > 0) ThreadLoop(level, skipStopped: true, () => { foreach (var p in pre) p(); });
        try { return then(); }
        finally { foreach (var e in own) Substitutions.Remove(e); }
    }

    private void PrepareBarrier(BarrierExpr b, List<Action> pre)
    {
        if (b.Predicate is null) { Substitutions[b] = () => default; return; }
        var count = B.EntryAlloca(F, C.I32, 4, "sync.count");
        var running = B.EntryAlloca(F, C.I32, 4, "sync.running");
        B.Store(I32(0), count, 4);
        B.Store(I32(0), running, 4);
        pre.Add(() =>
        {
            var p = B.Cast(Opcode.ZExt, EmitExpr(b.Predicate), C.I32);
            B.Store(B.Binary(Opcode.Add, B.Load(C.I32, count, 4), p), count, 4);
            B.Store(B.Binary(Opcode.Add, B.Load(C.I32, running, 4), I32(1)), running, 4);
        });
        Substitutions[b] = () =>
        {
            var n = B.Load(C.I32, count, 4);
            return b.Kind switch
            {
                BarrierKind.Count => n,
                BarrierKind.And => B.ICmp(IntPredicate.Eq, n, B.Load(C.I32, running, 4)),
                _ => B.ICmp(IntPredicate.Ne, n, I32(0)),
            };
        };
    }

    private LValue Lane => B.Binary(Opcode.And, _lin!.Value, I32(31));

    private void PrepareShuffle(ShuffleExpr sh, List<Action> pre)
    {
        var type = T.Value(sh.Type);
        var values = B.EntryAlloca(F, LlvmContext.Array(type, 32), 16, "shfl.values");
        var lanes = B.EntryAlloca(F, LlvmContext.Array(C.I32, 32), 16, "shfl.lanes");
        var widths = B.EntryAlloca(F, LlvmContext.Array(C.I32, 32), 16, "shfl.widths");
        var present = B.EntryAlloca(F, C.I32, 4, "shfl.present");
        B.Store(I32(0), present, 4);
        pre.Add(() =>
        {
            var lane = Lane;
            B.Store(B.Binary(Opcode.Or, B.Load(C.I32, present, 4), LaneBit), present, 4);
            B.Store(EmitExpr(sh.Value), B.Gep(type, values, lane), T.AlignOf(sh.Type));
            B.Store(EmitExpr(sh.Lane), B.Gep(C.I32, lanes, lane), 4);
            B.Store(EmitExpr(sh.Width), B.Gep(C.I32, widths, lane), 4);
        });
        Substitutions[sh] = () =>
        {
            // PTX shfl.sync with c = ((32 - width) << 8) | clamp: CUDA's exact segment and clamping rules.
            var lane = Lane;
            var b = B.Binary(Opcode.And, B.Load(C.I32, B.Gep(C.I32, lanes, lane), 4), I32(31));
            var width = B.Load(C.I32, B.Gep(C.I32, widths, lane), 4);
            var segmask = B.Binary(Opcode.And, B.Binary(Opcode.Sub, I32(32), width), I32(31));
            var clamp = I32(sh.Mode == ShuffleMode.Up ? 0 : 31);
            var minLane = B.Binary(Opcode.And, lane, segmask);
            var maxLane = B.Binary(Opcode.Or, minLane, B.Binary(Opcode.And, clamp, B.Not(segmask)));
            LValue j, valid;
            switch (sh.Mode)
            {
                case ShuffleMode.Up:
                    j = B.Binary(Opcode.Sub, lane, b);
                    valid = B.ICmp(IntPredicate.Sge, j, maxLane);
                    break;
                case ShuffleMode.Down:
                    j = B.Binary(Opcode.Add, lane, b);
                    valid = B.ICmp(IntPredicate.Sle, j, maxLane);
                    break;
                case ShuffleMode.Xor:
                    j = B.Binary(Opcode.Xor, lane, b);
                    valid = B.ICmp(IntPredicate.Sle, j, maxLane);
                    break;
                default:
                    j = B.Binary(Opcode.Or, minLane, B.Binary(Opcode.And, b, B.Not(segmask)));
                    valid = B.ICmp(IntPredicate.Sle, j, maxLane);
                    break;
            }
            // A source outside the lanes taking part (named in the mask and executing here, so never past the end of
            // a partial warp) is undefined in CUDA. NVIDIA GPUs give 0 (NVIDIA's reduction sample relies on it), so this
            // does too, with a warning (TR0319); under --check it is TR0308, as on the interpreter.
            var inRange = B.Select(valid, j, lane);
            var taking = B.Binary(Opcode.And, EmitExpr(sh.Mask), B.Load(C.I32, present, 4));
            var takesPart = B.ICmp(IntPredicate.Ne, B.Binary(Opcode.And, B.Binary(Opcode.LShr, taking, inRange), I32(1)), I32(0));
            var ok = NewBlock("shfl.ok");
            var absent = NewBlock("shfl.absent");
            B.CondBr(takesPart, ok, absent);
            B.PositionAtEnd(absent);
            if (Cpu.Options.CheckMemory)
                EmitFailure(Codes.WarpDivergence,
                    "a shuffle reads a lane that does not take part (outside its mask, not executing it, or past the end of the block); CUDA leaves its value undefined");
            else
            {
                EmitWarning(Codes.ShuffleFromAbsentLane, Codes.ShuffleFromAbsentLaneMessage);
                B.Br(ok);
            }
            B.PositionAtEnd(ok);
            var value = B.Load(type, B.Gep(type, values, inRange), T.AlignOf(sh.Type));
            return Cpu.Options.CheckMemory ? value : B.Select(takesPart, value, LlvmContext.Null(type));
        };
    }

    private void PrepareVote(VoteExpr v, List<Action> pre)
    {
        var ballot = B.EntryAlloca(F, C.I32, 4, "vote.ballot");
        var active = B.EntryAlloca(F, C.I32, 4, "vote.active");
        B.Store(I32(0), ballot, 4);
        B.Store(I32(0), active, 4);
        pre.Add(() =>
        {
            var bit = LaneBit;
            B.Store(B.Binary(Opcode.Or, B.Load(C.I32, active, 4), bit), active, 4);
            var p = EmitExpr(v.Predicate);
            B.Store(B.Binary(Opcode.Or, B.Load(C.I32, ballot, 4), B.Select(p, bit, I32(0))), ballot, 4);
        });
        Substitutions[v] = () =>
        {
            var mask = EmitExpr(v.Mask);
            var yes = B.Binary(Opcode.And, B.Load(C.I32, ballot, 4), mask);
            var all = B.Binary(Opcode.And, B.Load(C.I32, active, 4), mask);
            return v.Mode switch
            {
                VoteMode.Ballot => yes,
                VoteMode.Any => B.ICmp(IntPredicate.Ne, yes, I32(0)),
                VoteMode.All => B.ICmp(IntPredicate.Eq, yes, all),
                _ => B.Binary(Opcode.Or, B.ICmp(IntPredicate.Eq, yes, I32(0)), B.ICmp(IntPredicate.Eq, yes, all)),
            };
        };
    }

    protected override LValue EmitBarrier(BarrierExpr b) =>
        throw Unsupported(CpuCodes.Unsupported, b.Location, "a barrier in a position the cpu device cannot split (e.g. inside an expression's statements)");

    protected override LValue EmitWarpOperation(Expr e)
    {
        if (e is ActiveMaskExpr)
        {
            // Only where no lane set is known (an activemask inside a statement split at a block barrier; every
            // other one is computed from the warp's lane set when the lane loops split there): the lanes of
            // this warp that exist in the block.
            return ExistingLanes(B.Binary(Opcode.LShr, _lin!.Value, I32(5)));
        }
        return base.EmitWarpOperation(e);
    }
}
