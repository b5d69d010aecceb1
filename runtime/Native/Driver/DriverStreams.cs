using System.Runtime.InteropServices;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>Streams and events: the runtime API's.</summary>
internal static unsafe class DriverStreams
{
    [UnmanagedCallersOnly(EntryPoint = "cuStreamCreate")]
    public static int StreamCreate(nint* stream, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint*, uint, int> create = &StreamsAndEvents.StreamCreateWithFlags;
        return Result(create(stream, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamDestroy_v2")]
    public static int StreamDestroy(nint stream) => Destroy(stream);

    [UnmanagedCallersOnly(EntryPoint = "cuStreamDestroy")]
    public static int StreamDestroyLegacy(nint stream) => Destroy(stream);

    private static int Destroy(nint stream)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> destroy = &StreamsAndEvents.StreamDestroy;
        return Result(destroy(stream));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamSynchronize")]
    public static int StreamSynchronize(nint stream)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> synchronize = &StreamsAndEvents.StreamSynchronize;
        return Result(synchronize(stream));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuEventCreate")]
    public static int EventCreate(nint* e, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint*, uint, int> create = &StreamsAndEvents.EventCreateWithFlags;
        return Result(create(e, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuEventRecord")]
    public static int EventRecord(nint e, nint stream)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nint, int> record = &StreamsAndEvents.EventRecord;
        return Result(record(e, stream));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuEventSynchronize")]
    public static int EventSynchronize(nint e)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> synchronize = &StreamsAndEvents.EventSynchronize;
        return Result(synchronize(e));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuEventElapsedTime")]
    public static int EventElapsedTime(float* milliseconds, nint start, nint end)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<float*, nint, nint, int> elapsed = &StreamsAndEvents.EventElapsedTime;
        return Result(elapsed(milliseconds, start, end));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuEventDestroy_v2")]
    public static int EventDestroy(nint e) => DestroyEvent(e);

    [UnmanagedCallersOnly(EntryPoint = "cuEventDestroy")]
    public static int EventDestroyLegacy(nint e) => DestroyEvent(e);

    private static int DestroyEvent(nint e)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> destroy = &StreamsAndEvents.EventDestroy;
        return Result(destroy(e));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamCreateWithPriority")]
    public static int StreamCreateWithPriority(nint* stream, uint flags, int priority)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint*, uint, int, int> create = &StreamWork.StreamCreateWithPriority;
        return Result(create(stream, flags, priority));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamQuery")]
    public static int StreamQuery(nint stream)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> query = &StreamsAndEvents.StreamQuery;
        return Result(query(stream));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamWaitEvent")]
    public static int StreamWaitEvent(nint stream, nint e, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nint, uint, int> wait = &StreamsAndEvents.StreamWaitEvent;
        return Result(wait(stream, e, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetFlags")]
    public static int StreamGetFlags(nint stream, uint* flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, uint*, int> get = &StreamWork.StreamGetFlags;
        return Result(get(stream, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetPriority")]
    public static int StreamGetPriority(nint stream, int* priority)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int*, int> get = &StreamWork.StreamGetPriority;
        return Result(get(stream, priority));
    }

    /// <summary>The callback receives a CUresult where the runtime's receives a cudaError_t: both are 0 on success, the only status passed.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuStreamAddCallback")]
    public static int StreamAddCallback(nint stream, delegate* unmanaged<nint, int, nint, void> callback, nint userData, uint flags)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, delegate* unmanaged<nint, int, nint, void>, nint, uint, int> add = &StreamWork.StreamAddCallback;
        return Result(add(stream, callback, userData, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchHostFunc")]
    public static int LaunchHostFunc(nint stream, delegate* unmanaged<nint, void> function, nint userData)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, delegate* unmanaged<nint, void>, nint, int> launch = &StreamWork.LaunchHostFunc;
        return Result(launch(stream, function, userData));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuEventQuery")]
    public static int EventQuery(nint e)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, int> query = &StreamsAndEvents.EventQuery;
        return Result(query(e));
    }
}
