using System.Runtime.InteropServices;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>Kernel attributes and occupancy, as the cpu device's limits give them.</summary>
internal static unsafe class Functions
{
    private const int MaxDynamicSharedMemorySize = 8, PreferredSharedMemoryCarveout = 9;

    private static (BuildMode.IKernelHost Host, int Index, RegisteredKernel Kernel)? Find(nint function)
    {
        RegisteredKernel? k;
        lock (NativeRuntime.Gate) k = NativeRuntime.Kernels.GetValueOrDefault(function);
        if (k?.IrName is null || k.Image.Host() is not { } host || host.FindKernel(k.IrName) is var i && i < 0) return null;
        return (host, i, k);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncGetAttributes")]
    public static int FuncGetAttributes(FunctionAttributes* attributes, nint function)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (attributes == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Find(function) is not { } f) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        long shared = f.Host.StaticSharedBytes(f.Index);
        *attributes = new FunctionAttributes
        {
            SharedSizeBytes = (nuint)shared,
            MaxThreadsPerBlock = CudaLimits.MaxThreadsPerBlock,
            NumRegs = 32,
            PtxVersion = 70,
            BinaryVersion = 70,
            MaxDynamicSharedSizeBytes = (int)f.Kernel.DynamicSharedLimit(shared),
            PreferredShmemCarveout = -1,
        };
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncSetAttribute")]
    public static int FuncSetAttribute(nint function, int attribute, int value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(function) is not { } f) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        if (attribute == MaxDynamicSharedMemorySize && value >= 0 && value + f.Host.StaticSharedBytes(f.Index) <= CudaLimits.SharedBytesPerBlockOptin)
        {
            // Opting in: launches of this kernel may then use up to `value` bytes of dynamic shared memory.
            f.Kernel.MaxDynamicSharedBytes = value;
            return CudaErrorCodes.Success;
        }
        return attribute switch
        {
            PreferredSharedMemoryCarveout when value is >= -1 and <= 100 => CudaErrorCodes.Success,
            _ => NativeRuntime.Fail(CudaErrorCodes.InvalidValue),
        };
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncSetCacheConfig")]
    public static int FuncSetCacheConfig(nint function, int config) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : Find(function) is null ? NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction) : CudaErrorCodes.Success;

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncSetSharedMemConfig")]
    public static int FuncSetSharedMemConfig(nint function, int config) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Find(function) is null ? NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction)
        : config is < 0 or > 2 ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;

    /// <summary>The kernel's name as the device image knows it: its link (mangled) name, as CUDA reports it.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaFuncGetName")]
    public static int FuncGetName(nint* name, nint function)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (name == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        RegisteredKernel? k;
        lock (NativeRuntime.Gate) k = NativeRuntime.Kernels.GetValueOrDefault(function);
        if (k is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        *name = NativeStrings.Of(k.LinkName);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaOccupancyMaxActiveBlocksPerMultiprocessor")]
    public static int OccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, nint function, int blockSize, nuint dynamicShared) =>
        Occupancy(blocks, function, blockSize, dynamicShared);

    [UnmanagedCallersOnly(EntryPoint = "cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags")]
    public static int OccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int* blocks, nint function, int blockSize, nuint dynamicShared, uint flags) =>
        flags > 1 ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : Occupancy(blocks, function, blockSize, dynamicShared);

    /// <summary>Blocks that fit on one multiprocessor by threads (in whole warps), block slots and shared memory (<see cref="CudaLimits"/>).</summary>
    private static int Occupancy(int* blocks, nint function, int blockSize, nuint dynamicShared)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (blocks == null || blockSize <= 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Find(function) is not { } f) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        *blocks = CudaLimits.MaxActiveBlocksPerMultiprocessor(blockSize, f.Host.StaticSharedBytes(f.Index) + (long)dynamicShared);
        return CudaErrorCodes.Success;
    }

    /// <summary>Dynamic shared memory each of numBlocks blocks may have with all of them resident on one multiprocessor.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaOccupancyAvailableDynamicSMemPerBlock")]
    public static int OccupancyAvailableDynamicSMemPerBlock(nuint* bytes, nint function, int numBlocks, int blockSize)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (bytes == null || numBlocks <= 0 || blockSize <= 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Find(function) is not { } f) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        bool fits = blockSize <= CudaLimits.MaxThreadsPerBlock && numBlocks <= CudaLimits.MaxBlocksPerMultiprocessor
            && (long)numBlocks * ((blockSize + 31) / 32 * 32) <= CudaLimits.MaxThreadsPerMultiprocessor;
        long perBlock = fits ? Math.Min(CudaLimits.SharedBytesPerBlock, CudaLimits.SharedBytesPerMultiprocessor / numBlocks) - f.Host.StaticSharedBytes(f.Index) : 0;
        *bytes = (nuint)Math.Max(perBlock, 0);
        return CudaErrorCodes.Success;
    }
}
