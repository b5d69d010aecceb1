using System.Runtime.InteropServices;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// <c>cudaLaunchCooperativeKernel</c>: a launch whose blocks are all resident at once, so <c>grid.sync()</c>
/// completes. The device runs it so (cpu: every block on its own OS thread); a grid larger than
/// cudaOccupancyMaxActiveBlocksPerMultiprocessor × multiProcessorCount is cudaErrorCooperativeLaunchTooLarge.
/// </summary>
internal static unsafe class CooperativeLaunch
{
    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchCooperativeKernel")]
    public static int LaunchCooperativeKernel(nint function, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint* args, nuint shared, nint stream) =>
        Launch.Run(function, Dim3.FromRegisters(gridXY, gridZ), Dim3.FromRegisters(blockXY, blockZ), args, shared, stream, cooperative: true);
}
