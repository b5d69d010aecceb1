using System.Runtime.InteropServices;
using System.Text;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Device selection and configuration beyond properties: choosing and naming the device, limits,
/// flags, cache and shared-memory preferences (accepted and reported back; the cpu device has no
/// cache split to change), the deprecated per-thread forms, and peer access between the ordinals
/// TRANSLATE_DEVICE_COUNT presents (<see cref="DeviceOrdinals"/>: with one, no peer exists).
/// </summary>
internal static unsafe class DeviceConfiguration
{
    private static uint _flags;
    private static int _cacheConfig, _sharedMemConfig = 1;

    /// <summary>cudaLimit values: stack size, printf FIFO, malloc heap, sync depth, pending launches, L2 fetch, persisting L2.</summary>
    private static readonly ulong[] Limits = [1024, 1 << 20, 8 << 20, 2, 2048, 64, 0];

    private static int Device(int device) => DeviceOrdinals.Check(device);

    [UnmanagedCallersOnly(EntryPoint = "cudaChooseDevice")]
    public static int ChooseDevice(int* device, void* properties)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (device == null || properties == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *device = 0; // every ordinal is the same device
        return CudaErrorCodes.Success;
    }

    /// <summary>A device's PCI address: the cpu device has none, so it is domain and bus 0, PCI device number the ordinal.</summary>
    private static string PciBusId(int device) => $"0000:00:{device:x2}.0";

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetPCIBusId")]
    public static int DeviceGetPciBusId(byte* id, int length, int device)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (id == null || length <= 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Device(device) is var d and not 0) return d;
        var bytes = Encoding.ASCII.GetBytes(PciBusId(device));
        int n = Math.Min(bytes.Length, length - 1);
        for (int i = 0; i < n; i++) id[i] = bytes[i];
        id[n] = 0;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetByPCIBusId")]
    public static int DeviceGetByPciBusId(int* device, byte* id)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (device == null || id == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        var text = Marshal.PtrToStringAnsi((nint)id);
        for (int d = 0; d < DeviceOrdinals.Count; d++)
            if (string.Equals(text, PciBusId(d), StringComparison.OrdinalIgnoreCase))
            {
                *device = d;
                return CudaErrorCodes.Success;
            }
        return NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetLimit")]
    public static int DeviceGetLimit(nuint* value, int limit) => GetLimit(value, limit);

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadGetLimit")]
    public static int ThreadGetLimit(nuint* value, int limit) => GetLimit(value, limit);

    private static int GetLimit(nuint* value, int limit)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if ((uint)limit >= Limits.Length) return NativeRuntime.Fail(CudaErrorCodes.UnsupportedLimit);
        *value = (nuint)Limits[limit];
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceSetLimit")]
    public static int DeviceSetLimit(int limit, nuint value) => SetLimit(limit, value);

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadSetLimit")]
    public static int ThreadSetLimit(int limit, nuint value) => SetLimit(limit, value);

    private static int SetLimit(int limit, nuint value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if ((uint)limit >= Limits.Length) return NativeRuntime.Fail(CudaErrorCodes.UnsupportedLimit);
        Limits[limit] = value;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDeviceFlags")]
    public static int GetDeviceFlags(uint* flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (flags == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *flags = _flags | 0x08; // cudaDeviceMapHost: host memory is always mapped here
        return CudaErrorCodes.Success;
    }

    /// <summary>cudaSetDeviceFlags: the scheduling and mapping flags are recorded (every wait here is a completed call).</summary>
    internal static int SetFlags(uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if ((flags & ~0x1fu) != 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        _flags = flags;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaInitDevice")]
    public static int InitDevice(int device, uint deviceFlags, uint flags) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : Device(device) is var d and not 0 ? d : SetFlags(deviceFlags);

    [UnmanagedCallersOnly(EntryPoint = "cudaSetValidDevices")]
    public static int SetValidDevices(int* devices, int length)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (length < 0 || length > 0 && devices == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        for (int i = 0; i < length; i++)
            if (Device(devices[i]) is var d and not 0) return d;
        return CudaErrorCodes.Success;
    }

    /// <summary>There is no L2 cache to set persisting lines in, so there are none to reset.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaCtxResetPersistingL2Cache")]
    public static int CtxResetPersistingL2Cache() => NativeRuntime.Precondition();

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadExit")]
    public static int ThreadExit()
    {
        NativeRuntime.Reset();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetCacheConfig")]
    public static int DeviceGetCacheConfig(int* config) => GetInt(config, _cacheConfig);

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadGetCacheConfig")]
    public static int ThreadGetCacheConfig(int* config) => GetInt(config, _cacheConfig);

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadSetCacheConfig")]
    public static int ThreadSetCacheConfig(int config) => SetCacheConfig(config);

    internal static int SetCacheConfig(int config)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (config is < 0 or > 3) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        _cacheConfig = config;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetSharedMemConfig")]
    public static int DeviceGetSharedMemConfig(int* config) => GetInt(config, _sharedMemConfig);

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceSetSharedMemConfig")]
    public static int DeviceSetSharedMemConfig(int config)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (config is < 0 or > 2) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        _sharedMemConfig = config == 0 ? 1 : config;
        return CudaErrorCodes.Success;
    }

    /// <summary>Stream priorities are accepted but not distinguished (<see cref="StreamWork.LeastPriority"/>).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetStreamPriorityRange")]
    public static int DeviceGetStreamPriorityRange(int* least, int* greatest)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (least != null) *least = StreamWork.LeastPriority;
        if (greatest != null) *greatest = StreamWork.GreatestPriority;
        return CudaErrorCodes.Success;
    }

    private static int GetInt(int* target, int value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (target == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *target = value;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceCanAccessPeer")]
    public static int DeviceCanAccessPeer(int* canAccess, int device, int peer)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (canAccess == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Device(device) is var d and not 0) return d;
        if (Device(peer) is var p and not 0) return p;
        *canAccess = DeviceOrdinals.CanAccessPeer(device, peer) ? 1 : 0;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceEnablePeerAccess")]
    public static int DeviceEnablePeerAccess(int peer, uint flags) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : flags != 0 ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : DeviceOrdinals.EnablePeer(peer);

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceDisablePeerAccess")]
    public static int DeviceDisablePeerAccess(int peer) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : DeviceOrdinals.DisablePeer(peer);

    /// <summary>
    /// Between two distinct devices (the same memory): access, native atomics and array access are
    /// supported, performance rank 0 (the best); the same device twice is cudaErrorInvalidDevice.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetP2PAttribute")]
    public static int DeviceGetP2PAttribute(int* value, int attribute, int source, int destination)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Device(source) is var s and not 0) return s;
        if (Device(destination) is var d and not 0) return d;
        if (!DeviceOrdinals.CanAccessPeer(source, destination)) return NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);
        int? v = attribute switch { 1 => 0, 2 or 3 or 4 => 1, _ => null };
        if (v is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *value = v.Value;
        return CudaErrorCodes.Success;
    }
}
