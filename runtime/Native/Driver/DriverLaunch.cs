using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>cuLaunchKernel: cudaLaunchKernel's launch, with the arguments as pointers (kernelParams) or as one buffer laid
/// out as the kernel's parameters are (extra: CU_LAUNCH_PARAM_BUFFER_POINTER, CU_LAUNCH_PARAM_BUFFER_SIZE).</summary>
internal static unsafe class DriverLaunch
{
    private const nint End = 0, BufferPointer = 1, BufferSize = 2;

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchKernel")]
    public static int LaunchKernel(nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedBytes, nint stream, nint* kernelParams, nint* extra)
    {
        if (Ready() is var r and not 0) return r;
        var grid = new Dim3 { X = gridX, Y = gridY, Z = gridZ };
        var block = new Dim3 { X = blockX, Y = blockY, Z = blockZ };
        if (kernelParams != null || extra == null) return Result(Launch.Run(function, grid, block, kernelParams, sharedBytes, stream));
        nint buffer = 0;
        long size = -1;
        for (int k = 0; extra[k] != End; k += 2)
        {
            if (extra[k] == BufferPointer) buffer = extra[k + 1];
            else if (extra[k] == BufferSize) size = *(nuint*)extra[k + 1] is var s ? (long)s : -1;
            else return CudaDriverResults.InvalidValue;
        }
        return FromBuffer(function, grid, block, sharedBytes, stream, buffer, size);
    }

    /// <summary>A launch with the arguments in one buffer laid out as the kernel's parameters (<paramref name="size"/> -1: unknown).</summary>
    internal static int FromBuffer(nint function, Dim3 grid, Dim3 block, uint sharedBytes, nint stream, nint buffer, long size)
    {
        if (buffer == 0) return CudaDriverResults.InvalidValue;
        if (Launch.Prepare(function) is not { } kernel) return Result(NativeRuntime.State.PeekLastError());
        var plan = kernel.Plan;
        if (size >= 0 && size < plan.Size) return CudaDriverResults.InvalidValue;
        var args = stackalloc nint[Math.Max(1, plan.Offsets.Length)];
        for (int k = 0; k < plan.Offsets.Length; k++) args[k] = buffer + (nint)plan.Offsets[k];
        return Result(Launch.Run(function, grid, block, args, sharedBytes, stream));
    }
}
