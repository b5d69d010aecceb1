using Translate.Interpreter.Bytecode;
using Translate.Ir.Syntax;

namespace Translate.Interpreter.Execution;

/// <summary>One activation of a function: its code, registers, where it resumes, and its stack memory.</summary>
internal sealed class Frame(FunctionCode code, long[] registers, int returnDestination)
{
    public FunctionCode Function { get; } = code;
    public long[] Registers { get; } = registers;
    public int ReturnDestination { get; } = returnDestination;
    public int Pc;
    /// <summary>Stack allocations (memory variables, temporaries, <c>alloc</c>) freed when the frame returns.</summary>
    public List<long>? Allocations;
}

internal enum ThreadStatus { Runnable, AtBarrier, AtGridBarrier, AtWarp, AtActiveMask, Exited }

/// <summary>
/// A thread of execution (the host's main, or one CUDA thread): an explicit frame stack, so a thread
/// can stop at a barrier or warp collective anywhere — inside loops or called functions — and resume.
/// </summary>
internal sealed class ExecutionThread
{
    public Frame[] Frames = new Frame[8];
    public int Depth;
    public ThreadStatus Status;
    public long ReturnValue;
    /// <summary>The latest <c>(loc ...)</c> this thread passed.</summary>
    public SourceLocation? CudaLocation;

    /// <summary>Null for the host thread.</summary>
    public BlockContext? Block;
    public int X, Y, Z, Linear;
    public int Lane => Linear & 31;
    public int WarpIndex => Linear >> 5;

    // Where the thread waits (barrier or warp op), and the operands it brought.
    public FunctionCode? WaitFunction;
    public int WaitPc;
    public int BarrierKind;
    public long Predicate;
    public int Destination;
    public WarpSite? Warp;
    public long WarpMask, WarpValue, WarpLane, WarpWidth;

    public Frame Top => Frames[Depth - 1];

    public bool WaitsAtSameSite(ExecutionThread other) => WaitFunction == other.WaitFunction && WaitPc == other.WaitPc;

    public string Describe() => Block is null ? "host thread" :
        $"block ({Block.X},{Block.Y},{Block.Z}) thread ({X},{Y},{Z})";
}

/// <summary>One thread block being run: its index, dimensions, shared memory and threads.</summary>
internal sealed class BlockContext(int x, int y, int z, int[] blockDim, int[] gridDim, long[] sharedAddresses)
{
    public int X { get; } = x;
    public int Y { get; } = y;
    public int Z { get; } = z;
    public int[] BlockDim { get; } = blockDim;
    public int[] GridDim { get; } = gridDim;
    public long[] SharedAddresses { get; } = sharedAddresses;
    public ExecutionThread[] Threads { get; set; } = [];
    /// <summary>Counts the block's completed barriers: accesses in one interval may race (<see cref="Memory.SharedMemoryRaces"/>).</summary>
    public int Interval = 1;
    /// <summary>Launched with <c>launch-cooperative</c>: its grid barriers can complete.</summary>
    public bool Cooperative { get; init; }
}
