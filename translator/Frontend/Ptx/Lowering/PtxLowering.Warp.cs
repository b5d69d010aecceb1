using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>shfl.sync, vote.sync, activemask, bar.sync / barrier.sync 0, bar.warp.sync: the IR's warp and barrier forms.</summary>
internal sealed partial class PtxLowering
{
    private static readonly PtxType B32 = new('b', 32);

    /// <summary>shfl.sync.MODE.b32 d, a, b, c, mask. When c is CUDA's encoding of a width w, ((32 - w) &lt;&lt; 8) | 31 (up:
    /// without the 31), it is the IR's shuffle of that width; any other c (a register, or another clamp) is PTX's own rule,
    /// computed: the source lane j from b, the segment mask and the clamp, the thread's own value when j is out of range
    /// — an idx shuffle of the whole warp from lane j.</summary>
    private List<Stmt> Shuffle(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        if (!m.Take("sync")) throw new PtxException($"'{i.Spelling}': shfl without .sync (deprecated) is not translated");
        var mode = m.TakeAny("up", "down", "bfly", "idx") switch
        {
            "up" => ShuffleMode.Up, "down" => ShuffleMode.Down, "bfly" => ShuffleMode.Xor, "idx" => ShuffleMode.Idx,
            _ => throw new PtxException($"'{i.Spelling}' needs .up, .down, .bfly or .idx"),
        };
        Count(i, 5);
        if (t.Bits != 32 || !t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated (only .b32)");
        Expr mask = Read(i.Operands[4], B32), value = Read(i.Operands[1], B32), b = Read(i.Operands[2], B32);
        if (StandardWidth(i.Operands[3], mode) is { } width)
            return [Write(i.Operands[0], new ShuffleExpr(_at, mode, mask, value, b, Int(width, IrType.Int32)), B32)];
        string c = Temporary("c"), segment = Temporary("segmask"), maxLane = Temporary("maxlane"), source = Temporary("j");
        Expr V(string name) => new VarRef(_at, name);
        Expr I(long v) => Int(v, IrType.Int32);
        Expr lane = new SpecialRegisterExpr(_at, SpecialRegister.LaneId);
        var list = new List<Stmt>();
        void Let(string name, Expr e) { list.Add(new DeclareStmt(_at, name, IrType.Int32)); list.Add(new SetStmt(_at, name, e)); }
        Let(c, Read(i.Operands[3], B32));
        Let(segment, B(BinaryOp.And, B(BinaryOp.LShr, V(c), I(8)), I(0x1f)));
        Let(maxLane, B(BinaryOp.Or, B(BinaryOp.And, lane, V(segment)), B(BinaryOp.And, B(BinaryOp.And, V(c), I(0x1f)), Not32(V(segment)))));
        Let(source, mode switch
        {
            ShuffleMode.Up => B(BinaryOp.Sub, lane, b),
            ShuffleMode.Down => B(BinaryOp.Add, lane, b),
            ShuffleMode.Xor => B(BinaryOp.Xor, lane, b),
            _ => B(BinaryOp.Or, B(BinaryOp.And, lane, V(segment)), B(BinaryOp.And, b, Not32(V(segment)))),
        });
        // PTX compares lanes as signed numbers (up: j >= maxLane; the others: j <= maxLane).
        var inRange = mode == ShuffleMode.Up ? B(BinaryOp.Ge, V(source), V(maxLane)) : B(BinaryOp.Le, V(source), V(maxLane));
        list.Add(new SetStmt(_at, source, Select(inRange, V(source), lane)));
        list.Add(Write(i.Operands[0], new ShuffleExpr(_at, ShuffleMode.Idx, mask, value, V(source), I(32)), B32));
        return list;
    }

    /// <summary>The width CUDA's __shfl_*_sync encodes in an immediate c, or null for any other c.</summary>
    private long? StandardWidth(PtxOperand o, ShuffleMode mode)
    {
        long? c = o switch { PtxInteger n => n.Value, PtxOperandRef r when _operands[r.Index].Immediate is { } v => v, _ => null };
        if (c is not { } value) return null;
        long segment = value >> 8 & 0x1f, clamp = value & 0x1f, width = 32 - segment;
        bool standard = (value & ~0x1f1fL) == 0 && (width & (width - 1)) == 0 && clamp == (mode == ShuffleMode.Up ? 0 : 31);
        return standard ? width : null;
    }

    private long Immediate(PtxInstruction i, PtxOperand o, string what) => o switch
    {
        PtxInteger n => n.Value,
        PtxOperandRef r when _operands[r.Index].Immediate is { } v => v,
        _ => throw new PtxException($"'{i.Spelling}': {what} must be an immediate"),
    };

    /// <summary>vote.sync.any/all/uni.pred d, p, mask and vote.sync.ballot.b32 d, p, mask.</summary>
    private List<Stmt> Vote(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        if (!m.Take("sync")) throw new PtxException($"'{i.Spelling}': vote without .sync (deprecated) is not translated");
        var mode = m.TakeAny("any", "all", "uni", "ballot") switch
        {
            "any" => VoteMode.Any, "all" => VoteMode.All, "uni" => VoteMode.Uni, "ballot" => VoteMode.Ballot,
            _ => throw new PtxException($"'{i.Spelling}' needs .any, .all, .uni or .ballot"),
        };
        Count(i, 3);
        var result = mode == VoteMode.Ballot ? B32 : new PtxType('p', 1);
        if (t != result) throw new PtxException($"'{i.Spelling}': the type must be {result}");
        var value = new VoteExpr(_at, mode, Read(i.Operands[2], B32), Read(i.Operands[1], new PtxType('p', 1)));
        return [Write(i.Operands[0], value, result)];
    }

    private List<Stmt> ActiveMask(PtxInstruction i, Modifiers m)
    {
        if (m.Type() != B32) throw new PtxException($"'{i.Spelling}' is not translated");
        Count(i, 1);
        return [Write(i.Operands[0], new ActiveMaskExpr(_at), B32)];
    }

    /// <summary>bar.sync 0 / barrier.sync[.aligned] 0 (the whole block; named barriers and counts are not translated), bar.warp.sync mask.</summary>
    private List<Stmt> Barrier(PtxInstruction i, Modifiers m)
    {
        if (i.Opcode == "bar" && m.Take("warp"))
        {
            if (!m.Take("sync")) throw new PtxException($"'{i.Spelling}' is not translated");
            Count(i, 1);
            return [new ExprStmt(_at, new SyncWarpExpr(_at, Read(i.Operands[0], B32)))];
        }
        if (!m.Take("sync")) throw new PtxException($"'{i.Spelling}' is not translated (only .sync)");
        m.Take("aligned");
        Count(i, 1);
        if (Immediate(i, i.Operands[0], "the barrier number") != 0) throw new PtxException($"'{i.Spelling}': named barriers other than 0 are not translated");
        return [new ExprStmt(_at, new BarrierExpr(_at, BarrierKind.Plain, null))];
    }
}
