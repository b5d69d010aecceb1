using Translate.DeviceContract;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// The stream-ordered allocator's pools: each device's default pool (made at first use), the pool
/// cudaMallocAsync uses per device (cudaDeviceSetMemPool), the pools cudaMemPoolCreate made, and which
/// pool each live stream-ordered allocation came from.
/// </summary>
internal static class MemoryPools
{
    public static readonly Lock Gate = new();
    private static readonly Dictionary<nint, MemoryPool> ByHandle = [];
    private static readonly Dictionary<int, MemoryPool> Defaults = [];
    private static readonly Dictionary<int, MemoryPool> Current = [];
    private static readonly Dictionary<nint, MemoryPool> Owner = [];

    public static MemoryPool Default(int device)
    {
        lock (Gate)
        {
            if (!Defaults.TryGetValue(device, out var pool))
            {
                Defaults[device] = pool = new MemoryPool(device, isDefault: true);
                ByHandle[pool.Handle] = pool;
            }
            return pool;
        }
    }

    /// <summary>The pool cudaMallocAsync allocates from on <paramref name="device"/>.</summary>
    public static MemoryPool CurrentOf(int device)
    {
        lock (Gate) return Current.GetValueOrDefault(device) ?? Default(device);
    }

    public static void SetCurrent(int device, MemoryPool pool)
    {
        lock (Gate) Current[device] = pool;
    }

    public static MemoryPool? Find(nint handle)
    {
        lock (Gate) return ByHandle.GetValueOrDefault(handle);
    }

    public static MemoryPool Create(int device)
    {
        var pool = new MemoryPool(device, isDefault: false);
        lock (Gate) ByHandle[pool.Handle] = pool;
        return pool;
    }

    /// <summary>cudaMemPoolDestroy: cached memory is released now; live allocations stay valid until freed, as CUDA defers them.</summary>
    public static int Destroy(MemoryPool pool)
    {
        lock (Gate)
        {
            if (pool.IsDefault) return CudaErrorCodes.InvalidValue;
            ByHandle.Remove(pool.Handle);
            foreach (var (device, current) in Current.ToList())
                if (current == pool) Current.Remove(device);
            pool.TrimTo(0);
        }
        return 0;
    }

    /// <summary>Stream-ordered allocation from <paramref name="pool"/>: the address, or 0 when out of memory.</summary>
    public static nint Allocate(MemoryPool pool, long size)
    {
        lock (Gate)
        {
            nint p = pool.Allocate(size);
            if (p != 0) Owner[p] = pool;
            return p;
        }
    }

    /// <summary>Frees a stream-ordered allocation into its pool; false when <paramref name="p"/> is not a live one.</summary>
    public static bool Free(nint p)
    {
        lock (Gate)
        {
            if (!Owner.Remove(p, out var pool) || !pool.Free(p)) return false;
            if (!ByHandle.ContainsKey(pool.Handle)) pool.TrimTo(0);   // its pool was destroyed while it was live
            // With TRANSLATE_CHECK=1 kernels must see freed memory as freed (TR0302): nothing is kept for reuse.
            else if (NativeRuntime.CheckMemory) pool.TrimTo((ulong)pool.Used);
            return true;
        }
    }

    public static void TrimTo(MemoryPool pool, ulong keep)
    {
        lock (Gate) pool.TrimTo(keep);
    }

    /// <summary>At a synchronization every pool gives back what it holds beyond its release threshold.</summary>
    public static void Synchronized()
    {
        lock (Gate)
            foreach (var pool in ByHandle.Values)
                if (pool.Cached.Count > 0) pool.TrimTo(pool.ReleaseThreshold);
    }

    /// <summary>Whether <paramref name="p"/> is in a block a pool holds but no allocation owns.</summary>
    public static bool Withheld(nint p)
    {
        lock (Gate)
            foreach (var pool in ByHandle.Values)
                if (pool.Cached.Count > 0 && pool.IsCached(p)) return true;
        return false;
    }

    /// <summary>cudaDeviceReset freed all device memory: pools start empty, and devices use their default pools again.</summary>
    public static void Reset()
    {
        lock (Gate)
        {
            foreach (var pool in ByHandle.Values)
            {
                pool.Live.Clear();
                pool.Cached.Clear();
                pool.Used = pool.UsedHigh = pool.Reserved = pool.ReservedHigh = 0;
            }
            Owner.Clear();
            Current.Clear();
        }
    }
}
