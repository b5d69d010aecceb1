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
    /// CUDA's rules (Programming Guide, warp shuffle functions; PTX shfl.sync for the operand's bits): lanes form
    /// segments of WIDTH (a power of two up to 32). idx reads lane (src mod width) of the segment; up reads lane-delta unless that leaves
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
        // PTX's shfl reads the lane or offset operand's low five bits (bval = b[4:0]): a delta of 33 moves by 1.
        long operand = me.WarpLane & 31;
        int src = me.Warp!.Shuffle switch
        {
            ShuffleMode.Idx => segment + (int)(operand & (w - 1)),
            ShuffleMode.Up => lane - operand < segment ? lane : lane - (int)operand,
            ShuffleMode.Down => lane + operand >= segment + w ? lane : lane + (int)operand,
            _ => (lane ^ (int)operand) is var x && x >= segment + w ? lane : lane ^ (int)operand,
        };
        // Reading a lane that does not take part (outside the mask, or past the end of a partial warp) is
        // undefined in CUDA (docs/ir/warps.md, rule 3). NVIDIA GPUs give 0, and cpu and opencl do too with a warning
        // (TR0319); the checking interpreter stops, so a program that depends on it is found here.
        if (lanes[src] is { } source) return source.WarpValue;
        throw Located(me, Codes.WarpDivergence,
            $"the shuffle of lane {lane} reads lane {src}, which does not take part ({(LaneOf(me, src) is null ? "past the end of the block" : $"not in mask 0x{(uint)me.WarpMask:x8}")}); CUDA leaves its value undefined (NVIDIA GPUs give 0, as cpu and opencl do with warning TR0319)",
            me.Top, me.WaitPc);
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

    /// <summary>
    /// Completes <c>[activemask]</c> once no thread of the block can run: in each warp, the lanes waiting at
    /// the same activemask, reached through the same calls, receive exactly that set (lanes on the other side
    /// of a branch, in another iteration or exited are clear). When a warp's lanes wait at several, the one
    /// earliest in the code goes first — the lanes still inside a branch or loop — so lanes that leave it
    /// rejoin the others at the next one, as structured code reconverges. True when some lane was released.
    /// </summary>
    private static bool ReleaseActiveMasks(ExecutionThread[] threads)
    {
        bool released = false;
        for (int warp = 0; warp < threads.Length; warp += 32)
        {
            int end = Math.Min(warp + 32, threads.Length);
            ExecutionThread? first = null;
            for (int k = warp; k < end; k++)
                if (threads[k].Status == ThreadStatus.AtActiveMask && (first is null || EarlierInCode(threads[k], first)))
                    first = threads[k];
            if (first is null) continue;
            uint mask = 0;
            for (int k = warp; k < end; k++)
                if (threads[k].Status == ThreadStatus.AtActiveMask && SameCallPath(threads[k], first)) mask |= 1u << threads[k].Lane;
            for (int k = warp; k < end; k++)
            {
                var t = threads[k];
                if (t.Status != ThreadStatus.AtActiveMask || !SameCallPath(t, first)) continue;
                t.Top.Registers[t.Destination] = (int)mask;
                t.Status = ThreadStatus.Runnable;
            }
            released = true;
        }
        return released;
    }

    /// <summary>The same point in the same function of every active call (a function called from both arms of a branch differs).</summary>
    private static bool SameCallPath(ExecutionThread a, ExecutionThread b)
    {
        if (a.Depth != b.Depth) return false;
        for (int k = 0; k < a.Depth; k++)
            if (a.Frames[k].Function != b.Frames[k].Function || a.Frames[k].Pc != b.Frames[k].Pc) return false;
        return true;
    }

    /// <summary>The first call (from the kernel inwards) where the two paths part is at an earlier place in <paramref name="a"/>.</summary>
    private static bool EarlierInCode(ExecutionThread a, ExecutionThread b)
    {
        for (int k = 0; k < Math.Min(a.Depth, b.Depth); k++)
        {
            if (a.Frames[k].Function != b.Frames[k].Function) return false;
            if (a.Frames[k].Pc != b.Frames[k].Pc) return a.Frames[k].Pc < b.Frames[k].Pc;
        }
        return false;
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
