using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Interpreter.Execution;

/// <summary>
/// Warp collectives. A lane that reaches one waits; when every lane named in its mask waits at the same
/// operation, all of them complete together (each with its own operands). Lanes that do not exist in a
/// partial last warp are left out of the mask; a named lane that exited or waits elsewhere is TR0308.
/// </summary>
internal sealed partial class Machine
{
    private static ExecutionThread? LaneOf(ExecutionThread t, int lane)
    {
        int index = (t.WarpIndex << 5) + lane;
        var threads = t.Block!.Threads;
        return index < threads.Length ? threads[index] : null;
    }

    /// <summary>The named lanes that exist in the block.</summary>
    private static uint ExistingLanes(ExecutionThread t, long mask)
    {
        int inWarp = Math.Min(32, t.Block!.Threads.Length - (t.WarpIndex << 5));
        uint exist = inWarp >= 32 ? uint.MaxValue : (1u << inWarp) - 1;
        return (uint)mask & exist;
    }

    private void ArriveAtWarpOp(ExecutionThread t)
    {
        uint mask = ExistingLanes(t, t.WarpMask);
        for (int lane = 0; lane < 32; lane++)
        {
            if ((mask & (1u << lane)) == 0) continue;
            var other = LaneOf(t, lane)!;
            if (other.Status == ThreadStatus.Exited)
                throw Located(t, Codes.WarpDivergence, $"mask 0x{(uint)t.WarpMask:x8} names lane {lane}, which has exited", t.Top, t.WaitPc);
            if (other.Status != ThreadStatus.AtWarp || !other.WaitsAtSameSite(t)) return; // not everyone is here yet
        }
        CompleteWarpOp(t, mask);
    }

    private void CompleteWarpOp(ExecutionThread t, uint mask)
    {
        var site = t.Warp!;
        var lanes = new ExecutionThread?[32];
        for (int lane = 0; lane < 32; lane++)
            if ((mask & (1u << lane)) != 0) lanes[lane] = LaneOf(t, lane);
        var results = new long[32];
        for (int lane = 0; lane < 32; lane++)
        {
            var me = lanes[lane];
            if (me is null) continue;
            results[lane] = site.Kind switch
            {
                WarpOpKind.Shuffle => Shuffle(me, lanes, lane),
                WarpOpKind.Vote => Vote(me, lanes),
                _ => 0,
            };
        }
        for (int lane = 0; lane < 32; lane++)
        {
            if (lanes[lane] is not { } me) continue;
            if (me.Destination >= 0) me.Top.Registers[me.Destination] = results[lane];
            me.Status = ThreadStatus.Runnable;
        }
    }

    /// <summary>
    /// CUDA's rules (Programming Guide, warp shuffle functions): lanes form segments of WIDTH (a power of
    /// two up to 32). idx reads lane (src mod width) of the segment; up reads lane-delta unless that leaves
    /// the segment (then the own value); down reads lane+delta likewise; xor reads lane^mask, where lanes of
    /// earlier segments may be read but a later segment gives the own value.
    /// </summary>
    private long Shuffle(ExecutionThread me, ExecutionThread?[] lanes, int lane)
    {
        long width = me.WarpWidth;
        if (width <= 0 || width > 32 || (width & (width - 1)) != 0)
            throw Located(me, Codes.WarpDivergence, $"shuffle width {width} is not a power of two between 1 and 32", me.Top, me.WaitPc);
        int w = (int)width;
        int segment = lane & ~(w - 1);
        long operand = me.WarpLane;
        int src = me.Warp!.Shuffle switch
        {
            ShuffleMode.Idx => segment + (int)(operand & (w - 1)),
            ShuffleMode.Up => operand < 0 || lane - operand < segment ? lane : lane - (int)operand,
            ShuffleMode.Down => operand < 0 || lane + operand >= segment + w ? lane : lane + (int)operand,
            _ => (lane ^ (int)(operand & 31)) is var x && x >= segment + w ? lane : lane ^ (int)(operand & 31),
        };
        // Reading a lane that does not take part is undefined in CUDA; the interpreter gives the own value.
        return lanes[src] is { } source ? source.WarpValue : me.WarpValue;
    }

    private static long Vote(ExecutionThread me, ExecutionThread?[] lanes)
    {
        uint ballot = 0;
        int members = 0, yes = 0;
        for (int lane = 0; lane < 32; lane++)
        {
            if (lanes[lane] is not { } l || (me.WarpMask & (1L << lane)) == 0) continue;
            members++;
            if (l.WarpValue != 0)
            {
                yes++;
                ballot |= 1u << lane;
            }
        }
        return me.Warp!.Vote switch
        {
            VoteMode.Any => yes > 0 ? 1 : 0,
            VoteMode.All => yes == members ? 1 : 0,
            VoteMode.Uni => yes == 0 || yes == members ? 1 : 0,
            _ => (int)ballot,
        };
    }

    /// <summary>Lanes of the warp that have not exited (a sequential interpreter has no finer notion of "converged").</summary>
    private static long ActiveMask(ExecutionThread t)
    {
        if (t.Block is null) return 1;
        uint mask = 0;
        for (int lane = 0; lane < 32; lane++)
            if (LaneOf(t, lane) is { Status: not ThreadStatus.Exited }) mask |= 1u << lane;
        return (int)mask;
    }

    private DiagnosticException WarpDeadlock(ExecutionThread t)
    {
        uint mask = ExistingLanes(t, t.WarpMask);
        for (int lane = 0; lane < 32; lane++)
        {
            if ((mask & (1u << lane)) == 0) continue;
            var other = LaneOf(t, lane)!;
            if (other.Status == ThreadStatus.AtWarp && other.WaitsAtSameSite(t)) continue;
            string where = other.Status switch
            {
                ThreadStatus.Exited => "has exited",
                ThreadStatus.AtBarrier => $"waits at the barrier at {WaitSite(other)}",
                _ => $"waits at another warp operation at {WaitSite(other)}",
            };
            return Located(t, Codes.WarpDivergence, $"lane {t.Lane} waits for mask 0x{(uint)t.WarpMask:x8}, but lane {lane} {where}", t.Top, t.WaitPc);
        }
        return Located(t, Codes.WarpDivergence, "warp operation cannot complete", t.Top, t.WaitPc);
    }

}
