using Translate.Runtime.Cpu;
using Translate.Runtime.BuildMode;

namespace Translate.Runtime.Native;

/// <summary>
/// Device memory for TRANSLATE_CHECK=1 runs on the cpu device: the checked memory of
/// <c>translate run --check</c> (guard pages, freed pages never reused), whose table compiled kernels
/// consult on every access, so an out-of-bounds access or a use after free stops the kernel with a
/// located diagnostic.
/// </summary>
internal sealed class CheckedAllocations(CheckedDeviceMemory memory) : IDeviceAllocator
{
    private readonly Dictionary<nint, long> _live = [];
    private readonly Lock _gate = new();

    public CheckedDeviceMemory Memory => memory;

    public nint Allocate(long bytes, string api)
    {
        if (bytes < 0) return 0;
        var p = memory.Allocate(bytes, api);
        if (p != 0) lock (_gate) _live[p] = bytes;
        return p;
    }

    public bool Free(nint p)
    {
        lock (NativeRuntime.ReleaseGate)
        lock (_gate)
        {
            if (!memory.Free(p)) return false;
            _live.Remove(p);
            return true;
        }
    }

    public bool Contains(nint p, long count) => memory.Covers(p) && memory.Explain(p, count) is null;

    public (nint Start, long Size)? Find(nint p)
    {
        lock (_gate)
            foreach (var (start, size) in _live)
                if (p >= start && p < start + (nint)Math.Max(size, 1)) return (start, size);
        return null;
    }

    public IReadOnlyList<(nint Start, long Size)> Blocks()
    {
        lock (_gate) return [.. _live.Select(b => (b.Key, b.Value))];
    }

    public void FreeAll()
    {
        lock (NativeRuntime.ReleaseGate)
        lock (_gate)
        {
            foreach (var start in _live.Keys.ToList()) memory.Free(start);
            _live.Clear();
        }
    }
}
