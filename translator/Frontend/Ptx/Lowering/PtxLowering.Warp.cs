using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>shfl.sync, vote.sync, activemask, bar.sync / barrier.sync 0, bar.warp.sync: the IR's warp and barrier forms.</summary>
internal sealed partial class PtxLowering
{
    private static readonly PtxType B32 = new('b', 32);

    /// <summary>shfl.sync.MODE.b32 d, a, b, c, mask, where c is CUDA's encoding of a width w: ((32 - w) &lt;&lt; 8) | 31
    /// (up: without the 31). Other clamp values have no IR form.</summary>
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
        long c = Immediate(i, i.Operands[3], "the clamp and segment mask");
        long segment = c >> 8 & 0x1f, clamp = c & 0x1f, width = 32 - segment;
        if ((c & ~0x1f1fL) != 0 || (width & (width - 1)) != 0 || clamp != (mode == ShuffleMode.Up ? 0 : 31))
            throw new PtxException($"'{i.Spelling}': the clamp value 0x{c:x} is not one CUDA's __shfl_*_sync gives");
        var value = new ShuffleExpr(_at, mode, Read(i.Operands[4], B32), Read(i.Operands[1], B32), Read(i.Operands[2], B32), Int(width, IrType.Int32));
        return [Write(i.Operands[0], value, B32)];
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
