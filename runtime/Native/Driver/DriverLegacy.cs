using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary><c>CUdevprop</c>: cuDeviceGetProperties' struct (deprecated since CUDA 5; the attributes say the same).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LegacyDeviceProperties
{
    public int MaxThreadsPerBlock;
    public fixed int MaxThreadsDim[3];
    public fixed int MaxGridSize[3];
    public int SharedMemPerBlock, TotalConstantMemory, SimdWidth, MemPitch, RegsPerBlock, ClockRate, TextureAlign;
}

/// <summary>
/// Older and rarer driver functions with runtime twins: device properties in the CUDA 2 struct, PCI bus ids, shared
/// memory configuration, peer copies, host allocation flags, the profiler switches.
/// </summary>
internal static unsafe class DriverLegacy
{
    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGetProperties")]
    public static int DeviceGetProperties(LegacyDeviceProperties* properties, int device)
    {
        if (Ready() is var r and not 0) return r;
        if (properties == null) return CudaDriverResults.InvalidValue;
        DeviceProperties p;
        delegate* unmanaged<DeviceProperties*, int, int> get = &Devices.GetDeviceProperties;
        if (get(&p, device) is var e and not 0) return Result(e);
        static int Clamp(nuint v) => (int)Math.Min(v, int.MaxValue);
        var legacy = new LegacyDeviceProperties
        {
            MaxThreadsPerBlock = p.MaxThreadsPerBlock, SharedMemPerBlock = Clamp(p.SharedMemPerBlock), TotalConstantMemory = Clamp(p.TotalConstMem),
            SimdWidth = p.WarpSize, MemPitch = Clamp(p.MemPitch), RegsPerBlock = p.RegsPerBlock, ClockRate = p.ClockRate,
            TextureAlign = Clamp(p.TextureAlignment),
        };
        for (int d = 0; d < 3; d++) (legacy.MaxThreadsDim[d], legacy.MaxGridSize[d]) = (p.MaxThreadsDim[d], p.MaxGridSize[d]);
        *properties = legacy;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGetPCIBusId")]
    public static int DeviceGetPciBusId(byte* id, int length, int device)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<byte*, int, int, int> get = &DeviceConfiguration.DeviceGetPciBusId;
        return Result(get(id, length, device));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGetByPCIBusId")]
    public static int DeviceGetByPciBusId(int* device, byte* id)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int*, byte*, int> get = &DeviceConfiguration.DeviceGetByPciBusId;
        return Result(get(device, id));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuFuncSetSharedMemConfig")]
    public static int FuncSetSharedMemConfig(nint function, int config)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int, int> set = &Functions.FuncSetSharedMemConfig;
        return Result(set(function, config));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetSharedMemConfig")]
    public static int CtxGetSharedMemConfig(int* config)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int*, int> get = &DeviceConfiguration.DeviceGetSharedMemConfig;
        return Result(get(config));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxSetSharedMemConfig")]
    public static int CtxSetSharedMemConfig(int config)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int, int> set = &DeviceConfiguration.DeviceSetSharedMemConfig;
        return Result(set(config));
    }

    /// <summary>Between contexts of the one device: a copy.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyPeer")]
    public static int MemcpyPeer(nint destination, nint destinationContext, nint source, nint sourceContext, nuint bytes)
    {
        if (Ready() is var r and not 0) return r;
        if (!DriverContexts.Known(destinationContext) || !DriverContexts.Known(sourceContext)) return CudaDriverResults.InvalidContext;
        delegate* unmanaged<nint, nint, nuint, int, int> memcpy = &Memory.Memcpy;
        return Result(memcpy(destination, source, bytes, 3));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostGetFlags")]
    public static int MemHostGetFlags(uint* flags, nint host)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<uint*, nint, int> get = &HostMemory.HostGetFlags;
        return Result(get(flags, host));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuProfilerStart")]
    public static int ProfilerStart() => Ready();

    [UnmanagedCallersOnly(EntryPoint = "cuProfilerStop")]
    public static int ProfilerStop() => Ready();
}
