using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Model;

/// <summary>The thread-index registers: upstream <c>[tid.x]</c>… plus <c>[laneid]</c> and <c>[warpsize]</c>.</summary>
public enum SpecialRegister
{
    ThreadIdxX, ThreadIdxY, ThreadIdxZ, BlockIdxX, BlockIdxY, BlockIdxZ,
    BlockDimX, BlockDimY, BlockDimZ, GridDimX, GridDimY, GridDimZ, LaneId, WarpSize,
}

/// <summary><c>[tid.x]</c> and friends: type <c>int</c>, always non-negative.</summary>
public sealed class SpecialRegisterExpr(SourceLocation location, SpecialRegister register) : Expr(location)
{
    public SpecialRegister Register { get; } = register;
}

public enum BarrierKind { Plain, Count, And, Or }

/// <summary>
/// <c>[__syncthreads]</c> (void) and extensions <c>(syncthreads-count P)</c> (int),
/// <c>(syncthreads-and P)</c>, <c>(syncthreads-or P)</c> (bool): a block-wide barrier.
/// </summary>
public sealed class BarrierExpr(SourceLocation location, BarrierKind kind, Expr? predicate) : Expr(location)
{
    public BarrierKind Kind { get; } = kind;
    public Expr? Predicate { get; } = predicate;
}

/// <summary>
/// Extension <c>(grid-sync)</c>: <c>grid.sync()</c> of cooperative groups. Every thread of the grid waits
/// until every thread still running reached a grid barrier; only meaningful in a cooperative launch.
/// </summary>
public sealed class GridSyncExpr(SourceLocation location) : Expr(location);

/// <summary>Extension <c>(syncwarp MASK)</c>: the lanes in MASK wait for each other.</summary>
public sealed class SyncWarpExpr(SourceLocation location, Expr mask) : Expr(location)
{
    public Expr Mask { get; } = mask;
}

/// <summary>Memory scopes: who is guaranteed to observe an atomic or fence.</summary>
public enum MemoryScope { Block, Device, System }

/// <summary>Memory orders, as in C++ (consume is not offered).</summary>
public enum MemoryOrder { Relaxed, Acquire, Release, AcqRel, SeqCst }

/// <summary>Extension <c>(fence SCOPE ORDER)</c>: <c>__threadfence_block</c> is <c>(fence block seq_cst)</c>.</summary>
public sealed class FenceExpr(SourceLocation location, MemoryScope scope, MemoryOrder order) : Expr(location)
{
    public MemoryScope Scope { get; } = scope;
    public MemoryOrder Order { get; } = order;
}

/// <summary>Read-modify-write operations of <c>atomic-rmw</c>.</summary>
public enum AtomicOp { Add, Sub, Exch, And, Or, Xor, Min, Max, UMin, UMax, UInc, UDec, FAdd, FMin, FMax }

/// <summary>Extension <c>(atomic-rmw OP P V SCOPE ORDER)</c>: atomically applies OP at P; yields the old value.</summary>
public sealed class AtomicRmwExpr(SourceLocation location, AtomicOp op, Expr pointer, Expr value, MemoryScope scope,
    MemoryOrder order) : Expr(location)
{
    public AtomicOp Op { get; } = op;
    public Expr Pointer { get; } = pointer;
    public Expr Value { get; } = value;
    public MemoryScope Scope { get; } = scope;
    public MemoryOrder Order { get; } = order;
}

/// <summary>Extension <c>(atomic-cas P EXPECTED DESIRED SCOPE ORDER)</c>: yields the old value.</summary>
public sealed class AtomicCasExpr(SourceLocation location, Expr pointer, Expr expected, Expr desired, MemoryScope scope,
    MemoryOrder order) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
    public Expr Expected { get; } = expected;
    public Expr Desired { get; } = desired;
    public MemoryScope Scope { get; } = scope;
    public MemoryOrder Order { get; } = order;
}

/// <summary>Extension <c>(atomic-load P SCOPE ORDER)</c>.</summary>
public sealed class AtomicLoadExpr(SourceLocation location, Expr pointer, MemoryScope scope, MemoryOrder order) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
    public MemoryScope Scope { get; } = scope;
    public MemoryOrder Order { get; } = order;
}

/// <summary>Extension <c>(atomic-store P V SCOPE ORDER)</c>.</summary>
public sealed class AtomicStoreExpr(SourceLocation location, Expr pointer, Expr value, MemoryScope scope, MemoryOrder order) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
    public Expr Value { get; } = value;
    public MemoryScope Scope { get; } = scope;
    public MemoryOrder Order { get; } = order;
}

public enum ShuffleMode { Idx, Up, Down, Xor }

