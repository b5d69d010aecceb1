using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Streams and events. Every operation completes before its call returns, so work on any stream is
/// already ordered and finished; streams are checked handles, and an event records the time at which
/// all work issued before it had completed — which is when it is recorded. In a capturing stream
/// events mark positions in the capture instead (Graphs/StreamCapture.cs), and waiting for a
/// capturing stream is an error. Synchronizations are where pools release memory above their thresholds.
/// </summary>
internal static unsafe class StreamsAndEvents
{
    public static bool IsStream(nint s) => NativeRuntime.State.IsStream(s);

    /// <summary>0 for the default stream or a live stream; otherwise the error (recorded).</summary>
    public static int CheckStream(nint s) => NativeRuntime.State.CheckStream(s);

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamCreate")]
    public static int StreamCreate(nint* stream) => CreateStream(stream);

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamCreateWithFlags")]
    public static int StreamCreateWithFlags(nint* stream, uint flags)
    {
        if (flags > 1) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int r = CreateStream(stream);
        if (r == CudaErrorCodes.Success) StreamWork.Remember(*stream, flags, 0);
        return r;
    }

    internal static int CreateStream(nint* stream)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (stream == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *stream = (nint)NativeRuntime.State.CreateStream();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamDestroy")]
    public static int StreamDestroy(nint stream)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        StreamCapture.Forget(stream);
        return NativeRuntime.State.DestroyStream(stream);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamSynchronize")]
    public static int StreamSynchronize(nint stream)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (CheckStream(stream) is var s and not 0) return s;
        if (StreamCapture.SynchronizeConflict(stream) is var c and not 0) return c;
        MemoryPools.Synchronized();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamQuery")]
    public static int StreamQuery(nint stream) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : CheckStream(stream) is var s and not 0 ? s : StreamCapture.SynchronizeConflict(stream);

    /// <summary>flags: cudaEventWaitExternal (1) in a capturing stream records a wait node instead of joining the event's capture position.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaStreamWaitEvent")]
    public static int StreamWaitEvent(nint stream, nint e, uint flags) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : flags > 1 ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : CheckStream(stream) is var s and not 0 ? s
        : CheckEvent(e) is var bad and not 0 ? bad
        : flags == 1 && StreamCapture.Of(stream) is not null ? StreamCapture.Submit(stream, () => (new EventWaitNode(e), 0), null)
        : StreamCapture.WaitEvent(stream, e);

    [UnmanagedCallersOnly(EntryPoint = "cudaEventCreate")]
    public static int EventCreate(nint* e) => CreateEvent(e);

    [UnmanagedCallersOnly(EntryPoint = "cudaEventCreateWithFlags")]
    public static int EventCreateWithFlags(nint* e, uint flags) => CreateEvent(e);

    private static int CreateEvent(nint* e)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (e == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *e = (nint)NativeRuntime.State.CreateEvent();
        return CudaErrorCodes.Success;
    }

    internal static int CheckEvent(nint e) => NativeRuntime.State.CheckEvent(e);

    [UnmanagedCallersOnly(EntryPoint = "cudaEventRecord")]
    public static int EventRecord(nint e, nint stream) => Record(e, stream);

    [UnmanagedCallersOnly(EntryPoint = "cudaEventRecordWithFlags")]
    public static int EventRecordWithFlags(nint e, nint stream, uint flags) =>
        flags > 1 ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : flags == 1 && StreamCapture.Of(stream) is not null
            ? NativeRuntime.Precondition() is var pre and not 0 ? pre : CheckEvent(e) is var bad and not 0 ? bad
              : StreamCapture.Submit(stream, () => (new EventRecordNode(e), 0), null)
        : Record(e, stream);

    private static int Record(nint e, nint stream)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (CheckStream(stream) is var s and not 0) return s;
        if (CheckEvent(e) is var bad and not 0) return bad;
        if (StreamCapture.RecordEvent(e, stream, out bool captured) is var c and not 0) return c;
        if (!captured) NativeRuntime.State.Stamp(e);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaEventSynchronize")]
    public static int EventSynchronize(nint e)
    {
        if (WaitableEvent(e) is var r and not 0) return r;
        MemoryPools.Synchronized();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaEventQuery")]
    public static int EventQuery(nint e) => WaitableEvent(e);

    /// <summary>An event the host may wait for: live, and not last recorded in a capturing stream (that one marks a capture position, not work).</summary>
    private static int WaitableEvent(nint e) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : CheckEvent(e) is var bad and not 0 ? bad
        : StreamCapture.IsCapturedEvent(e) ? NativeRuntime.Fail(CudaErrorCodes.CapturedEvent)
        : CudaErrorCodes.Success;

    [UnmanagedCallersOnly(EntryPoint = "cudaEventDestroy")]
    public static int EventDestroy(nint e)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        return NativeRuntime.State.DestroyEvent(e);
    }

    /// <summary>Milliseconds between two recorded events (<see cref="CudaRuntimeState.ElapsedMilliseconds"/>).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaEventElapsedTime")]
    public static int EventElapsedTime(float* ms, nint start, nint end)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (ms == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int r = NativeRuntime.State.ElapsedMilliseconds(start, end, out float elapsed);
        if (r == CudaErrorCodes.Success) *ms = elapsed;
        return r;
    }
}
