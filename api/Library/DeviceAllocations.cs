using System.Runtime.InteropServices;

namespace Translate.Api;

/// <summary>
/// The device memory of one <see cref="ComputeDevice"/>: zeroed blocks aligned as <c>cudaMalloc</c>'s, kept
/// sorted by start so the block holding any address (a kernel's pointer argument, possibly into the middle
/// of a block) is found by binary search. Every device here reaches host memory: cpu and interp use the
/// blocks in place, opencl makes its buffers over them (or mirrors them around a launch).
/// </summary>
internal sealed unsafe class DeviceAllocations : IDisposable
{
    private const nuint Alignment = 256;
    private readonly SortedList<ulong, long> _blocks = [];
    private readonly Lock _gate = new();

    public nint Allocate(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var p = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), Alignment);
        NativeMemory.Clear((void*)p, (nuint)Math.Max(bytes, 1));
        lock (_gate) _blocks.Add((ulong)p, bytes);
        return p;
    }

    public void Free(nint p)
    {
        lock (_gate)
            if (!_blocks.Remove((ulong)p)) return;
        NativeMemory.AlignedFree((void*)p);
    }

    /// <summary>The live block holding <paramref name="address"/> (its start and size), or null.</summary>
    public (nint Start, long Size)? Find(nint address)
    {
        lock (_gate)
        {
            var starts = _blocks.Keys;
            int lo = 0, hi = starts.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (starts[mid] <= (ulong)address) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            if (found < 0) return null;
            ulong start = starts[found];
            long size = _blocks.Values[found];
            // A zero-byte block still owns its one address.
            return (ulong)address < start + (ulong)Math.Max(size, 1) ? ((nint)start, size) : null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var start in _blocks.Keys) NativeMemory.AlignedFree((void*)start);
            _blocks.Clear();
        }
    }
}
