using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>The current context's limits, cache preference, stream priorities and API version: the device's, as the runtime keeps them.</summary>
internal static unsafe class DriverConfiguration
{
    /// <summary>What cuCtxGetApiVersion reports: the CUDA 3.2 context API, the one every context since has.</summary>
    private const uint ApiVersion = 3020;

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetLimit")]
    public static int CtxGetLimit(nuint* value, int limit)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nuint*, int, int> get = &DeviceConfiguration.DeviceGetLimit;
        return Result(get(value, limit));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxSetLimit")]
    public static int CtxSetLimit(int limit, nuint value)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int, nuint, int> set = &DeviceConfiguration.DeviceSetLimit;
        return Result(set(limit, value));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetCacheConfig")]
    public static int CtxGetCacheConfig(int* config)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int*, int> get = &DeviceConfiguration.DeviceGetCacheConfig;
        return Result(get(config));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxSetCacheConfig")]
    public static int CtxSetCacheConfig(int config)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int, int> set = &Devices.DeviceSetCacheConfig;
        return Result(set(config));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetStreamPriorityRange")]
    public static int CtxGetStreamPriorityRange(int* least, int* greatest)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int*, int*, int> get = &DeviceConfiguration.DeviceGetStreamPriorityRange;
        return Result(get(least, greatest));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetApiVersion")]
    public static int CtxGetApiVersion(nint context, uint* version)
    {
        if (Ready() is var r and not 0) return r;
        if (version == null) return CudaDriverResults.InvalidValue;
        if (context == 0 ? DriverContexts.CurrentContext() == 0 : !DriverContexts.Known(context)) return CudaDriverResults.InvalidContext;
        *version = ApiVersion;
        return CudaDriverResults.Success;
    }
}
