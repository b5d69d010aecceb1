using System.Runtime.InteropServices;

namespace Translate.Runtime.Native;

/// <summary>
/// Where cudaMalloc's memory comes from, and what the runtime asks of it: which block an address is
/// in, so frees of foreign pointers and copies that run past the end of a block are reported as CUDA
/// reports them instead of corrupting memory.
/// </summary>
internal interface IDeviceAllocator
{
    /// <summary>Zeroed memory, or 0 when the request cannot be met.</summary>
    nint Allocate(long bytes, string api);

    /// <summary>Frees a block this allocator handed out; false when <paramref name="p"/> is not one.</summary>
    bool Free(nint p);

    /// <summary>Whether [p, p+count) lies inside one live block.</summary>
    bool Contains(nint p, long count);

    /// <summary>The live block that contains <paramref name="p"/> (start and size), or null.</summary>
    (nint Start, long Size)? Find(nint p);

    /// <summary>Whether p points into (or just past) any block.</summary>
    bool Owns(nint p) => Contains(p, 0);

    void FreeAll();
}

/// <summary>Plain blocks from the C heap (256-byte aligned, as cudaMalloc's), tracked by start and size.</summary>
internal sealed unsafe class Allocations : IDeviceAllocator
{
    private readonly SortedDictionary<ulong, long> _blocks = [];
    private readonly Lock _gate = new();
    private const nuint Alignment = 256;

    /// <summary>Zeroed memory, or 0 when the request cannot be met (larger than this machine's memory).</summary>
    public nint Allocate(long bytes, string api)
    {
        if (bytes < 0 || bytes > (long)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) return 0;
        nint p;
        try { p = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), Alignment); }
        catch (OutOfMemoryException) { return 0; }
        NativeMemory.Clear((void*)p, (nuint)Math.Max(bytes, 1));
        lock (_gate) _blocks[(ulong)p] = bytes;
        return p;
    }

    /// <summary>Frees a block this allocator handed out; false when <paramref name="p"/> is not one.</summary>
    public bool Free(nint p)
    {
        lock (_gate)
            if (!_blocks.Remove((ulong)p)) return false;
        NativeMemory.AlignedFree((void*)p);
        return true;
    }

    public void FreeAll()
    {
        lock (_gate)
        {
            foreach (var start in _blocks.Keys) NativeMemory.AlignedFree((void*)(nint)start);
            _blocks.Clear();
        }
    }

    /// <summary>Whether [p, p+count) lies inside one block.</summary>
    public bool Contains(nint p, long count)
    {
        lock (_gate)
        {
            foreach (var (start, size) in _blocks)
            {
                if (start > (ulong)p) break;
                if ((ulong)p - start <= (ulong)size && (ulong)p - start + (ulong)count <= (ulong)size) return true;
            }
            return false;
        }
    }

    /// <summary>The block that contains <paramref name="p"/> (start and size), or null.</summary>
    public (nint Start, long Size)? Find(nint p)
    {
        lock (_gate)
            foreach (var (start, size) in _blocks)
            {
                if (start > (ulong)p) break;
                if ((ulong)p - start < (ulong)Math.Max(size, 1)) return ((nint)start, size);
            }
        return null;
    }

}
