using Translate.DeviceContract.Cuda;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// The driver API is this library's runtime API under other names: each driver function that has a runtime twin calls
/// the twin's export (through its address: both are C entry points) and reports its error as the driver's CUresult.
/// So memory, streams, events and launches behave the same whichever API a program uses, on one device.
/// </summary>
internal static class DriverCalls
{
    /// <summary>The driver's result for a runtime call's error.</summary>
    public static int Result(int runtimeError) => CudaDriverResults.FromRuntime(runtimeError);

    /// <summary>cuInit has run (the driver API's other calls are CUDA_ERROR_NOT_INITIALIZED before it).</summary>
    public static volatile bool Initialized;

    /// <summary>Whether <paramref name="device"/> is a device ordinal (the driver's check: no runtime last error is recorded).</summary>
    public static bool IsDevice(int device) => device >= 0 && device < DeviceOrdinals.Count;

    public static int Ready() => !Initialized ? CudaDriverResults.NotInitialized
        : NativeRuntime.DeviceName is null ? CudaDriverResults.NoDevice : CudaDriverResults.Success;
}
