using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>What CUDA accepts in pool properties and access descriptors.</summary>
internal static unsafe class MemoryPoolChecks
{
    /// <summary><c>cudaMemAllocationTypePinned</c>, the only allocation type.</summary>
    public const int Pinned = 1;

    /// <summary><c>cudaMemAccessFlags</c>: none, read, read-write.</summary>
    public const int AccessNone = 0, AccessRead = 1, AccessReadWrite = 3;

    /// <summary>0, or the error for properties CUDA refuses; shareable handle types are not implemented (TR0620).</summary>
    public static int Properties(MemPoolProperties p) =>
        p.AllocType != Pinned || p.Location.Type != MemLocation.Device ? CudaErrorCodes.InvalidValue
        : !DeviceOrdinals.IsValid(p.Location.Id) ? CudaErrorCodes.InvalidDevice
        : p.HandleTypes != 0 ? Unsupported.Refuse("memory pools with shareable handle types (cudaMemPoolProps.handleTypes)")
        : CudaErrorCodes.Success;

    public static int Access(MemAccessDescription* d, nuint count)
    {
        if (count > 0 && d == null) return CudaErrorCodes.InvalidValue;
        for (nuint i = 0; i < count; i++)
            if (d[i].Location.Type != MemLocation.Device || d[i].Flags is not (AccessNone or AccessRead or AccessReadWrite)) return CudaErrorCodes.InvalidValue;
            else if (!DeviceOrdinals.IsValid(d[i].Location.Id)) return CudaErrorCodes.InvalidDevice;
        return CudaErrorCodes.Success;
    }
}

/// <summary>
/// The stream-ordered allocator: cudaMallocAsync and cudaFreeAsync (nodes when the stream captures),
/// and memory pools with their attributes (Graphs/MemoryPool.cs keeps the figures).
/// </summary>
internal static unsafe class StreamOrderedAllocation
{
    [UnmanagedCallersOnly(EntryPoint = "cudaMallocAsync")]
    public static int MallocAsync(nint* p, nuint size, nint stream) =>
        AllocateAsync(p, size, () => MemoryPools.CurrentOf(DeviceOrdinals.Current), stream);

    [UnmanagedCallersOnly(EntryPoint = "cudaMallocFromPoolAsync")]
    public static int MallocFromPoolAsync(nint* p, nuint size, nint pool, nint stream) =>
        MemoryPools.Find(pool) is not { } found ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : AllocateAsync(p, size, () => found, stream);

