using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// Contexts. Every context of ours is a view of the one device state the runtime API also uses (CUDA's primary context
/// is that too), so a context records its device and which thread made it current; work done in any of them is seen by
/// all. cuCtxCreate is reached in its v2 (flags, device), v3 (with execution-affinity parameters) and v4 (with
/// CUctxCreateParams) forms; affinity and CIG parameters are not supported (CUDA_ERROR_NOT_SUPPORTED) when given.
/// </summary>
internal static unsafe class DriverContexts
{
    private static readonly Dictionary<nint, int> Contexts = [];
    private static readonly Dictionary<int, nint> Primary = [];
    [ThreadStatic] private static Stack<nint>? _current;

    private static Stack<nint> Current => _current ??= new();

    /// <summary>The calling thread's current context, or 0.</summary>
    internal static nint CurrentContext() => Current.Count > 0 ? Current.Peek() : 0;

    private static int Create(nint* context, int device)
    {
        if (Ready() is var r and not 0) return r;
        if (context == null) return CudaDriverResults.InvalidValue;
        if (!IsDevice(device)) return CudaDriverResults.InvalidDevice;
        var handle = NativeRuntime.NewHandle();
        lock (NativeRuntime.Gate) Contexts[handle] = device;
        Current.Push(handle);
        *context = handle;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxCreate")]
    public static int CtxCreate(nint* context, uint flags, int device) => Create(context, device);

    [UnmanagedCallersOnly(EntryPoint = "cuCtxCreate_v2")]
    public static int CtxCreateV2(nint* context, uint flags, int device) => Create(context, device);

    [UnmanagedCallersOnly(EntryPoint = "cuCtxCreate_v3")]
    public static int CtxCreateV3(nint* context, nint affinity, int affinityCount, uint flags, int device) =>
        affinityCount > 0 ? CudaDriverResults.NotSupported : Create(context, device);

    /// <summary><c>cuCtxCreate_v4(CUcontext*, CUctxCreateParams*, flags, device)</c>: the parameters' three fields may be empty.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuCtxCreate_v4")]
    public static int CtxCreateV4(nint* context, nint* parameters, uint flags, int device)
    {
        if (parameters != null && (parameters[0] != 0 || (int)parameters[1] > 0 || parameters[2] != 0)) return CudaDriverResults.NotSupported;
        return Create(context, device);
    }

    private static int Destroy(nint context)
    {
        if (Ready() is var r and not 0) return r;
        lock (NativeRuntime.Gate)
            if (!Contexts.Remove(context)) return CudaDriverResults.InvalidContext;
        if (Current.Count > 0 && Current.Peek() == context) Current.Pop();
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxDestroy")]
    public static int CtxDestroy(nint context) => Destroy(context);

    [UnmanagedCallersOnly(EntryPoint = "cuCtxDestroy_v2")]
    public static int CtxDestroyV2(nint context) => Destroy(context);

    [UnmanagedCallersOnly(EntryPoint = "cuCtxSynchronize")]
    public static int CtxSynchronize()
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int> synchronize = &Devices.DeviceSynchronize;
        return Result(synchronize());
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetCurrent")]
    public static int CtxGetCurrent(nint* context)
    {
        if (Ready() is var r and not 0) return r;
        if (context == null) return CudaDriverResults.InvalidValue;
        *context = Current.Count > 0 ? Current.Peek() : 0;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxSetCurrent")]
    public static int CtxSetCurrent(nint context)
    {
        if (Ready() is var r and not 0) return r;
        if (context != 0 && !Known(context)) return CudaDriverResults.InvalidContext;
        if (Current.Count > 0) Current.Pop();
        if (context != 0) Current.Push(context);
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxGetDevice")]
    public static int CtxGetDevice(int* device)
    {
        if (Ready() is var r and not 0) return r;
        if (device == null) return CudaDriverResults.InvalidValue;
        if (Current.Count == 0) return CudaDriverResults.InvalidContext;
        lock (NativeRuntime.Gate) *device = Contexts[Current.Peek()];
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxPushCurrent_v2")]
    public static int CtxPushCurrent(nint context) => Push(context);

    [UnmanagedCallersOnly(EntryPoint = "cuCtxPushCurrent")]
    public static int CtxPushCurrentLegacy(nint context) => Push(context);

    private static int Push(nint context)
    {
        if (Ready() is var r and not 0) return r;
        if (!Known(context)) return CudaDriverResults.InvalidContext;
        Current.Push(context);
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuCtxPopCurrent_v2")]
    public static int CtxPopCurrent(nint* context) => Pop(context);

    [UnmanagedCallersOnly(EntryPoint = "cuCtxPopCurrent")]
    public static int CtxPopCurrentLegacy(nint* context) => Pop(context);

    private static int Pop(nint* context)
    {
        if (Ready() is var r and not 0) return r;
        if (Current.Count == 0) return CudaDriverResults.InvalidContext;
        var popped = Current.Pop();
        if (context != null) *context = popped;
        return CudaDriverResults.Success;
    }

    /// <summary>cuCtxAttach (deprecated): the current context, which every context is a view of anyway.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuCtxAttach")]
    public static int CtxAttach(nint* context, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        if (context == null || flags != 0) return CudaDriverResults.InvalidValue;
        if (Current.Count == 0) return CudaDriverResults.InvalidContext;
        *context = Current.Peek();
        return CudaDriverResults.Success;
    }

    /// <summary>cuCtxDetach (deprecated): contexts hold nothing of their own, so a detach only checks the context.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuCtxDetach")]
    public static int CtxDetach(nint context) => Ready() is var r and not 0 ? r : Known(context) ? CudaDriverResults.Success : CudaDriverResults.InvalidContext;

    /// <summary>The device's primary context: one per device, made at its first retain.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuDevicePrimaryCtxRetain")]
    public static int DevicePrimaryCtxRetain(nint* context, int device)
    {
        if (Ready() is var r and not 0) return r;
        if (context == null) return CudaDriverResults.InvalidValue;
        if (!IsDevice(device)) return CudaDriverResults.InvalidDevice;
        lock (NativeRuntime.Gate)
        {
            if (!Primary.TryGetValue(device, out var handle))
            {
                Primary[device] = handle = NativeRuntime.NewHandle();
                Contexts[handle] = device;
            }
            *context = handle;
        }
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDevicePrimaryCtxRelease_v2")]
    public static int DevicePrimaryCtxRelease(int device) =>
        Ready() is var r and not 0 ? r : !IsDevice(device) ? CudaDriverResults.InvalidDevice : CudaDriverResults.Success;

    /// <summary>Whether <paramref name="context"/> is a context that exists.</summary>
    internal static bool Known(nint context)
    {
        lock (NativeRuntime.Gate) return Contexts.ContainsKey(context);
    }
}
