using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Kernels;
using Translate.DeviceContract;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Transformations;

namespace Translate.Runtime.Cpu;

/// <summary>
/// Runs a kernel launch: validates the configuration as CUDA does (cudaErrorInvalidConfiguration for an invalid one),
/// gets the kernel compiled for the block shape, and runs the blocks on all cores. Kernels that
/// print run their blocks in order, so output is deterministic (and equal to the interpreter's).
/// A cooperative launch runs every block at once, each on its own OS thread, so a grid barrier can complete.
/// A launch from a running kernel (dynamic parallelism) runs its grid on the launching thread, to
/// completion, with a launch record, jmp_buf and dynamic shared memory of its own.
/// </summary>
internal static unsafe class CpuLauncher
{
    /// <summary>Launches running on this thread: more than zero while a block runs, so a launch now comes from device code.</summary>
    [ThreadStatic] private static int _depth;

    /// <summary>Whether the calling thread is running a kernel's block (a launch from it is a device-side launch).</summary>
    public static bool InKernel => _depth > 0;

    /// <summary>cudaErrorInvalidConfiguration when a launch breaks CUDA's limits (<see cref="CudaLimits"/>), else null.</summary>
    /// <paramref name="sharedLimit"/>: the most shared memory the launch may ask for (a kernel that opted in may have more).
    public static int? ConfigurationError((int X, int Y, int Z) grid, (int X, int Y, int Z) block, long shared,
        long sharedLimit = CudaLimits.SharedBytesPerBlock) =>
        CudaLimits.AllowsLaunch(grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, shared, sharedLimit: sharedLimit) ? null : CudaErrorCodes.InvalidConfiguration;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Launch(CpuSession session, int kernelIndex, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long shared, nint args,
        bool cooperative = false, long sharedLimit = CudaLimits.SharedBytesPerBlock)
    {
        if (ConfigurationError(grid, block, shared, sharedLimit) is { } invalid) return invalid;
        if (_depth >= CudaLimits.MaxLaunchDepth) return CudaErrorCodes.LaunchMaxDepthExceeded;
        var program = session.Program;
        string kernel = program.Kernels[kernelIndex].Name;
        long blocks = (long)grid.X * grid.Y * grid.Z;
        if (cooperative && !CudaLimits.FitsCooperativeLaunch(blocks, (long)block.X * block.Y * block.Z,
                shared + SharedMemoryLayout.KernelBytes(program.Program, program.Kernels[kernelIndex])))
            return CudaErrorCodes.CooperativeLaunchTooLarge;
        // One-column blocks of a kernel whose threads share nothing: its twin runs ColumnBlocks.Width of them side by side.
        if (!cooperative && block.X == 1 && grid.X % ColumnBlocks.Width == 0 && session.ColumnTwin(kernelIndex) is var twin and >= 0)
        {
            kernelIndex = twin;
            grid = (grid.X / ColumnBlocks.Width, grid.Y, grid.Z);
            block = (ColumnBlocks.Width, block.Y, block.Z);
            blocks = (long)grid.X * grid.Y * grid.Z;
        }
        var entry = (delegate* unmanaged<nint, nint, nint, long, long, int>)program.Kernel(kernelIndex, new BlockShape(block.X, block.Y, block.Z));
        var fault = new FaultReport(session, kernel, session.FaultMessage(kernelIndex));
        if (cooperative) return LaunchCooperative(session, new Blocks(entry, grid, block, shared, args, blocks, (int)blocks, fault));
        if (session.KernelPrints(kernelIndex) || blocks == 1 || InKernel)
        {
            // In block order on this thread: output is deterministic (and equal to the interpreter's);
            // a launch from device code runs here too (the workers may all be running its parents).
            var job = new Blocks(entry, grid, block, shared, args, blocks, 1, fault);
            job.Participate();
            job.ThrowIfFailed();
            return job.Failed ? -1 : 0;
        }
        var parallel = new Blocks(entry, grid, block, shared, args, blocks, BlockScheduler.Shared.Participants, fault);
        BlockScheduler.Shared.Run(parallel);
        return parallel.Failed ? -1 : 0;
    }

    /// <summary>Every block on its own OS thread, all live at once, sharing one grid barrier.</summary>
    private static int LaunchCooperative(CpuSession session, Blocks job)
    {
        var barrier = new GridBarrier(session, job.Total);
        var threads = new Thread[job.Total];
        for (long b = 0; b < job.Total; b++)
        {
            long index = b;
            threads[b] = new Thread(() => job.RunCooperative(index, barrier), CooperativeStackBytes) { IsBackground = true, Name = $"translate-grid-{b}" };
            threads[b].Start();
        }
        foreach (var t in threads) t.Join();
        job.ThrowIfFailed();
        return job.Failed ? -1 : 0;
    }

    /// <summary>Stack of a cooperative block's thread: as a worker of <see cref="BlockScheduler"/>.</summary>
    private const int CooperativeStackBytes = 16 << 20;

    /// <summary>Who hears of a fault in a launch's blocks (<see cref="FaultReporter"/>): the session, as a TR0320 naming the kernel; or, where the run cannot unwind, standard error with <paramref name="Message"/>.</summary>
    private sealed record FaultReport(CpuSession Session, string Kernel, nint Message);

