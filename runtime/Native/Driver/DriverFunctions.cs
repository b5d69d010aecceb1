using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>Kernel attributes, cache preferences and cooperative launches of a CUfunction: the runtime's, one value at a time.</summary>
internal static unsafe class DriverFunctions
{
    [UnmanagedCallersOnly(EntryPoint = "cuFuncGetAttribute")]
    public static int FuncGetAttribute(int* value, int attribute, nint function)
    {
        if (Ready() is var r and not 0) return r;
        if (value == null) return CudaDriverResults.InvalidValue;
        FunctionAttributes a;
        delegate* unmanaged<FunctionAttributes*, nint, int> get = &Functions.FuncGetAttributes;
        if (get(&a, function) is var e and not 0) return Result(e);
        int? v = attribute switch
        {
            0 => a.MaxThreadsPerBlock, 1 => (int)a.SharedSizeBytes, 2 => (int)a.ConstSizeBytes, 3 => (int)a.LocalSizeBytes, 4 => a.NumRegs,
            5 => a.PtxVersion, 6 => a.BinaryVersion, 7 => a.CacheModeCA, 8 => a.MaxDynamicSharedSizeBytes, 9 => a.PreferredShmemCarveout,
            _ => null,
        };
        if (v is null) return CudaDriverResults.InvalidValue;
        *value = v.Value;
        return CudaDriverResults.Success;
    }

    /// <summary>The driver numbers the settable attributes 8 and 9; the runtime's cudaFuncAttribute numbers them 8 and 9 too.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuFuncSetAttribute")]
    public static int FuncSetAttribute(nint function, int attribute, int value)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int, int, int> set = &Functions.FuncSetAttribute;
        return Result(set(function, attribute, value));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuFuncSetCacheConfig")]
    public static int FuncSetCacheConfig(nint function, int config)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int, int> set = &Functions.FuncSetCacheConfig;
        return Result(set(function, config));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchCooperativeKernel")]
    public static int LaunchCooperativeKernel(nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedBytes, nint stream, nint* kernelParams)
    {
        if (Ready() is var r and not 0) return r;
        var grid = new Dim3 { X = gridX, Y = gridY, Z = gridZ };
        var block = new Dim3 { X = blockX, Y = blockY, Z = blockZ };
        return Result(Launch.Run(function, grid, block, kernelParams, sharedBytes, stream, cooperative: true));
    }
}