    private static int AllocateAsync(nint* p, nuint size, Func<MemoryPool> pool, nint stream)
    {
        if (p == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return StreamCapture.Submit(stream,
            () =>
            {
                if (GraphMemory.Reserve((long)Math.Min(size, long.MaxValue)) is not { } allocation) return (null, CudaErrorCodes.MemoryAllocation);
                *p = allocation.Address;
                return (new MemAllocNode(allocation), 0);
            },
            () =>
            {
                *p = MemoryPools.Allocate(pool(), (long)Math.Min(size, long.MaxValue));
                return *p == 0 ? NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation) : CudaErrorCodes.Success;
            });
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFreeAsync")]
    public static int FreeAsync(nint p, nint stream) =>
        StreamCapture.Submit(stream, () => MemFreeNode.For(p), () => Memory.Release(NativeRuntime.Device, p));

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetDefaultMemPool")]
    public static int DeviceGetDefaultMemPool(nint* pool, int device) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : pool == null ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : DeviceOrdinals.Check(device) is var d and not 0 ? d
        : Write(pool, MemoryPools.Default(device).Handle);

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetMemPool")]
    public static int DeviceGetMemPool(nint* pool, int device) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : pool == null ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : DeviceOrdinals.Check(device) is var d and not 0 ? d
        : Write(pool, MemoryPools.CurrentOf(device).Handle);

    private static int Write(nint* target, nint value)
    {
        *target = value;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceSetMemPool")]
    public static int DeviceSetMemPool(int device, nint pool)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        if (MemoryPools.Find(pool) is not { } p || p.Device != device) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        MemoryPools.SetCurrent(device, p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolCreate")]
    public static int MemPoolCreate(nint* pool, MemPoolProperties* props)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (pool == null || props == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (MemoryPoolChecks.Properties(*props) is var bad and not 0) return NativeRuntime.Fail(bad);
        var made = MemoryPools.Create(props->Location.Id);
        made.MaxSize = (long)Math.Min(props->MaxSize, long.MaxValue);
        *pool = made.Handle;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolDestroy")]
    public static int MemPoolDestroy(nint pool) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : MemoryPools.Find(pool) is not { } p ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : NativeRuntime.Fail(MemoryPools.Destroy(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolTrimTo")]
    public static int MemPoolTrimTo(nint pool, nuint keep)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (MemoryPools.Find(pool) is not { } p) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        MemoryPools.TrimTo(p, keep);
        return CudaErrorCodes.Success;
    }

    /// <summary><c>cudaMemPoolAttr</c>: reuse policies (1-3, int), release threshold (4), reserved current/high (5, 6), used current/high (7, 8).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolGetAttribute")]
    public static int MemPoolGetAttribute(nint pool, int attribute, void* value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null || MemoryPools.Find(pool) is not { } p) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (MemoryPools.Gate)
            switch (attribute)
            {
                case >= 1 and <= 3: *(int*)value = p.ReusePolicies[attribute - 1]; break;
                case 4: *(ulong*)value = p.ReleaseThreshold; break;
                case 5: *(ulong*)value = (ulong)p.Reserved; break;
                case 6: *(ulong*)value = (ulong)p.ReservedHigh; break;
                case 7: *(ulong*)value = (ulong)p.Used; break;
                case 8: *(ulong*)value = (ulong)p.UsedHigh; break;
                default: return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            }
        return CudaErrorCodes.Success;
    }

    /// <summary>The current figures cannot be set; the high watermarks only to 0, which resets them to the current figure.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolSetAttribute")]
    public static int MemPoolSetAttribute(nint pool, int attribute, void* value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null || MemoryPools.Find(pool) is not { } p) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (MemoryPools.Gate)
            switch (attribute)
            {
                case >= 1 and <= 3: p.ReusePolicies[attribute - 1] = *(int*)value != 0 ? 1 : 0; break;
                case 4: p.ReleaseThreshold = *(ulong*)value; break;
                case 6 when *(ulong*)value == 0: p.ReservedHigh = p.Reserved; break;
                case 8 when *(ulong*)value == 0: p.UsedHigh = p.Used; break;
                default: return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            }
        return CudaErrorCodes.Success;
    }

    /// <summary>The pool's own device always has read-write access; other devices have what was set (none at first).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolSetAccess")]
    public static int MemPoolSetAccess(nint pool, MemAccessDescription* map, nuint count)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (MemoryPools.Find(pool) is not { } p) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (MemoryPoolChecks.Access(map, count) is var bad and not 0) return NativeRuntime.Fail(bad);
        for (nuint i = 0; i < count; i++)
            if (map[i].Location.Id == p.Device && map[i].Flags != MemoryPoolChecks.AccessReadWrite) return NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);
        lock (MemoryPools.Gate)
            for (nuint i = 0; i < count; i++)
                if (map[i].Location.Id != p.Device) p.Access[map[i].Location.Id] = map[i].Flags;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemPoolGetAccess")]
    public static int MemPoolGetAccess(int* flags, nint pool, MemLocation* location)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (flags == null || location == null || MemoryPools.Find(pool) is not { } p || location->Type != MemLocation.Device)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (!DeviceOrdinals.IsValid(location->Id)) return NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);
        lock (MemoryPools.Gate) *flags = location->Id == p.Device ? MemoryPoolChecks.AccessReadWrite : p.Access.GetValueOrDefault(location->Id);
        return CudaErrorCodes.Success;
    }
}
