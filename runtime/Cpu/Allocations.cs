using System.Runtime.InteropServices;

namespace Translate.Runtime.Cpu;

/// <summary>
/// Where cudaMalloc's memory comes from, and what the runtime asks of it: which block an address is
/// in, so frees of foreign pointers and copies that run past the end of a block are reported as CUDA
/// reports them instead of corrupting memory.
/// </summary>
public interface IDeviceAllocator
{
    /// <summary>Zeroed memory, or 0 when the request cannot be met.</summary>
    nint Allocate(long bytes, string api);

    /// <summary>Frees a block this allocator handed out; false when <paramref name="p"/> is not one.</summary>
    bool Free(nint p);

    /// <summary>Whether [p, p+count) lies inside one live block.</summary>
    bool Contains(nint p, long count);

    /// <summary>The live block that contains <paramref name="p"/> (start and size), or null.</summary>
    (nint Start, long Size)? Find(nint p);

    /// <summary>
    /// Whether p points into a live block. Not "just past" one: the next mapping often starts exactly
    /// there (a cudaMallocHost block mapped right after a cudaMalloc one), and its pointers would count
    /// as the device block's.
    /// </summary>
    bool Owns(nint p) => Find(p) is not null;

    void FreeAll();

    /// <summary>Every live block (start and size), in no particular order.</summary>
    IReadOnlyList<(nint Start, long Size)> Blocks();
}

/// <summary>
/// Plain blocks (256-byte aligned, as cudaMalloc's), tracked by start and size: small ones from the C
/// heap, cleared; large ones (<see cref="MappedFrom"/> bytes and up) mapped from the kernel, whose fresh
/// pages are zero already and are touched only when the program first writes them — clearing them here
/// doubled the page faults and added a memset as large as the block (HeCBench maxpool3d: 1.6 GB).
/// Build mode's runtime library, the .NET API and the cpu device's whole-program runs keep device memory so. A block is released under
/// <paramref name="releaseGate"/>, which whoever runs kernels on the memory holds while it reads it.
/// </summary>
public sealed unsafe partial class Allocations(Lock releaseGate) : IDeviceAllocator
{
    // Sorted by start, so the block holding an address is found by binary search (copies ask on every call).
    private readonly SortedList<ulong, long> _blocks = [];
    private readonly Lock _gate = new();
    private const nuint Alignment = 256;
    private const long MappedFrom = 1 << 20;

    /// <summary>Zeroed memory, or 0 when the request cannot be met (larger than this machine's memory).</summary>
    public nint Allocate(long bytes, string api)
    {
        if (bytes < 0 || bytes > (long)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) return 0;
        nint p;
        if (bytes >= MappedFrom)
        {
            p = Mmap(0, (nuint)bytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (p == MapFailed) return 0;
            // Transparent huge pages where the system leaves them to madvise (as here): a first touch then
            // faults in 2 MiB at a time. Measured on a 1 GiB block: 3.4–3.6 s of first-touch faults with
            // 4 KiB pages, 1.0–2.3 s with huge pages. Advice only: its failure changes nothing.
            if (bytes >= HugePageBytes) Madvise(p, (nuint)bytes, MadvHugePage);
        }
        else
        {
            try { p = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), Alignment); }
            catch (OutOfMemoryException) { return 0; }
            NativeMemory.Clear((void*)p, (nuint)Math.Max(bytes, 1));
        }
        lock (_gate) _blocks[(ulong)p] = bytes;
        return p;
    }

    /// <summary>Frees a block this allocator handed out; false when <paramref name="p"/> is not one.</summary>
    public bool Free(nint p)
    {
        long bytes;
        lock (releaseGate)
        {
            lock (_gate)
                if (!_blocks.TryGetValue((ulong)p, out bytes) || !_blocks.Remove((ulong)p)) return false;
            Release(p, bytes);
        }
        return true;
    }

    public void FreeAll()
    {
        lock (releaseGate)
        lock (_gate)
        {
            foreach (var (start, bytes) in _blocks) Release((nint)start, bytes);
            _blocks.Clear();
        }
    }

    private static void Release(nint p, long bytes)
    {
        if (bytes >= MappedFrom) Munmap(p, (nuint)bytes);
        else NativeMemory.AlignedFree((void*)p);
    }

    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20, MadvHugePage = 14;
    private const long HugePageBytes = 2 << 20;
    private static readonly nint MapFailed = -1;
    [LibraryImport("libc", EntryPoint = "mmap")] private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);
    [LibraryImport("libc", EntryPoint = "munmap")] private static partial int Munmap(nint addr, nuint length);
    [LibraryImport("libc", EntryPoint = "madvise")] private static partial int Madvise(nint addr, nuint length, int advice);

    public IReadOnlyList<(nint Start, long Size)> Blocks()
    {
        lock (_gate) return [.. _blocks.Select(b => ((nint)b.Key, b.Value))];
    }

    /// <summary>Whether [p, p+count) lies inside one block.</summary>
    public bool Contains(nint p, long count)
    {
        lock (_gate)
        {
            if (Floor((ulong)p) is not int i) return false;
            ulong offset = (ulong)p - _blocks.Keys[i], size = (ulong)_blocks.Values[i];
            return offset <= size && offset + (ulong)count <= size;
        }
    }

    /// <summary>The block that contains <paramref name="p"/> (start and size), or null.</summary>
    public (nint Start, long Size)? Find(nint p)
    {
        lock (_gate)
        {
            if (Floor((ulong)p) is not int i) return null;
            ulong start = _blocks.Keys[i];
            long size = _blocks.Values[i];
            return (ulong)p - start < (ulong)Math.Max(size, 1) ? ((nint)start, size) : null;
        }
    }

    /// <summary>Index of the last block starting at or before p, or null.</summary>
    private int? Floor(ulong p)
    {
        var keys = _blocks.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= p) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : found;
    }

}
