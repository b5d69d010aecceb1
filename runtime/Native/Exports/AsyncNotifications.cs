using System.Runtime.InteropServices;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Asynchronous notifications (cudaDeviceRegisterAsyncNotification). The only kind CUDA sends is "over budget",
/// when the process holds more device memory than the driver now grants it; the devices here have no budget below
/// the memory they report, so a registered function is never called: a registration is its handle and device,
/// checked when it is unregistered.
/// </summary>
internal static unsafe class AsyncNotifications
{
    private static readonly Dictionary<nint, int> Registered = [];
    private static long _lastHandle;

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceRegisterAsyncNotification")]
    public static int Register(int device, nint function, nint userData, nint* handle)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        if (function == 0 || handle == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        // A handle is an opaque, never-null pointer-sized value; nothing dereferences it.
        var h = (nint)Interlocked.Increment(ref _lastHandle);
        lock (Registered) Registered[h] = device;
        *handle = h;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceUnregisterAsyncNotification")]
    public static int Unregister(int device, nint handle)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        lock (Registered)
        {
            if (!Registered.TryGetValue(handle, out int registeredOn) || registeredOn != device) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            Registered.Remove(handle);
        }
        return CudaErrorCodes.Success;
    }
}