    /// <summary>The blocks of one launch: each runs the compiled block entry with its index in the launch record.</summary>
    private sealed class Blocks(delegate* unmanaged<nint, nint, nint, long, long, int> entry, (int X, int Y, int Z) grid, (int X, int Y, int Z) block,
        long shared, nint args, long total, int participants, FaultReport fault) : BlockJob(total, participants)
    {
        private volatile bool _failed;
        public bool Failed => _failed;

        /// <summary>Block <paramref name="b"/> of a cooperative launch, on the calling thread; then it leaves the grid barrier.</summary>
        public void RunCooperative(long b, GridBarrier barrier)
        {
            GridBarrier.Current = barrier;
            try
            {
                RunRange(b, b + 1);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref Failure, e, null);
                _failed = true;
            }
            finally
            {
                GridBarrier.Current = null;
                if (_failed) barrier.Break();
                else barrier.Finished();
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void RunRange(long from, long to)
        {
            bool nested = InKernel;
            var scratch = nested ? new BlockScratch(shared) : BlockScratch.ForThisThread(shared);
            var launch = scratch.Launch;
            var saved = CpuSession.CurrentJmpBuf;
            CpuSession.CurrentJmpBuf = scratch.JmpBuf;
            // Runs per chunk of blocks: the thread's mark cell is kept in its scratch (a call into libc per chunk showed in launch times).
            var faultCell = nested ? FaultReporter.ThreadCell() : scratch.FaultCell;
            var outerFault = FaultReporter.Enter(faultCell, fault.Message, scratch.JmpBuf);
            _depth++;
            try
            {
                var dims = (int*)launch;
                dims[3] = block.X; dims[4] = block.Y; dims[5] = block.Z;
                dims[6] = grid.X; dims[7] = grid.Y; dims[8] = grid.Z;
                *(nint*)(launch + CpuAbi.LaunchDynamicShared) = scratch.DynamicShared;
                // The compiled entry runs the whole range (a failing block ends it).
                if (!_failed && entry(args, (nint)launch, scratch.JmpBuf, from, to) != 0)
                {
                    _failed = true;
                    if (FaultReporter.TakeFault(faultCell, out nint address)) fault.Session.Fail(FaultReporter.KernelFault(fault.Kernel, address));
                }
            }
            finally
            {
                _depth--;
                FaultReporter.Leave(faultCell, outerFault);
                CpuSession.CurrentJmpBuf = saved;
                if (nested) scratch.Free();
            }
        }
    }

    /// <summary>A thread's launch record, jmp_buf and dynamic shared memory, kept between launches.</summary>
    private sealed class BlockScratch
    {
        [ThreadStatic] private static BlockScratch? _mine;

        public readonly byte* Launch = (byte*)NativeMemory.AllocZeroed(CpuAbi.LaunchSize);
        public readonly nint JmpBuf = (nint)NativeMemory.AllocZeroed(CpuAbi.JmpBufSize);
        /// <summary>The thread's <see cref="FaultReporter"/> mark (used by the thread's own scratch, not a nested launch's).</summary>
        public readonly nint* FaultCell = FaultReporter.ThreadCell();
        public nint DynamicShared { get; private set; }
        private long _sharedCapacity;

        public BlockScratch() { }

        /// <summary>A scratch of its own, for a launch from device code (the thread's own is in use).</summary>
        public BlockScratch(long sharedBytes)
        {
            _sharedCapacity = Math.Max(sharedBytes, 16);
            DynamicShared = (nint)NativeMemory.AlignedAlloc((nuint)_sharedCapacity, 64);
        }

        public void Free()
        {
            NativeMemory.Free(Launch);
            NativeMemory.Free((void*)JmpBuf);
            NativeMemory.AlignedFree((void*)DynamicShared);
        }

        public static BlockScratch ForThisThread(long sharedBytes)
        {
            var s = _mine ??= new BlockScratch();
            if (s._sharedCapacity < sharedBytes || s.DynamicShared == 0)
            {
                if (s.DynamicShared != 0) NativeMemory.AlignedFree((void*)s.DynamicShared);
                s._sharedCapacity = Math.Max(sharedBytes, 16);
                s.DynamicShared = (nint)NativeMemory.AlignedAlloc((nuint)s._sharedCapacity, 64);
            }
            return s;
        }
    }

    /// <summary>
    /// Whether the kernel (or a function it calls) writes output. A failed <c>assert</c>'s report does not
    /// count: it is printed as the program stops, so it needs no order among blocks (a kernel with an
    /// assert keeps all cores).
    /// </summary>
    internal static bool Prints(FunctionDef kernel, IrModule module)
    {
        var seen = new HashSet<FunctionDef>();
        var work = new Stack<FunctionDef>([kernel]);
        while (work.Count > 0)
        {
            var f = work.Pop();
            if (!seen.Add(f) || f.Body is null) continue;
            var assertReports = IrTraversal.AllNodes(f.Body).OfType<BeginExpr>()
                .Where(b => b.Result is TrapExpr { IsAssert: true })
                .SelectMany(b => b.Statements.Statements.OfType<ExprStmt>().Select(s => s.Expression)).ToHashSet();
            foreach (var call in IrTraversal.AllNodes(f.Body).OfType<CallExpr>())
            {
                if (assertReports.Contains(call)) continue;
                if (call.Target.External is { Name: "printf" or "puts" or "putchar" }) return true;
                if (call.Target.Function is { } callee) work.Push(callee);
            }
        }
        return false;
    }
}
