using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>Occupancy: the runtime's per-multiprocessor count, and the block size that maximizes the threads resident on
/// a multiprocessor (as cudaOccupancyMaxPotentialBlockSize chooses: every multiple of the warp size up to the limit, the
/// larger size on a tie), with the dynamic shared memory fixed or given per block size by a callback.</summary>
internal static unsafe class DriverOccupancy
{
    [UnmanagedCallersOnly(EntryPoint = "cuOccupancyMaxActiveBlocksPerMultiprocessor")]
    public static int MaxActiveBlocks(int* blocks, nint function, int blockSize, nuint dynamicShared)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int*, nint, int, nuint, int> occupancy = &Functions.OccupancyMaxActiveBlocksPerMultiprocessor;
        return Result(occupancy(blocks, function, blockSize, dynamicShared));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuOccupancyMaxPotentialBlockSize")]
    public static int MaxPotentialBlockSize(int* minGridSize, int* blockSize, nint function, delegate* unmanaged<int, nuint> sharedFor,
        nuint dynamicShared, int blockSizeLimit)
    {
        if (Ready() is var r and not 0) return r;
        if (minGridSize == null || blockSize == null) return CudaDriverResults.InvalidValue;
        delegate* unmanaged<int*, nint, int, nuint, int> occupancy = &Functions.OccupancyMaxActiveBlocksPerMultiprocessor;
        int limit = blockSizeLimit <= 0 ? CudaLimits.MaxThreadsPerBlock : Math.Min(blockSizeLimit, CudaLimits.MaxThreadsPerBlock);
        int best = 0, bestBlocks = 0;
        for (int size = (limit + 31) / 32 * 32; size > 0; size -= 32)
        {
            int candidate = Math.Min(size, limit);
            int blocks;
            if (occupancy(&blocks, function, candidate, sharedFor != null ? sharedFor(candidate) : dynamicShared) is var e and not 0) return Result(e);
            if ((long)blocks * candidate > (long)bestBlocks * best) (best, bestBlocks) = (candidate, blocks);
        }
        *blockSize = best;
        *minGridSize = bestBlocks * CudaLimits.MultiprocessorCount;
        return CudaDriverResults.Success;
    }
}
