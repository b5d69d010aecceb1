using Translate.DeviceContract;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// Memory of graph allocation nodes. CUDA fixes such an allocation's address when the node is made
/// and backs it while it is live — from the node's run until a free node, cudaFreeAsync or cudaFree
/// frees it. Here the address is reserved from device memory when the node is made and kept while any
/// graph or instantiated graph holding the node exists; between a free and the next run the address is
/// withheld (copies and fills through it are refused as through any freed pointer). "Reserved" is the
/// memory of the nodes that exist, "used" that of the live allocations.
/// </summary>
internal static class GraphMemory
{
    /// <summary>One allocation node's memory, shared by the node's copies (clones, instantiations).</summary>
    internal sealed class Allocation(nint address, long size)
    {
        public nint Address { get; } = address;
        public long Size { get; } = size;
        public bool Live { get; set; }
        public int Holders { get; set; } = 1;
    }

    private static readonly Lock Gate = new();
    private static readonly Dictionary<nint, Allocation> ByAddress = [];
    private static long _used, _usedHigh, _reserved, _reservedHigh;

    public static Allocation? Reserve(long size)
    {
        nint p = NativeRuntime.Device.Allocate(size, "cudaGraphAddMemAllocNode");
        if (p == 0) return null;
        DeviceOrdinals.Allocated(p);
        var a = new Allocation(p, size);
        lock (Gate)
        {
            ByAddress[p] = a;
            _reserved += size;
            _reservedHigh = Math.Max(_reservedHigh, _reserved);
        }
        return a;
    }

    public static Allocation? Find(nint address)
    {
        lock (Gate) return ByAddress.GetValueOrDefault(address);
    }

    public static void Hold(Allocation a)
    {
        lock (Gate) a.Holders++;
    }

    /// <summary>A graph holding the allocation's node went away; the memory goes with the last one unless live.</summary>
    public static void Drop(Allocation a)
    {
        lock (Gate)
        {
            a.Holders--;
            ReleaseIfUnused(a);
        }
    }

    private static void ReleaseIfUnused(Allocation a)
    {
        if (a.Holders > 0 || a.Live || !ByAddress.Remove(a.Address)) return;
        _reserved -= a.Size;
        NativeRuntime.Device.Free(a.Address);
    }

    /// <summary>The allocation node ran: the memory is the program's until freed; allocating it twice is an error.</summary>
    public static int Map(Allocation a)
    {
        lock (Gate)
        {
            if (a.Live) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            a.Live = true;
            _used += a.Size;
            _usedHigh = Math.Max(_usedHigh, _used);
        }
        return CudaErrorCodes.Success;
    }

    /// <summary>A free node ran, or the program freed the address: 0, or the error for a double free (recorded).</summary>
    public static int Unmap(Allocation a)
    {
        lock (Gate)
        {
            if (!a.Live) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            a.Live = false;
            _used -= a.Size;
            ReleaseIfUnused(a);
        }
        return CudaErrorCodes.Success;
    }

    /// <summary>Whether <paramref name="p"/> is inside a graph allocation that is not live now.</summary>
    public static bool Withheld(nint p)
    {
        lock (Gate)
        {
            if (ByAddress.Count == 0) return false;
            foreach (var a in ByAddress.Values)
                if (!a.Live && p >= a.Address && p < a.Address + (nint)Math.Max(a.Size, 1)) return true;
            return false;
        }
    }

    /// <summary><c>cudaGraphMemAttributeType</c>: used current and high (0, 1), reserved current and high (2, 3); null for another.</summary>
    public static ulong? Attribute(int attribute)
    {
        lock (Gate)
            return attribute switch { 0 => (ulong)_used, 1 => (ulong)_usedHigh, 2 => (ulong)_reserved, 3 => (ulong)_reservedHigh, _ => null };
    }

    /// <summary>Resets a high watermark to the current figure (the only setting CUDA allows: value 0).</summary>
    public static bool ResetHigh(int attribute)
    {
        lock (Gate)
        {
            if (attribute == 1) _usedHigh = _used;
            else if (attribute == 3) _reservedHigh = _reserved;
            else return false;
            return true;
        }
    }

    /// <summary>cudaDeviceReset freed all device memory.</summary>
    public static void Reset()
    {
        lock (Gate)
        {
            ByAddress.Clear();
            _used = _usedHigh = _reserved = _reservedHigh = 0;
        }
    }
}
