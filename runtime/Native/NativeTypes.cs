using System.Runtime.InteropServices;

namespace Translate.Runtime.Native;

/// <summary>CUDA's dim3 as C lays it out.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Dim3
{
    public uint X, Y, Z;

    /// <summary>A dim3 passed by value arrives as two integer registers (SysV x86-64): x and y packed (y in the high half), then z.</summary>
    public static Dim3 FromRegisters(ulong xy, uint z) => new() { X = (uint)xy, Y = (uint)(xy >> 32), Z = z };

    public (int X, int Y, int Z) ToTuple() => ((int)Math.Min(X, int.MaxValue), (int)Math.Min(Y, int.MaxValue), (int)Math.Min(Z, int.MaxValue));
}

/// <summary>
/// <c>struct cudaDeviceProp</c> as our driver_types.h declares it (CUDA 12's fields, field for field;
/// the build-mode tests compare the offsets with what clang computes for the header).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DeviceProperties
{
    public fixed byte Name[256];
    public fixed byte Uuid[16];
    public fixed byte Luid[8];
    public uint LuidDeviceNodeMask;
    public nuint TotalGlobalMem;
    public nuint SharedMemPerBlock;
    public int RegsPerBlock;
    public int WarpSize;
    public nuint MemPitch;
    public int MaxThreadsPerBlock;
    public fixed int MaxThreadsDim[3];
    public fixed int MaxGridSize[3];
    public int ClockRate;
    public nuint TotalConstMem;
    public int Major;
    public int Minor;
    public nuint TextureAlignment;
    public nuint TexturePitchAlignment;
    public int DeviceOverlap;
    public int MultiProcessorCount;
    public int KernelExecTimeoutEnabled;
    public int Integrated;
    public int CanMapHostMemory;
    public int ComputeMode;
    public int MaxTexture1D, MaxTexture1DMipmap, MaxTexture1DLinear;
    public fixed int MaxTexture2D[2];
    public fixed int MaxTexture2DMipmap[2];
    public fixed int MaxTexture2DLinear[3];
    public fixed int MaxTexture2DGather[2];
    public fixed int MaxTexture3D[3];
    public fixed int MaxTexture3DAlt[3];
    public int MaxTextureCubemap;
    public fixed int MaxTexture1DLayered[2];
    public fixed int MaxTexture2DLayered[3];
    public fixed int MaxTextureCubemapLayered[2];
    public int MaxSurface1D;
    public fixed int MaxSurface2D[2];
    public fixed int MaxSurface3D[3];
    public fixed int MaxSurface1DLayered[2];
    public fixed int MaxSurface2DLayered[3];
    public int MaxSurfaceCubemap;
    public fixed int MaxSurfaceCubemapLayered[2];
    public nuint SurfaceAlignment;
    public int ConcurrentKernels;
    public int EccEnabled;
    public int PciBusId;
    public int PciDeviceId;
    public int PciDomainId;
    public int TccDriver;
    public int AsyncEngineCount;
    public int UnifiedAddressing;
    public int MemoryClockRate;
    public int MemoryBusWidth;
    public int L2CacheSize;
    public int PersistingL2CacheMaxSize;
    public int MaxThreadsPerMultiProcessor;
    public int StreamPrioritiesSupported;
    public int GlobalL1CacheSupported;
    public int LocalL1CacheSupported;
    public nuint SharedMemPerMultiprocessor;
    public int RegsPerMultiprocessor;
    public int ManagedMemory;
    public int IsMultiGpuBoard;
    public int MultiGpuBoardGroupId;
    public int HostNativeAtomicSupported;
    public int SingleToDoublePrecisionPerfRatio;
    public int PageableMemoryAccess;
    public int ConcurrentManagedAccess;
    public int ComputePreemptionSupported;
    public int CanUseHostPointerForRegisteredMem;
    public int CooperativeLaunch;
    public int CooperativeMultiDeviceLaunch;
    public nuint SharedMemPerBlockOptin;
    public int PageableMemoryAccessUsesHostPageTables;
    public int DirectManagedMemAccessFromHost;
    public int MaxBlocksPerMultiProcessor;
    public int AccessPolicyMaxWindowSize;
    public nuint ReservedSharedMemPerBlock;
    public int HostRegisterSupported;
    public int SparseCudaArraySupported;
    public int HostRegisterReadOnlySupported;
    public int TimelineSemaphoreInteropSupported;
    public int MemoryPoolsSupported;
    public int GpuDirectRdmaSupported;
    public uint GpuDirectRdmaFlushWritesOptions;
    public int GpuDirectRdmaWritesOrdering;
    public uint MemoryPoolSupportedHandleTypes;
    public int DeferredMappingCudaArraySupported;
    public int IpcEventSupported;
    public int ClusterLaunch;
    public int UnifiedFunctionPointers;
    public fixed int Reserved[63];
}

/// <summary><c>struct cudaFuncAttributes</c> as our header declares it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FunctionAttributes
{
    public nuint SharedSizeBytes;
    public nuint ConstSizeBytes;
    public nuint LocalSizeBytes;
    public int MaxThreadsPerBlock;
    public int NumRegs;
    public int PtxVersion;
    public int BinaryVersion;
    public int CacheModeCA;
    public int MaxDynamicSharedSizeBytes;
    public int PreferredShmemCarveout;
    public int ClusterDimMustBeSet;
    public int RequiredClusterWidth, RequiredClusterHeight, RequiredClusterDepth;
    public int ClusterSchedulingPolicyPreference;
    public int NonPortableClusterSizeAllowed;
    public fixed int Reserved[16];
}
