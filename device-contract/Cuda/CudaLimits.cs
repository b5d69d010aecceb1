namespace Translate.DeviceContract;

/// <summary>
/// The limits of the device every device of ours presents to CUDA code: compute capability 7.0, whose
/// semantics (independent thread scheduling, *_sync warp operations) the translation keeps, with its
/// launch limits and per-multiprocessor resources. Launches are validated against these; the device
/// properties the runtimes report are these.
/// </summary>
public static class CudaLimits
{
    public const int ComputeCapabilityMajor = 7, ComputeCapabilityMinor = 0;

    /// <summary>The CUDA version whose runtime API is implemented (12.4), as cudaRuntimeGetVersion reports it.</summary>
    public const int RuntimeVersion = 12040;

    /// <summary>How deep kernels may launch kernels (the programming guide's nesting depth for dynamic parallelism).</summary>
    public const int MaxLaunchDepth = 24;

    public const int MaxThreadsPerBlock = 1024, MaxBlockDimX = 1024, MaxBlockDimY = 1024, MaxBlockDimZ = 64;
    public const int MaxGridDimX = int.MaxValue, MaxGridDimY = 65535, MaxGridDimZ = 65535;

    /// <summary>Shared memory a block may have, static and dynamic together (also the drivers' default dynamic limit).</summary>
    public const int SharedBytesPerBlock = 48 * 1024;

    /// <summary>
    /// The most a block may have after the kernel opts in with cudaFuncSetAttribute(MaxDynamicSharedMemorySize):
    /// compute capability 7.0's 96 KiB (cudaDevAttrMaxSharedMemoryPerBlockOptin).
    /// </summary>
    public const int SharedBytesPerBlockOptin = 96 * 1024;

    public const int SharedBytesPerMultiprocessor = 96 * 1024, MaxThreadsPerMultiprocessor = 2048, MaxBlocksPerMultiprocessor = 32;

    /// <summary>Multiprocessors the device reports: one per core of this machine.</summary>
    public static int MultiprocessorCount => Environment.ProcessorCount;

    /// <summary>
    /// Blocks of <paramref name="blockSize"/> threads using <paramref name="sharedBytes"/> of shared memory
    /// (static and dynamic) that fit on one multiprocessor at once, by threads (in whole warps), block slots
    /// and shared memory: what cudaOccupancyMaxActiveBlocksPerMultiprocessor reports.
    /// </summary>
    public static int MaxActiveBlocksPerMultiprocessor(long blockSize, long sharedBytes)
    {
        if (blockSize <= 0 || blockSize > MaxThreadsPerBlock || sharedBytes > SharedBytesPerBlockOptin) return 0;
        long byThreads = MaxThreadsPerMultiprocessor / ((blockSize + 31) / 32 * 32);
        long byShared = sharedBytes == 0 ? long.MaxValue : SharedBytesPerMultiprocessor / sharedBytes;
        return (int)Math.Min(MaxBlocksPerMultiprocessor, Math.Min(byThreads, byShared));
    }

    /// <summary>
    /// Whether a cooperative launch's grid can be resident all at once (otherwise CUDA returns
    /// cudaErrorCooperativeLaunchTooLarge): at most the occupancy times the multiprocessor count.
    /// </summary>
    public static bool FitsCooperativeLaunch(long gridBlocks, long blockSize, long sharedBytes) =>
        gridBlocks <= (long)MaxActiveBlocksPerMultiprocessor(blockSize, sharedBytes) * MultiprocessorCount;

    /// <summary>
    /// Whether a launch keeps to the limits; when it does not, CUDA returns cudaErrorInvalidConfiguration.
    /// <paramref name="staticSharedBytes"/> is what the kernel declares, counted against the same limit,
    /// <paramref name="sharedLimit"/> (<see cref="SharedBytesPerBlock"/> unless the kernel opted in to more).
    /// </summary>
    public static bool AllowsLaunch(long gridX, long gridY, long gridZ, long blockX, long blockY, long blockZ,
        long dynamicSharedBytes, long staticSharedBytes = 0, long sharedLimit = SharedBytesPerBlock) =>
        gridX > 0 && gridY > 0 && gridZ > 0 && gridX <= MaxGridDimX && gridY <= MaxGridDimY && gridZ <= MaxGridDimZ
        && blockX > 0 && blockY > 0 && blockZ > 0 && blockX <= MaxBlockDimX && blockY <= MaxBlockDimY && blockZ <= MaxBlockDimZ
        && blockX * blockY * blockZ <= MaxThreadsPerBlock
        && dynamicSharedBytes >= 0 && dynamicSharedBytes + staticSharedBytes <= sharedLimit;
}