/// <summary>
/// Extension <c>(shfl MODE MASK VALUE LANE WIDTH)</c>: <c>__shfl_sync</c> (idx), <c>_up</c>, <c>_down</c>,
/// <c>_xor</c> with CUDA's exact width and clamping rules.
/// </summary>
public sealed class ShuffleExpr(SourceLocation location, ShuffleMode mode, Expr mask, Expr value, Expr lane, Expr width) : Expr(location)
{
    public ShuffleMode Mode { get; } = mode;
    public Expr Mask { get; } = mask;
    public Expr Value { get; } = value;
    public Expr Lane { get; } = lane;
    public Expr Width { get; } = width;
}

public enum VoteMode { Any, All, Uni, Ballot }

/// <summary>Extension <c>(vote MODE MASK PRED)</c>: any/all/uni yield bool, ballot yields int.</summary>
public sealed class VoteExpr(SourceLocation location, VoteMode mode, Expr mask, Expr predicate) : Expr(location)
{
    public VoteMode Mode { get; } = mode;
    public Expr Mask { get; } = mask;
    public Expr Predicate { get; } = predicate;
}

/// <summary>Extension <c>[activemask]</c>: the lanes of the warp executing together now (int).</summary>
public sealed class ActiveMaskExpr(SourceLocation location) : Expr(location);

/// <summary>
/// Extension <c>[clock64]</c>: a per-device counter that only grows (int64; CUDA's <c>clock64()</c>, and
/// <c>clock()</c> truncated). Its unit is the device's own (cycles or nanoseconds); only differences mean anything.
/// </summary>
public sealed class ClockExpr(SourceLocation location) : Expr(location);

/// <summary>
/// Extension <c>[globaltimer]</c>: nanoseconds of a device-wide timer that never decreases (int64; PTX's
/// <c>%globaltimer</c>). Unlike <c>[clock64]</c> its unit is fixed, so a program may wait for a duration.
/// </summary>
public sealed class GlobalTimerExpr(SourceLocation location) : Expr(location);

/// <summary>
/// Extension <c>(warning CODE)</c>: reports the warning <c>CODE</c> (a <c>TRnnnn</c> of severity warning) at this form's
/// source position the first time a thread of the run reaches it, on the targets that report warnings while a program
/// runs (cpu, opencl); no other effect. Passes insert it where they give undefined CUDA behaviour a meaning (TR0321).
/// </summary>
public sealed class WarningExpr(SourceLocation location, Diagnostics.DiagnosticCode code) : Expr(location)
{
    public Diagnostics.DiagnosticCode Code { get; } = code;
}

/// <summary>Extension <c>(trap)</c>: stops the program with an error (CUDA's <c>__trap</c>, failed <c>assert</c>).</summary>
public sealed class TrapExpr(SourceLocation location, bool isAssert = false) : Expr(location)
{
    /// <summary><c>(trap assert)</c>: the stop of a failed <c>assert</c>, which CUDA reports as cudaErrorAssert.</summary>
    public bool IsAssert { get; } = isAssert;
}

/// <summary>Extension <c>(math NAME ARG...)</c>: a portable math operation (see <see cref="Semantics.MathOps"/>).</summary>
public sealed class MathExpr(SourceLocation location, string name, IReadOnlyList<Expr> arguments) : Expr(location)
{
    public string Name { get; } = name;
    public IReadOnlyList<Expr> Arguments { get; } = arguments;
}

/// <summary>
/// Extension <c>(launch KERNEL (grid X Y Z) (block X Y Z) (shared BYTES) (stream S) ARG...)</c>:
/// CUDA's <c>kernel&lt;&lt;&lt;grid, block, bytes, stream&gt;&gt;&gt;(args)</c> from host code.
/// Yields the launch's error code (int, 0 = cudaSuccess) and records it as the last error.
/// </summary>
public sealed class LaunchExpr(SourceLocation location, string kernel, IReadOnlyList<Expr> grid, IReadOnlyList<Expr> block,
    Expr sharedBytes, Expr stream, IReadOnlyList<Expr> arguments, bool cooperative = false) : Expr(location)
{
    /// <summary><c>launch-cooperative</c> (<c>cudaLaunchCooperativeKernel</c>): every block is resident at once, so <c>(grid-sync)</c> can complete.</summary>
    public bool Cooperative { get; } = cooperative;
    public string Kernel { get; } = kernel;
    public IReadOnlyList<Expr> Grid { get; } = grid;
    public IReadOnlyList<Expr> Block { get; } = block;
    public Expr SharedBytes { get; } = sharedBytes;
    public Expr Stream { get; } = stream;
    public IReadOnlyList<Expr> Arguments { get; } = arguments;
}
