using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>Device and pinned memory, copies and fills: the runtime API's (a CUdeviceptr is the runtime's device pointer).
/// The legacy names without _v2 take the same 64-bit arguments.</summary>
internal static unsafe class DriverMemory
{
    private const int HostToDevice = 1, DeviceToHost = 2, DeviceToDevice = 3;

    [UnmanagedCallersOnly(EntryPoint = "cuMemAlloc_v2")]
    public static int MemAlloc(nint* pointer, nuint bytes) => Alloc(pointer, bytes);

    [UnmanagedCallersOnly(EntryPoint = "cuMemAlloc")]
    public static int MemAllocLegacy(nint* pointer, nuint bytes) => Alloc(pointer, bytes);

    private static int Alloc(nint* pointer, nuint bytes)
    {
        if (Ready() is var r and not 0) return r;
        if (bytes == 0) return CudaDriverResults.InvalidValue; // the driver refuses empty allocations
        delegate* unmanaged<nint*, nuint, int> malloc = &Memory.Malloc;
        return Result(malloc(pointer, bytes));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemFree_v2")]
    public static int MemFree(nint pointer) => Free(pointer);

    [UnmanagedCallersOnly(EntryPoint = "cuMemFree")]
    public static int MemFreeLegacy(nint pointer) => Free(pointer);

    private static int Free(nint pointer)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> free = &Memory.Free;
        return Result(free(pointer));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemAllocHost_v2")]
    public static int MemAllocHost(nint* pointer, nuint bytes)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint*, nuint, int> malloc = &Memory.MallocHost;
        return Result(malloc(pointer, bytes));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemFreeHost")]
    public static int MemFreeHost(nint pointer)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> free = &Memory.FreeHost;
        return Result(free(pointer));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemGetInfo_v2")]
    public static int MemGetInfo(nuint* free, nuint* total)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nuint*, nuint*, int> info = &Memory.MemGetInfo;
        return Result(info(free, total));
    }

    private static int Copy(nint destination, nint source, nuint bytes, int kind)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nint, nuint, int, int> memcpy = &Memory.Memcpy;
        return Result(memcpy(destination, source, bytes, kind));
    }

    private static int CopyAsync(nint destination, nint source, nuint bytes, int kind, nint stream)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nint, nuint, int, nint, int> memcpy = &Memory.MemcpyAsync;
        return Result(memcpy(destination, source, bytes, kind, stream));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyHtoD_v2")]
    public static int MemcpyHtoD(nint destination, nint source, nuint bytes) => Copy(destination, source, bytes, HostToDevice);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyHtoD")]
    public static int MemcpyHtoDLegacy(nint destination, nint source, nuint bytes) => Copy(destination, source, bytes, HostToDevice);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoH_v2")]
    public static int MemcpyDtoH(nint destination, nint source, nuint bytes) => Copy(destination, source, bytes, DeviceToHost);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoH")]
    public static int MemcpyDtoHLegacy(nint destination, nint source, nuint bytes) => Copy(destination, source, bytes, DeviceToHost);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoD_v2")]
    public static int MemcpyDtoD(nint destination, nint source, nuint bytes) => Copy(destination, source, bytes, DeviceToDevice);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyHtoDAsync_v2")]
    public static int MemcpyHtoDAsync(nint destination, nint source, nuint bytes, nint stream) => CopyAsync(destination, source, bytes, HostToDevice, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoHAsync_v2")]
    public static int MemcpyDtoHAsync(nint destination, nint source, nuint bytes, nint stream) => CopyAsync(destination, source, bytes, DeviceToHost, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD8_v2")]
    public static int MemsetD8(nint destination, byte value, nuint count)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int, nuint, int> memset = &Memory.Memset;
        return Result(memset(destination, value, count));
    }

    /// <summary>cuMemsetD32: <paramref name="count"/> 32-bit words, checked as a copy of their bytes would be.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD32_v2")]
    public static int MemsetD32(nint destination, uint value, nuint count)
    {
        if (Ready() is var r and not 0) return r;
        if (count == 0) return CudaDriverResults.Success;
        var words = new uint[(int)Math.Min(count, 1u << 20)];
        Array.Fill(words, value);
        delegate* unmanaged<nint, nint, nuint, int, int> memcpy = &Memory.Memcpy;
        fixed (uint* source = words)
            for (nuint done = 0; done < count; done += (nuint)words.Length)
            {
                nuint n = Math.Min((nuint)words.Length, count - done);
                if (memcpy(destination + (nint)(done * 4), (nint)source, n * 4, HostToDevice) is var e and not 0) return Result(e);
            }
        return CudaDriverResults.Success;
    }
}
