using Translate.DeviceContract;
using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Dispatch;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Interpreter.Execution;

internal sealed partial class Machine
{
    /// <summary>
    /// Runs a kernel to completion over its grid, one block after another (a cooperative launch: all
    /// blocks at once, so grid barriers complete); returns the CUDA error code (an invalid configuration
    /// is returned and recorded as the last error, not thrown).
    /// </summary>
    /// <summary>How many grids launched from device code are running (each inside its parent's launch).</summary>
    private int _launchDepth;

    private long Launch(ExecutionThread host, LaunchSite site, long[] regs)
    {
        bool fromDevice = host.Block is not null;
        if (fromDevice && _launchDepth + 1 >= CudaLimits.MaxLaunchDepth)
            throw new RuntimeError(Codes.BadLaunch, $"a kernel launched from device code failed: {CudaErrorCodes.Name(CudaErrorCodes.LaunchMaxDepthExceeded)} (kernels launched kernels {CudaLimits.MaxLaunchDepth} deep)");
        if (fromDevice) _launchDepth++;
        long error;
        try { error = LaunchGrid(host, site, regs); }
        finally { if (fromDevice) _launchDepth--; }
        // A launch from device code (dynamic parallelism) runs its grid now; device code has no last
        // error to look at (cuda_device_runtime_api.h), so a refused launch stops the program.
        if (fromDevice && error != CudaErrorCodes.Success)
            throw new RuntimeError(Codes.BadLaunch, $"a kernel launched from device code failed: {CudaErrorCodes.Name((int)error)}");
        return error;
    }

    private long LaunchGrid(ExecutionThread host, LaunchSite site, long[] regs) =>
        LaunchGrid(site.Kernel, site.Grid.Select(r => regs[r]).ToArray(), site.Block.Select(r => regs[r]).ToArray(), regs[site.SharedBytes],
            site.Arguments.Select(r => regs[r]).ToArray(), site.Cooperative);

    /// <summary>
    /// Runs <paramref name="kernel"/> over its grid with argument registers <paramref name="args"/>; returns the CUDA
    /// error code. <paramref name="sharedLimit"/>: the shared memory a block may have (a build-mode runtime checks a
    /// kernel's own opt-in limit before and passes the device's).
    /// </summary>
    public long LaunchGrid(FunctionCode kernel, long[] grid, long[] block, long dynamicShared, long[] args, bool cooperative,
        long sharedLimit = CudaLimits.SharedBytesPerBlock)
    {
        if (Cuda.StickyError is var sticky and not 0) return sticky;
        Program.EnsureCompiled(kernel);
        var staticShared = StaticSharedOf(kernel);
        long staticBytes = staticShared.Sum(d => Program.Layout.SizeOf(d.Type));
        if (!CudaLimits.AllowsLaunch(grid[0], grid[1], grid[2], block[0], block[1], block[2], dynamicShared, staticBytes, sharedLimit))
            return Cuda.Fail(CudaErrorCodes.InvalidConfiguration);
        if (cooperative && !CudaLimits.FitsCooperativeLaunch(grid[0] * grid[1] * grid[2], block[0] * block[1] * block[2], dynamicShared + staticBytes))
            return Cuda.Fail(CudaErrorCodes.CooperativeLaunchTooLarge);

        int[] gridDim = [(int)grid[0], (int)grid[1], (int)grid[2]];
        int[] blockDim = [(int)block[0], (int)block[1], (int)block[2]];
        if (Dispatcher is not null)
        {
            int error = Dispatcher.Launch(new KernelLaunch(kernel.Definition, gridDim, blockDim, dynamicShared, args, cooperative),
                new HeapDeviceMemory(Program));
            return Cuda.Fail(error);
        }
        bool wasHost = Heap.UseSide(host: false);
        try
        {
            var blocks = new List<BlockContext>();
            for (int bz = 0; bz < gridDim[2]; bz++)
            for (int by = 0; by < gridDim[1]; by++)
                for (int bx = 0; bx < gridDim[0]; bx++)
                {
                    var b = new BlockContext(bx, by, bz, blockDim, gridDim, AllocateShared(bx, by, bz, dynamicShared)) { Cooperative = cooperative };
                    StartBlock(kernel, args, b);
                    if (cooperative) blocks.Add(b);
                    else FinishBlock(RunUntilGridBarrier(b));
                }
            if (cooperative) RunGrid(blocks);
        }
        finally
        {
            Heap.UseSide(wasHost);
        }
        return CudaErrorCodes.Success;
    }

    /// <summary>Static shared arrays counted against a kernel's limit: the module's top-level ones and the kernel's own.</summary>
    private IEnumerable<SharedDef> StaticSharedOf(FunctionCode kernel) =>
        Program.Module.SharedVariables.Concat(kernel.Definition.Symbols.Where(s => s.Kind == SymbolKind.Shared)
            .Select(s => s.Definition).OfType<SharedDef>()).Where(d => !d.IsDynamic);

    /// <summary>Fresh shared memory for one block; every dynamic <c>(arr 0 T)</c> array names the same buffer.</summary>
    private long[] AllocateShared(int bx, int by, int bz, long dynamicBytes)
    {
        var slots = Program.SharedVariables;
        var addresses = new long[slots.Count];
        long dynamic = 0;
        for (int i = 0; i < slots.Count; i++)
        {
            var d = slots[i];
            if (d.IsDynamic)
            {
                if (dynamic == 0) dynamic = Heap.Allocate(dynamicBytes, AllocationKind.Shared, $"dynamic shared memory of block ({bx},{by},{bz})");
                addresses[i] = dynamic;
            }
            else addresses[i] = Heap.Allocate(Program.Layout.SizeOf(d.Type), AllocationKind.Shared, $"shared '{d.Name}' of block ({bx},{by},{bz})");
        }
        return addresses;
    }

