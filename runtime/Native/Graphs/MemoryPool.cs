namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A stream-ordered memory pool (cudaMemPool_t). Freed blocks stay reserved in the pool and are reused
/// by later allocations that fit; at a synchronization (cudaStreamSynchronize, cudaEventSynchronize,
/// cudaDeviceSynchronize) the pool releases reserved memory beyond its release threshold, as CUDA's
/// does. Every stream operation here has completed when its call returns, so a freed block can be
/// reused by the next allocation on any stream.
/// </summary>
internal sealed class MemoryPool(int device, bool isDefault)
{
    public nint Handle { get; } = NativeRuntime.NewHandle();
    public int Device { get; } = device;
    public bool IsDefault { get; } = isDefault;

    /// <summary>cudaMemPoolAttrReleaseThreshold.</summary>
    public ulong ReleaseThreshold { get; set; }

    /// <summary>The three reuse policies (cudaMemPoolReuse…, attributes 1 to 3): kept and reported; all reuse is safe here.</summary>
    public int[] ReusePolicies { get; } = [1, 1, 1];

    /// <summary>cudaMemPoolProps.maxSize: the most memory the pool may reserve (0: no limit).</summary>
    public long MaxSize { get; set; }

    /// <summary>Access granted to other devices (cudaMemPoolSetAccess), by device ordinal.</summary>
    public Dictionary<int, int> Access { get; } = [];

    public Dictionary<nint, long> Live { get; } = [];
    public List<(nint Address, long Size)> Cached { get; } = [];
    public long Used, UsedHigh, Reserved, ReservedHigh;

    /// <summary>A block of at least <paramref name="size"/> bytes: a cached one that fits (not more than twice as large), or fresh device memory; 0 when there is none.</summary>
    public nint Allocate(long size)
    {
        int best = -1;
        for (int i = 0; i < Cached.Count; i++)
            if (Cached[i].Size >= size && Cached[i].Size <= Math.Max(2 * size, 256) && (best < 0 || Cached[i].Size < Cached[best].Size)) best = i;
        nint p;
        long blockSize;
        if (best >= 0)
        {
            (p, blockSize) = Cached[best];
            Cached.RemoveAt(best);
        }
        else
        {
            if (MaxSize > 0 && Reserved + size > MaxSize) return 0;
            p = NativeRuntime.Device.Allocate(size, "cudaMallocAsync");
            if (p == 0) return 0;
            DeviceOrdinals.Allocated(p);
            blockSize = size;
            Reserved += size;
            ReservedHigh = Math.Max(ReservedHigh, Reserved);
        }
        Live[p] = blockSize;
        Used += blockSize;
        UsedHigh = Math.Max(UsedHigh, Used);
        return p;
    }

    /// <summary>Returns a live block to the pool's cache; false when <paramref name="p"/> is not one.</summary>
    public bool Free(nint p)
    {
        if (!Live.Remove(p, out long size)) return false;
        Used -= size;
        Cached.Add((p, size));
        return true;
    }

    /// <summary>Releases cached blocks until at most <paramref name="keep"/> bytes stay reserved (or nothing is cached).</summary>
    public void TrimTo(ulong keep)
    {
        while ((ulong)Reserved > keep && Cached.Count > 0)
        {
            var (p, size) = Cached[^1];
            Cached.RemoveAt(Cached.Count - 1);
            NativeRuntime.Device.Free(p);
            Reserved -= size;
        }
    }

    public bool IsCached(nint p)
    {
        foreach (var (start, size) in Cached)
            if (p >= start && p < start + (nint)Math.Max(size, 1)) return true;
        return false;
    }
}
