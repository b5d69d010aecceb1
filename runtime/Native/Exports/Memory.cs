using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;
using Translate.Runtime.BuildMode;
using Translate.Runtime.Cpu;
using static Translate.Ir.Semantics.Externals.MemcpyKind;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Device memory. On the cpu device it is host memory, but the runtime still keeps CUDA's rules:
/// device pointers must come from cudaMalloc and copies must stay inside the allocation
/// (cudaErrorInvalidValue otherwise), copy kinds are checked, and an impossible size is out of memory.
/// Every operation completes before it returns, so the asynchronous forms are ordered trivially; issued
/// to a capturing stream they become graph nodes (Graphs/StreamCapture.cs).
/// </summary>
internal static unsafe class Memory
{
    [UnmanagedCallersOnly(EntryPoint = "cudaMalloc")]
    public static int Malloc(nint* p, nuint size) => Allocate(NativeRuntime.Device, p, size, "cudaMalloc");

    [UnmanagedCallersOnly(EntryPoint = "cudaMallocManaged")]
    public static int MallocManaged(nint* p, nuint size, uint flags)
    {
        int r = Allocate(NativeRuntime.Device, p, size, "cudaMallocManaged");
        if (r == CudaErrorCodes.Success) lock (ManagedBlocks) ManagedBlocks.Add(*p);
        return r;
    }

    /// <summary>The starts of the live cudaMallocManaged blocks: device memory the host reaches too, which pointer queries name as managed.</summary>
    private static readonly HashSet<nint> ManagedBlocks = [];

    /// <summary>cudaDeviceReset freed every block.</summary>
    internal static void ForgetManaged()
    {
        lock (ManagedBlocks) ManagedBlocks.Clear();
    }

