using System.Runtime.InteropServices;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Kernels;
using Translate.Ir.Model;

namespace Translate.Runtime.Cpu;

/// <summary>
/// Runs a kernel launch: validates the configuration as CUDA does (error 9 for an invalid one),
/// gets the kernel compiled for the block shape, and runs the blocks on all cores. Kernels that
/// print run their blocks in order, so output is deterministic (and equal to the interpreter's).
/// </summary>
internal static unsafe class CpuLauncher
{
    private const long MaxSharedBytes = 48 * 1024;

    /// <summary>cudaErrorInvalidConfiguration (9) when a launch breaks CUDA's limits (compute capability 7.0), else null.</summary>
    public static int? ConfigurationError((int X, int Y, int Z) grid, (int X, int Y, int Z) block, long shared)
    {
        long threads = (long)block.X * block.Y * block.Z;
        if (grid.X <= 0 || grid.Y <= 0 || grid.Z <= 0 || grid.Y > 65535 || grid.Z > 65535
            || block.X <= 0 || block.Y <= 0 || block.Z <= 0 || block.X > 1024 || block.Y > 1024 || block.Z > 64 || threads > 1024
            || shared < 0 || shared > MaxSharedBytes)
            return 9;
        return null;
    }

    public static int Launch(CpuSession session, int kernelIndex, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long shared, nint args)
    {
        if (ConfigurationError(grid, block, shared) is { } invalid) return invalid;
        var program = session.Program;
        var kernel = program.Kernels[kernelIndex];
        var entry = (delegate* unmanaged<nint, nint, nint, int>)program.Kernel(kernelIndex, new BlockShape(block.X, block.Y, block.Z));
        long blocks = (long)grid.X * grid.Y * grid.Z;
        bool failed = false;

        void RunBlocks(long from, long to)
        {
            var launch = (byte*)NativeMemory.AllocZeroed(CpuAbi.LaunchSize);
            var jmpbuf = (byte*)NativeMemory.AllocZeroed(CpuAbi.JmpBufSize);
            var dynamicShared = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(shared, 16), 64);
            var saved = CpuSession.CurrentJmpBuf;
            CpuSession.CurrentJmpBuf = (nint)jmpbuf;
            try
            {
                var dims = (int*)launch;
                dims[3] = block.X; dims[4] = block.Y; dims[5] = block.Z;
                dims[6] = grid.X; dims[7] = grid.Y; dims[8] = grid.Z;
                *(nint*)(launch + CpuAbi.LaunchDynamicShared) = (nint)dynamicShared;
                for (long b = from; b < to && !Volatile.Read(ref failed); b++)
                {
                    dims[0] = (int)(b % grid.X);
                    dims[1] = (int)(b / grid.X % grid.Y);
                    dims[2] = (int)(b / ((long)grid.X * grid.Y));
                    if (entry(args, (nint)launch, (nint)jmpbuf) != 0) Volatile.Write(ref failed, true);
                }
            }
            finally
            {
                CpuSession.CurrentJmpBuf = saved;
                NativeMemory.Free(launch);
                NativeMemory.Free(jmpbuf);
                NativeMemory.AlignedFree(dynamicShared);
            }
        }

        if (Prints(kernel, program.Program.Module) || blocks == 1)
            RunBlocks(0, blocks);
        else
        {
            int workers = Math.Min(Environment.ProcessorCount, (int)Math.Min(blocks, int.MaxValue));
            long chunk = (blocks + workers - 1) / workers;
            Parallel.For(0, workers, w => RunBlocks(w * chunk, Math.Min(blocks, (w + 1) * chunk)));
        }
        return failed ? -1 : 0;
    }

    /// <summary>Whether the kernel (or a function it calls) writes output.</summary>
    private static bool Prints(FunctionDef kernel, IrModule module)
    {
        var seen = new HashSet<FunctionDef>();
        var work = new Stack<FunctionDef>([kernel]);
        while (work.Count > 0)
        {
            var f = work.Pop();
            if (!seen.Add(f) || f.Body is null) continue;
            foreach (var call in IrWalk.Descendants(f.Body).OfType<CallExpr>())
            {
                if (call.Target.External is { Name: "printf" or "puts" or "putchar" }) return true;
                if (call.Target.Function is { } callee) work.Push(callee);
            }
        }
        return false;
    }
}
