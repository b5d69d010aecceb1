using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;
using static Translate.Ir.Semantics.Externals.MemcpyKind;

namespace Translate.Runtime.Native.Driver;

/// <summary>Device and pinned memory, copies and fills: the runtime API's (a CUdeviceptr is the runtime's device pointer).
/// The legacy names without _v2 take the same 64-bit arguments.</summary>
internal static unsafe class DriverMemory
{
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

    [UnmanagedCallersOnly(EntryPoint = "cuMemAllocManaged")]
    public static int MemAllocManaged(nint* pointer, nuint bytes, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        if (bytes == 0 || flags is not (1 or 2)) return CudaDriverResults.InvalidValue;
        delegate* unmanaged<nint*, nuint, uint, int> malloc = &Memory.MallocManaged;
        return Result(malloc(pointer, bytes, flags));
    }

    /// <summary>cuMemAllocPitch: the runtime's pitch; the driver also asks for the element size, which must be 4, 8 or 16.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuMemAllocPitch_v2")]
    public static int MemAllocPitch(nint* pointer, nuint* pitch, nuint widthInBytes, nuint height, uint elementSizeBytes)
    {
        if (Ready() is var r and not 0) return r;
        if (elementSizeBytes is not (4 or 8 or 16) || widthInBytes == 0 || height == 0) return CudaDriverResults.InvalidValue;
        delegate* unmanaged<nint*, nuint*, nuint, nuint, int> malloc = &PitchedMemory.MallocPitch;
        return Result(malloc(pointer, pitch, widthInBytes, height));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostAlloc")]
    public static int MemHostAlloc(nint* pointer, nuint bytes, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint*, nuint, uint, int> alloc = &Memory.HostAlloc;
        return Result(alloc(pointer, bytes, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostGetDevicePointer_v2")]
    public static int MemHostGetDevicePointer(nint* device, nint host, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint*, nint, uint, int> get = &HostMemory.HostGetDevicePointer;
        return Result(get(device, host, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostRegister_v2")]
    public static int MemHostRegister(nint pointer, nuint bytes, uint flags) => Register(pointer, bytes, flags);

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostRegister")]
    public static int MemHostRegisterLegacy(nint pointer, nuint bytes, uint flags) => Register(pointer, bytes, flags);

    private static int Register(nint pointer, nuint bytes, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nuint, uint, int> register = &HostMemory.HostRegister;
        return Result(register(pointer, bytes, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostUnregister")]
    public static int MemHostUnregister(nint pointer)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> unregister = &HostMemory.HostUnregister;
        return Result(unregister(pointer));
    }

    /// <summary>The allocation that holds a device address: its start and size.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuMemGetAddressRange_v2")]
    public static int MemGetAddressRange(nint* start, nuint* bytes, nint pointer)
    {
        if (Ready() is var r and not 0) return r;
        if (NativeRuntime.Device.Find(pointer) is not { } block) return CudaDriverResults.NotFound;
        if (start != null) *start = block.Start;
        if (bytes != null) *bytes = (nuint)block.Size;
        return CudaDriverResults.Success;
    }

    private const int ContextAttribute = 1, MemoryTypeAttribute = 2, DevicePointerAttribute = 3, HostPointerAttribute = 4, IsManagedAttribute = 8,
        DeviceOrdinalAttribute = 9;
    private const int RuntimeHost = 1, RuntimeDevice = 2, RuntimeManaged = 3, DriverHost = 1, DriverDevice = 2;

    /// <summary>
    /// What cudaPointerGetAttributes says of an address, in the driver's terms (managed memory is device memory with a host
    /// pointer too); memory the library did not allocate or register is CUDA_ERROR_INVALID_VALUE, as it is to the driver.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "cuPointerGetAttribute")]
    public static int PointerGetAttribute(void* data, int attribute, nint pointer)
    {
        if (Ready() is var r and not 0) return r;
        if (data == null) return CudaDriverResults.InvalidValue;
        HostMemory.PointerAttributes a;
        delegate* unmanaged<HostMemory.PointerAttributes*, nint, int> get = &HostMemory.PointerGetAttributes;
        if (get(&a, pointer) is var e and not 0) return Result(e);
        if (a.Type is not (RuntimeHost or RuntimeDevice or RuntimeManaged)) return CudaDriverResults.InvalidValue;
        switch (attribute)
        {
            case ContextAttribute: *(nint*)data = DriverContexts.CurrentContext(); break;
            case MemoryTypeAttribute: *(int*)data = a.Type == RuntimeHost ? DriverHost : DriverDevice; break;
            case DevicePointerAttribute: *(nint*)data = a.DevicePointer; break;
            case HostPointerAttribute:
                if (a.HostPointer == 0) return CudaDriverResults.InvalidValue;
                *(nint*)data = a.HostPointer;
                break;
            case DeviceOrdinalAttribute: *(int*)data = a.Device; break;
            // A bool, written as one byte: callers pass a bool or a zeroed integer.
            case IsManagedAttribute: *(byte*)data = a.Type == RuntimeManaged ? (byte)1 : (byte)0; break;
            default: return Result(NativeRuntime.Fail(Unsupported.Refuse($"cuPointerGetAttribute with attribute {attribute}")));
        }
        return CudaDriverResults.Success;
    }
}