    /// <summary>Whether <paramref name="p"/> points into a block cudaMallocManaged (or cuMemAllocManaged) made.</summary>
    internal static bool IsManaged(nint p)
    {
        if (NativeRuntime.Device.Find(p) is not { } block) return false;
        lock (ManagedBlocks) return ManagedBlocks.Contains(block.Start);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMallocHost")]
    public static int MallocHost(nint* p, nuint size) => Allocate(NativeRuntime.Pinned, p, size, "cudaMallocHost");

    [UnmanagedCallersOnly(EntryPoint = "cudaHostAlloc")]
    public static int HostAlloc(nint* p, nuint size, uint flags)
    {
        if (!HostMemory.ValidAllocFlags(flags)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int r = Allocate(NativeRuntime.Pinned, p, size, "cudaHostAlloc");
        if (r == CudaErrorCodes.Success) HostMemory.RecordAllocFlags(*p, flags);
        return r;
    }

    /// <summary>All ordinals share one memory: a peer copy is a device-to-device copy between valid ordinals.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyPeer")]
    public static int MemcpyPeer(nint dst, int dstDevice, nint src, int srcDevice, nuint count) =>
        StreamCapture.Synchronous(() => PeerCopy(dst, dstDevice, src, srcDevice, count));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyPeerAsync")]
    public static int MemcpyPeerAsync(nint dst, int dstDevice, nint src, int srcDevice, nuint count, nint stream) =>
        StreamCapture.Copy(stream, $"peer copy of {count} bytes", () => PeerCopy(dst, dstDevice, src, srcDevice, count));

    private static int PeerCopy(nint dst, int dstDevice, nint src, int srcDevice, nuint count) =>
        !DeviceOrdinals.IsValid(dstDevice) || !DeviceOrdinals.IsValid(srcDevice) ? NativeRuntime.Fail(CudaErrorCodes.InvalidDevice) : Copy(dst, src, count, DeviceToDevice);

    /// <summary>Advice and prefetching change where managed memory lives; here it lives in one place, so they check their arguments and return.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemAdvise")]
    public static int MemAdvise(nint p, nuint count, int advice, int device) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : advice is < 1 or > 6 || !IsDevice(p, count) ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;

    [UnmanagedCallersOnly(EntryPoint = "cudaMemPrefetchAsync")]
    public static int MemPrefetchAsync(nint p, nuint count, int device, nint stream) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : StreamsAndEvents.CheckStream(stream) is var s and not 0 ? s
        : device != -1 && !DeviceOrdinals.IsValid(device) ? NativeRuntime.Fail(CudaErrorCodes.InvalidDevice)
        : !IsDevice(p, count) ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;

    /// <summary>CUDA 12.2's forms, taking a <c>cudaMemLocation</c> (CUDA 13 names them without <c>_v2</c>; the header maps those).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemAdvise_v2")]
    public static int MemAdviseV2(nint p, nuint count, int advice, MemLocation location) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : LocationError(location) is var bad and not 0 ? NativeRuntime.Fail(bad)
        : advice is < 1 or > 6 || !IsDevice(p, count) ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;

    [UnmanagedCallersOnly(EntryPoint = "cudaMemPrefetchAsync_v2")]
    public static int MemPrefetchAsyncV2(nint p, nuint count, MemLocation location, uint flags, nint stream) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : StreamsAndEvents.CheckStream(stream) is var s and not 0 ? s
        : LocationError(location) is var bad and not 0 ? NativeRuntime.Fail(bad)
        : flags != 0 || !IsDevice(p, count) ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;

    /// <summary><c>struct cudaMemLocation { enum cudaMemLocationType type; int id; }</c>, passed by value.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct MemLocation { public readonly int Type, Id; }

    /// <summary>0 for a place memory can be (device 0, or the host in any of its forms), else the error CUDA gives.</summary>
    private static int LocationError(MemLocation l) => l.Type switch
    {
        1 => DeviceOrdinals.IsValid(l.Id) ? 0 : CudaErrorCodes.InvalidDevice,   // cudaMemLocationTypeDevice
        2 or 3 or 4 => 0,                                     // host, host NUMA node, current host NUMA node
        _ => CudaErrorCodes.InvalidValue,
    };

    private static int Allocate(IDeviceAllocator pool, nint* p, nuint size, string api)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamCapture.UnsafeCallConflict() is var unsafeCall and not 0) return unsafeCall;
        if (p == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *p = pool.Allocate((long)Math.Min(size, long.MaxValue), api);
        if (*p == 0) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        if (pool == NativeRuntime.Device) DeviceOrdinals.Allocated(*p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFree")]
    public static int Free(nint p) => StreamCapture.UnsafeCallConflict() is var c and not 0 ? c : Release(NativeRuntime.Device, p);

    [UnmanagedCallersOnly(EntryPoint = "cudaFreeHost")]
    public static int FreeHost(nint p) => StreamCapture.UnsafeCallConflict() is var c and not 0 ? c : Release(NativeRuntime.Pinned, p);

    /// <summary>Frees device memory of any origin: cudaMalloc's, a pool's (cudaMallocAsync) or a graph allocation's.</summary>
    internal static int Release(IDeviceAllocator pool, nint p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == 0) return CudaErrorCodes.Success;
        if (pool == NativeRuntime.Device)
        {
            if (GraphMemory.Find(p) is { } graphAllocation) return GraphMemory.Unmap(graphAllocation);
            if (MemoryPools.Free(p)) return CudaErrorCodes.Success;
        }
        if (!pool.Free(p)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (ManagedBlocks) ManagedBlocks.Remove(p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy")]
    public static int Memcpy(nint dst, nint src, nuint count, int kind) => StreamCapture.Synchronous(() => Copy(dst, src, count, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyAsync")]
    public static int MemcpyAsync(nint dst, nint src, nuint count, int kind, nint stream) =>
        StreamCapture.Submit(stream, () => kind is < HostToHost or > Default ? (null, CudaErrorCodes.InvalidMemcpyDirection) : (MemcpyNode.Linear(dst, src, count, kind), 0),
            () => Copy(dst, src, count, kind));

    internal static int Copy(nint dst, nint src, nuint count, int kind)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (CudaMemoryRules.CopyError(dst, src, (long)count, kind, IsDeviceRange, InDevice) is var bad and not 0) return NativeRuntime.Fail(bad);
        if (count > 0) Buffer.MemoryCopy((void*)src, (void*)dst, count, count);
        return CudaErrorCodes.Success;
    }

    private static bool IsDeviceRange(long p, long count) => IsDevice((nint)p, (nuint)count);
    private static bool InDevice(long p) => NativeRuntime.Device.Owns((nint)p);

    /// <summary>
    /// Whether [p, p+count) is device memory the program holds: a cudaMalloc block or a device variable,
    /// and not a block a pool or a graph keeps while the program has freed it.
    /// </summary>
    internal static bool IsDevice(nint p, nuint count) =>
        (NativeRuntime.Device.Contains(p, (long)count) || Symbols.IsDeviceVariable(p, (long)count))
        && !GraphMemory.Withheld(p) && !MemoryPools.Withheld(p);

    [UnmanagedCallersOnly(EntryPoint = "cudaMemset")]
    public static int Memset(nint p, int value, nuint count) => StreamCapture.Synchronous(() => Fill(p, value, count));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemsetAsync")]
    public static int MemsetAsync(nint p, int value, nuint count, nint stream) =>
        StreamCapture.Submit(stream, () => (new MemsetNode(new MemsetParameters { Dst = p, Pitch = count, Value = (byte)value, ElementSize = 1, Width = count, Height = 1 }), 0),
            () => Fill(p, value, count));

    internal static int Fill(nint p, int value, nuint count)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (CudaMemoryRules.FillError(p, (long)count, IsDeviceRange) is var bad and not 0) return NativeRuntime.Fail(bad);
        if (count > 0) NativeMemory.Fill((void*)p, count, (byte)value);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemGetInfo")]
    public static int MemGetInfo(nuint* free, nuint* total)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        var info = GC.GetGCMemoryInfo();
        *total = (nuint)info.TotalAvailableMemoryBytes;
        *free = (nuint)Math.Max(0, info.TotalAvailableMemoryBytes - info.MemoryLoadBytes);
        return CudaErrorCodes.Success;
    }
}
