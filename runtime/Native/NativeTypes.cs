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
/// <c>struct cudaDeviceProp</c> as our cuda_runtime_api.h declares it (field for field; the build-mode
/// tests compare the offsets with what clang computes for the header).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DeviceProperties
{
    public fixed byte Name[256];
    public fixed byte Uuid[16];
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
    public int DeviceOverlap;
    public int MultiProcessorCount;
    public int KernelExecTimeoutEnabled;
    public int Integrated;
    public int CanMapHostMemory;
    public int ComputeMode;
    public int ConcurrentKernels;
    public int EccEnabled;
    public int PciBusId;
    public int PciDeviceId;
    public int AsyncEngineCount;
    public int UnifiedAddressing;
    public int MemoryClockRate;
    public int MemoryBusWidth;
    public int L2CacheSize;
    public int MaxThreadsPerMultiProcessor;
    public int ManagedMemory;
    public int ConcurrentManagedAccess;
    public nuint SharedMemPerMultiprocessor;
    public int RegsPerMultiprocessor;
    public nuint SharedMemPerBlockOptin;
    public int CooperativeLaunch;
    public int MaxBlocksPerMultiProcessor;
}

/// <summary><c>struct cudaFuncAttributes</c> as our header declares it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FunctionAttributes
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
}
