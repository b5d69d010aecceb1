using System.Runtime.InteropServices;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Page-locked and mapped host memory: cudaHostRegister, device pointers of host memory (zero-copy),
/// and what a pointer is. Host and device share one address space on the cpu device, so the device
/// pointer of pinned or registered host memory is the host pointer itself; the runtime still keeps
/// CUDA's rules (only pinned or registered memory has one; a range registers once).
/// </summary>
internal static unsafe class HostMemory
{
    private const uint RegisterFlagsKnown = 0x0f, HostAllocFlagsKnown = 0x07;

    /// <summary>Registered ranges by start: size and flags.</summary>
    private static readonly SortedDictionary<ulong, (long Size, uint Flags)> Registered = [];

    /// <summary>Flags of cudaHostAlloc blocks, by start.</summary>
    private static readonly Dictionary<nint, uint> AllocFlags = [];

    internal static void RecordAllocFlags(nint p, uint flags)
    {
        lock (AllocFlags) AllocFlags[p] = flags;
    }

    internal static bool ValidAllocFlags(uint flags) => (flags & ~HostAllocFlagsKnown) == 0;

    [UnmanagedCallersOnly(EntryPoint = "cudaHostRegister")]
    public static int HostRegister(nint p, nuint size, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == 0 || size == 0 || (flags & ~RegisterFlagsKnown) != 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (Registered)
        {
            if (FindRegistered(p, (long)size) is not null || NativeRuntime.Pinned.Owns(p))
                return NativeRuntime.Fail(CudaErrorCodes.HostMemoryAlreadyRegistered);
            Registered[(ulong)p] = ((long)size, flags);
        }
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaHostUnregister")]
    public static int HostUnregister(nint p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        lock (NativeRuntime.ReleaseGate)
        lock (Registered)
            return Registered.Remove((ulong)p) ? CudaErrorCodes.Success : NativeRuntime.Fail(CudaErrorCodes.HostMemoryNotRegistered);
    }

    /// <summary>The registered range that overlaps [p, p+count), if any (caller holds the lock).</summary>
    private static (ulong Start, long Size, uint Flags)? FindRegistered(nint p, long count)
    {
        foreach (var (start, (size, flags)) in Registered)
        {
            if (start >= (ulong)p + (ulong)Math.Max(count, 1)) break;
            if ((ulong)p < start + (ulong)size) return (start, size, flags);
        }
        return null;
    }

    /// <summary>The registered range that contains p (start and size), or null.</summary>
    internal static (nint Start, long Size)? RegisteredBlock(nint p)
    {
        lock (Registered)
            return FindRegistered(p, 0) is { } r ? ((nint)r.Start, r.Size) : null;
    }

    /// <summary>Every registered range (start and size).</summary>
    internal static IReadOnlyList<(nint Start, long Size)> RegisteredBlocks()
    {
        lock (Registered) return [.. Registered.Select(r => ((nint)r.Key, r.Value.Size))];
    }

    /// <summary>Whether p is pinned (cudaHostAlloc/cudaMallocHost) or registered host memory.</summary>
    internal static bool IsPageLocked(nint p) => NativeRuntime.Pinned.Owns(p) || RegisteredBlock(p) is not null;

    [UnmanagedCallersOnly(EntryPoint = "cudaHostGetDevicePointer")]
    public static int HostGetDevicePointer(nint* device, nint host, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (device == null || flags != 0 || !IsPageLocked(host)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *device = host;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaHostGetFlags")]
    public static int HostGetFlags(uint* flags, nint host)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (flags == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (NativeRuntime.Pinned.Find(host) is { } block)
        {
            lock (AllocFlags) *flags = AllocFlags.GetValueOrDefault(block.Start);
            return CudaErrorCodes.Success;
        }
        lock (Registered)
            if (FindRegistered(host, 0) is { } r) { *flags = r.Flags; return CudaErrorCodes.Success; }
        return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
    }

    /// <summary><c>struct cudaPointerAttributes</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PointerAttributes
    {
        public int Type, Device;
        public nint DevicePointer, HostPointer;
    }

    private const int Unregistered = 0, Host = 1, DeviceMemory = 2, Managed = 3;

    [UnmanagedCallersOnly(EntryPoint = "cudaPointerGetAttributes")]
    public static int PointerGetAttributes(PointerAttributes* attributes, nint p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (attributes == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Memory.IsManaged(p))
            // Managed memory is one address for host and device alike.
            *attributes = new PointerAttributes { Type = Managed, Device = DeviceOrdinals.AllocatedDevice(NativeRuntime.Device.Find(p)!.Value.Start), DevicePointer = p, HostPointer = p };
        else if (NativeRuntime.Device.Owns(p) || Symbols.IsDeviceVariable(p, 0))
            *attributes = new PointerAttributes
            {
                Type = DeviceMemory, Device = NativeRuntime.Device.Find(p) is { } b ? DeviceOrdinals.AllocatedDevice(b.Start) : 0,
                DevicePointer = p, HostPointer = 0,
            };
        else if (IsPageLocked(p))
            *attributes = new PointerAttributes { Type = Host, Device = 0, DevicePointer = p, HostPointer = p };
        else
            *attributes = new PointerAttributes { Type = Unregistered, Device = -2, DevicePointer = 0, HostPointer = 0 };
        return CudaErrorCodes.Success;
    }
}
