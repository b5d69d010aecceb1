using System.Runtime.InteropServices;
using System.Text;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Device management. There is one device, the one TRANSLATE_DEVICE selects, seen as
/// TRANSLATE_DEVICE_COUNT identical ordinals (<see cref="DeviceOrdinals"/>); it reports the limits
/// every device enforces and the compute capability whose semantics the translation keeps
/// (<see cref="CudaLimits"/>), with warps of 32.
/// </summary>
internal static unsafe class Devices
{
    [UnmanagedCallersOnly(EntryPoint = "cudaGetDeviceCount")]
    public static int GetDeviceCount(int* count)
    {
        if (count == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *count = NativeRuntime.DeviceName is null ? 0 : DeviceOrdinals.Count;
        return NativeRuntime.DeviceName is null ? NativeRuntime.Fail(CudaErrorCodes.NoDevice) : CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDevice")]
    public static int GetDevice(int* device)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (device == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *device = DeviceOrdinals.Current;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaSetDevice")]
    public static int SetDevice(int device) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : DeviceOrdinals.Select(device);

    [UnmanagedCallersOnly(EntryPoint = "cudaSetDeviceFlags")]
    public static int SetDeviceFlags(uint flags) => DeviceConfiguration.SetFlags(flags);

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceSetCacheConfig")]
    public static int DeviceSetCacheConfig(int config) => DeviceConfiguration.SetCacheConfig(config);

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceSynchronize")]
    public static int DeviceSynchronize() => Synchronize();

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadSynchronize")]
    public static int ThreadSynchronize() => Synchronize();

    /// <summary>All work is done already; waiting for it is illegal while a stream captures, and lets pools release memory.</summary>
    private static int Synchronize()
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamCapture.DeviceSynchronizeConflict() is var c and not 0) return c;
        MemoryPools.Synchronized();
        return CudaErrorCodes.Success;
    }

    /// <summary>Destroys the context: allocations, streams and events go, and so does a sticky error.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceReset")]
    public static int DeviceReset()
    {
        NativeRuntime.Reset();
        return NativeRuntime.DeviceName is null ? NativeRuntime.Fail(CudaErrorCodes.NoDevice) : CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDriverGetVersion")]
    public static int DriverGetVersion(int* version) => WriteVersion(version);

    [UnmanagedCallersOnly(EntryPoint = "cudaRuntimeGetVersion")]
    public static int RuntimeGetVersion(int* version) => WriteVersion(version);

    /// <summary>The CUDA version whose runtime API this library implements.</summary>
    private static int WriteVersion(int* version)
    {
        if (version == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *version = CudaLimits.RuntimeVersion;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDeviceProperties")]
    public static int GetDeviceProperties(DeviceProperties* p, int device)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        *p = Properties.Value;
        p->PciDeviceId = device;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetAttribute")]
    public static int DeviceGetAttribute(int* value, int attribute, int device)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        var p = Properties.Value;
        p.PciDeviceId = device;
        int? v = attribute switch
        {
            1 => p.MaxThreadsPerBlock, 2 => p.MaxThreadsDim[0], 3 => p.MaxThreadsDim[1], 4 => p.MaxThreadsDim[2],
            5 => p.MaxGridSize[0], 6 => p.MaxGridSize[1], 7 => p.MaxGridSize[2], 8 => (int)p.SharedMemPerBlock,
            9 => (int)p.TotalConstMem, 10 => p.WarpSize, 11 => (int)Math.Min(p.MemPitch, int.MaxValue), 12 => p.RegsPerBlock,
            13 => p.ClockRate, 14 => (int)p.TextureAlignment, 15 => p.DeviceOverlap, 16 => p.MultiProcessorCount,
            17 => p.KernelExecTimeoutEnabled, 18 => p.Integrated, 19 => p.CanMapHostMemory, 20 => p.ComputeMode,
            31 => p.ConcurrentKernels, 32 => p.EccEnabled, 33 => p.PciBusId, 34 => p.PciDeviceId, 36 => p.MemoryClockRate,
            37 => p.MemoryBusWidth, 38 => p.L2CacheSize, 39 => p.MaxThreadsPerMultiProcessor, 40 => p.AsyncEngineCount,
            41 => p.UnifiedAddressing, 75 => p.Major, 76 => p.Minor, 81 => (int)p.SharedMemPerMultiprocessor,
            82 => p.RegsPerMultiprocessor, 83 => p.ManagedMemory, 89 => p.ConcurrentManagedAccess, 95 => p.CooperativeLaunch,
            97 => (int)p.SharedMemPerBlockOptin, 106 => p.MaxBlocksPerMultiProcessor,
            21 => p.MaxTexture1D, 22 => p.MaxTexture2D[0], 23 => p.MaxTexture2D[1], 24 => p.MaxTexture3D[0], 25 => p.MaxTexture3D[1],
            26 => p.MaxTexture3D[2], 27 => p.MaxTexture2DLayered[0], 28 => p.MaxTexture2DLayered[1], 29 => p.MaxTexture2DLayered[2],
            30 => (int)p.SurfaceAlignment, 35 => p.TccDriver, 42 => p.MaxTexture1DLayered[0], 43 => p.MaxTexture1DLayered[1],
            50 => p.PciDomainId, 51 => (int)p.TexturePitchAlignment, 52 => p.MaxTextureCubemap, 78 => p.StreamPrioritiesSupported,
            79 => p.GlobalL1CacheSupported, 80 => p.LocalL1CacheSupported, 84 => p.IsMultiGpuBoard, 85 => p.MultiGpuBoardGroupId,
            86 => p.HostNativeAtomicSupported, 87 => p.SingleToDoublePrecisionPerfRatio, 88 => p.PageableMemoryAccess,
            90 => p.ComputePreemptionSupported, 91 => p.CanUseHostPointerForRegisteredMem, 96 => p.CooperativeMultiDeviceLaunch,
            98 => 0, 99 => p.HostRegisterSupported, 100 => p.PageableMemoryAccessUsesHostPageTables,
            101 => p.DirectManagedMemAccessFromHost, 107 => p.PersistingL2CacheMaxSize, 108 => p.AccessPolicyMaxWindowSize,
            111 => (int)p.ReservedSharedMemPerBlock, 112 => p.SparseCudaArraySupported, 113 => p.HostRegisterReadOnlySupported,
            114 => p.TimelineSemaphoreInteropSupported, 115 => p.MemoryPoolsSupported, 116 => p.GpuDirectRdmaSupported,
            117 => (int)p.GpuDirectRdmaFlushWritesOptions, 118 => p.GpuDirectRdmaWritesOrdering,
            119 => (int)p.MemoryPoolSupportedHandleTypes, 120 => p.ClusterLaunch, 121 => p.DeferredMappingCudaArraySupported,
            _ => null,
        };
        if (v is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *value = v.Value;
        return CudaErrorCodes.Success;
    }

    /// <summary>
    /// The name a program sees: the device its kernels run on (TRANSLATE_DEVICE), so output and logs say where they ran:
    /// the processor for cpu and interp, the OpenCL device's own name for opencl.
    /// </summary>
    private static string DeviceDescription()
    {
        string device = NativeRuntime.DeviceName ?? "cpu";
        string where = $"{CpuModel()}, {Environment.ProcessorCount} cores";
        if (Translate.Runtime.BuildMode.BuildModeDevices.IsOpenCl(device) && Translate.Runtime.OpenCl.OpenClDeviceSelector.Select(device).Device is { } cl)
            where = $"{cl.Name.Trim()}, {cl.Platform.Name.Trim()}";
        return $"Translate {device} device ({where})";
    }

    /// <summary>What the device reports, read once (the CPU model and clock come from /proc/cpuinfo).</summary>
    private static readonly Lazy<DeviceProperties> Properties = new(Read);

    private static DeviceProperties Read()
    {
        var p = new DeviceProperties();
        var name = Encoding.UTF8.GetBytes(DeviceDescription());
        int n = Math.Min(name.Length, 255);
        for (int i = 0; i < n; i++) p.Name[i] = name[i];
        p.TotalGlobalMem = (nuint)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        p.SharedMemPerBlock = CudaLimits.SharedBytesPerBlock;
        p.RegsPerBlock = 65536;
        p.WarpSize = 32;
        p.MemPitch = int.MaxValue;
        p.MaxThreadsPerBlock = CudaLimits.MaxThreadsPerBlock;
        p.MaxThreadsDim[0] = CudaLimits.MaxBlockDimX; p.MaxThreadsDim[1] = CudaLimits.MaxBlockDimY; p.MaxThreadsDim[2] = CudaLimits.MaxBlockDimZ;
        p.MaxGridSize[0] = CudaLimits.MaxGridDimX; p.MaxGridSize[1] = CudaLimits.MaxGridDimY; p.MaxGridSize[2] = CudaLimits.MaxGridDimZ;
        p.ClockRate = CpuKilohertz();
        p.TotalConstMem = 65536;
        p.Major = CudaLimits.ComputeCapabilityMajor; p.Minor = CudaLimits.ComputeCapabilityMinor;
        p.TextureAlignment = 512;
        p.TexturePitchAlignment = 32;
        p.SurfaceAlignment = 512;
        p.MaxTexture1D = 131072; p.MaxTexture1DLinear = 1 << 27; p.MaxTexture1DMipmap = 32768;
        p.MaxTexture2D[0] = 131072; p.MaxTexture2D[1] = 65536;
        p.MaxTexture3D[0] = p.MaxTexture3D[1] = p.MaxTexture3D[2] = 16384;
        p.MaxTextureCubemap = 32768;
        p.MaxTexture1DLayered[0] = 32768; p.MaxTexture1DLayered[1] = 2048;
        p.MaxTexture2DLayered[0] = p.MaxTexture2DLayered[1] = 32768; p.MaxTexture2DLayered[2] = 2048;
        p.GlobalL1CacheSupported = 1;
        p.LocalL1CacheSupported = 1;
        p.HostNativeAtomicSupported = 1;
        p.SingleToDoublePrecisionPerfRatio = 2;
        p.HostRegisterSupported = 1;
        p.CanUseHostPointerForRegisteredMem = 1;
        p.DirectManagedMemAccessFromHost = 1;
        // On the cpu device kernels share the host's address space, so they can read any host memory. Under
        // TRANSLATE_VERIFY the second device runs every launch too, and the interpreter and opencl reach device
        // memory only: the program is told what both can do (NVIDIA systemWideAtomics then takes managed memory).
        p.PageableMemoryAccess = NativeRuntime.DeviceName == "cpu" && NativeRuntime.VerifyDevice is null ? 1 : 0;
        p.PageableMemoryAccessUsesHostPageTables = p.PageableMemoryAccess;
        p.MultiProcessorCount = CudaLimits.MultiprocessorCount;
        p.Integrated = 1;
        p.CanMapHostMemory = 1;
        p.UnifiedAddressing = 1;
        p.MemoryBusWidth = 64;
        p.MaxThreadsPerMultiProcessor = CudaLimits.MaxThreadsPerMultiprocessor;
        p.ManagedMemory = 1;
        p.ConcurrentManagedAccess = 1;
        p.SharedMemPerMultiprocessor = CudaLimits.SharedBytesPerMultiprocessor;
        p.RegsPerMultiprocessor = 65536;
        p.SharedMemPerBlockOptin = CudaLimits.SharedBytesPerBlockOptin;
        p.MaxBlocksPerMultiProcessor = CudaLimits.MaxBlocksPerMultiprocessor;
        // Grid synchronization (cudaLaunchCooperativeKernel with grid.sync()) runs on cpu and interp, and on opencl as
        // one kernel per stretch between grid barriers (GridSyncFission; the kernels it cannot split are TR0504 at build).
        p.CooperativeLaunch = NativeRuntime.DeviceName is "cpu" or "interp" or "opencl" ? 1 : 0;
        p.MemoryPoolsSupported = 1;
        return p;
    }

    private static string CpuModel() => CpuInfo("model name") ?? "x86-64";

    private static int CpuKilohertz() =>
        double.TryParse(CpuInfo("cpu MHz"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var mhz)
            ? (int)(mhz * 1000) : 0;

    private static string? CpuInfo(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith(key, StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