    /// <summary>Creates a block's threads, ready to run.</summary>
    private void StartBlock(FunctionCode kernel, long[] args, BlockContext block)
    {
        int nx = block.BlockDim[0], ny = block.BlockDim[1], nz = block.BlockDim[2];
        var threads = new ExecutionThread[nx * ny * nz];
        block.Threads = threads;
        // Kernel arguments passed by value (structs) are copied from the host's frame: both sides for that moment.
        Heap.AllowBothSides();
        for (int z = 0, n = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, n++)
                {
                    var t = StartThread(kernel, args, block);
                    t.X = x; t.Y = y; t.Z = z; t.Linear = n;
                    threads[n] = t;
                }
        Heap.UseSide(host: false);
    }

    /// <summary>
    /// Runs a block: each runnable thread runs until it exits or waits; when none can run, a barrier
    /// that every live thread reached is released, and anything else is a deadlock reported with its
    /// places. Returns when every thread exited, or every live one waits at a grid barrier.
    /// </summary>
    private BlockContext RunUntilGridBarrier(BlockContext block)
    {
        var threads = block.Threads;
        while (true)
        {
            bool ran = false;
            foreach (var t in threads)
                if (t.Status == ThreadStatus.Runnable)
                {
                    Run(t);
                    ran = true;
                }
            if (ran) continue;
            if (ReleaseActiveMasks(threads)) continue;
            if (threads.All(t => t.Status is ThreadStatus.Exited or ThreadStatus.AtGridBarrier)) return block;
            if (threads.FirstOrDefault(t => t.Status == ThreadStatus.AtWarp) is { } stuck) throw WarpDeadlock(stuck);
            ReleaseBarrier(threads);
        }
    }

    private void FinishBlock(BlockContext block)
    {
        foreach (var a in block.SharedAddresses.Distinct()) Heap.Release(a);
    }

    /// <summary>
    /// A cooperative launch: every block is live at once. Each block runs until its threads exited or
    /// wait at a grid barrier; the barrier is released when every block's live threads wait at it.
    /// A block that finished while others wait could never arrive: TR0317 (CUDA hangs).
    /// </summary>
    private void RunGrid(List<BlockContext> blocks)
    {
        while (true)
        {
            foreach (var b in blocks) RunUntilGridBarrier(b);
            var waiting = blocks.Where(b => b.Threads.Any(t => t.Status == ThreadStatus.AtGridBarrier)).ToList();
            if (waiting.Count == 0) break;
            if (blocks.FirstOrDefault(b => b.Threads.All(t => t.Status == ThreadStatus.Exited)) is { } done)
            {
                var w = waiting[0].Threads.First(t => t.Status == ThreadStatus.AtGridBarrier);
                throw Located(w, Codes.GridBarrierIncomplete,
                    $"block ({done.X},{done.Y},{done.Z}) finished without reaching this grid barrier, so it could never complete", w.Top, w.WaitPc);
            }
            foreach (var b in waiting)
            {
                var live = b.Threads.Where(t => t.Status == ThreadStatus.AtGridBarrier).ToList();
                if (live.FirstOrDefault(t => !t.WaitsAtSameSite(live[0])) is { } other)
                    throw BarrierError(live[0], $"threads of a block wait at different grid barriers: thread ({live[0].X},{live[0].Y},{live[0].Z}) " +
                        $"at {WaitSite(live[0])}, thread ({other.X},{other.Y},{other.Z}) at {WaitSite(other)}");
                foreach (var t in live) t.Status = ThreadStatus.Runnable;
                b.Interval++;
            }
        }
        foreach (var b in blocks) FinishBlock(b);
    }

    private void ReleaseBarrier(ExecutionThread[] threads)
    {
        var waiting = threads.Where(t => t.Status is ThreadStatus.AtBarrier or ThreadStatus.AtGridBarrier).ToList();
        var first = waiting[0];
        // Threads that have exited take no part, as on NVIDIA hardware (docs/ir/barriers.md): the
        // barrier completes when every thread still running waits at it.
        if (waiting.FirstOrDefault(t => !t.WaitsAtSameSite(first)) is { } other)
            throw BarrierError(first, $"threads wait at different barriers: thread ({first.X},{first.Y},{first.Z}) at {WaitSite(first)}, " +
                $"thread ({other.X},{other.Y},{other.Z}) at {WaitSite(other)}");
        long count = waiting.Count(t => t.Predicate != 0);
        first.Block!.Interval++;
        foreach (var t in waiting)
        {
            long result = (BarrierKind)t.BarrierKind switch
            {
                BarrierKind.Count => count,
                BarrierKind.And => count == waiting.Count ? 1 : 0,
                BarrierKind.Or => count > 0 ? 1 : 0,
                _ => 0,
            };
            if ((BarrierKind)t.BarrierKind != BarrierKind.Plain) t.Top.Registers[t.Destination] = result;
            t.Status = ThreadStatus.Runnable;
        }
    }

    private DiagnosticException BarrierError(ExecutionThread t, string message) =>
        Located(t, Codes.BarrierDivergence, message, t.Top, t.WaitPc);
}
