using Translate.DeviceContract;
using Translate.Runtime.Native.Exports;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// Stream capture, and the one place that decides whether a stream captures. Work issued to a
/// capturing stream becomes a node of the capture's graph instead of running; an event recorded in a
/// capturing stream remembers the capture and the stream's position, and a stream waiting on it joins
/// the capture (a fork) or, already in it, gains the dependency (a join). Calls that cannot be captured
/// fail with CUDA's capture errors and invalidate the capture, as CUDA does.
/// </summary>
internal static class StreamCapture
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<nint, CaptureSequence> Capturing = [];
    private static readonly Dictionary<nint, (CaptureSequence Capture, List<GraphNode> Nodes)> CapturedEvents = [];
    private static ulong _nextId;

    public const int ModeGlobal = 0, ModeThreadLocal = 1, ModeRelaxed = 2;

    /// <summary>The calling thread's capture interaction mode (cudaThreadExchangeStreamCaptureMode).</summary>
    [ThreadStatic] private static int _threadMode;

    private static bool IsLegacy(nint stream) => stream is 0 or 1;

    /// <summary>The capture <paramref name="stream"/> takes part in, or null.</summary>
    public static CaptureSequence? Of(nint stream)
    {
        lock (Gate) return Capturing.Count == 0 ? null : Capturing.GetValueOrDefault(stream);
    }

    /// <summary>
    /// A stream operation: recorded as the node <paramref name="node"/> makes when the stream captures,
    /// otherwise run now. 0 or the error (recorded).
    /// </summary>
    public static int Submit(nint stream, Func<(GraphNode? Node, int Error)> node, Func<int>? run)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        if (Of(stream) is { } capture)
        {
            if (capture.Invalidated) return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureInvalidated);
            var (made, error) = node();
            if (made is null) return NativeRuntime.Fail(error);
            lock (Gate) capture.Append(stream, made);
            return CudaErrorCodes.Success;
        }
        if (LegacyStreamConflict(stream) is var conflict and not 0) return conflict;
        return run?.Invoke() ?? CudaErrorCodes.Success;
    }

    /// <summary>A copy issued to a stream: run now, or recorded as a memcpy node performing it at each launch.</summary>
    public static int Copy(nint stream, string description, Func<int> copy) =>
        Submit(stream, () => (new MemcpyNode(null, copy, description), 0), copy);

    /// <summary>A fill issued to a stream: run now, or recorded as a memset node performing it at each launch.</summary>
    public static int Fill(nint stream, Func<int> fill) => Submit(stream, () => (new MemsetNode(fill), 0), fill);

    /// <summary>A synchronous copy or fill: it runs in the legacy default stream, so the legacy stream's conflict applies.</summary>
    public static int Synchronous(Func<int> work) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : LegacyStreamConflict(0) is var c and not 0 ? c : work();

    /// <summary>An operation that cannot be captured: refused with cudaErrorStreamCaptureUnsupported (invalidating the capture) when the stream captures.</summary>
    public static int Uncapturable(nint stream, Func<int> work)
    {
        if (Of(stream) is { } capture)
        {
            capture.Invalidated = true;
            return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureUnsupported);
        }
        return LegacyStreamConflict(stream) is var c and not 0 ? c : work();
    }

    /// <summary>
    /// Work on the legacy default stream waits for every blocking stream; when one of them captures,
    /// that would make the legacy stream depend on the capture: cudaErrorStreamCaptureImplicit, and the
    /// capture is invalidated. 0 when there is no such capture.
    /// </summary>
    public static int LegacyStreamConflict(nint stream)
    {
        if (!IsLegacy(stream)) return 0;
        lock (Gate)
        {
            var blocking = Capturing.Where(c => (StreamWork.Flags(c.Key) & 1) == 0).Select(c => c.Value).ToList();
            if (blocking.Count == 0) return 0;
            foreach (var c in blocking) c.Invalidated = true;
        }
        return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureImplicit);
    }

    /// <summary>
    /// cudaStreamSynchronize, cudaStreamQuery: a capturing stream cannot be waited for
    /// (cudaErrorStreamCaptureUnsupported, invalidating the capture); the legacy stream as above.
    /// </summary>
    public static int SynchronizeConflict(nint stream)
    {
        if (Of(stream) is { } capture)
        {
            capture.Invalidated = true;
            return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureUnsupported);
        }
        return LegacyStreamConflict(stream);
    }

    /// <summary>cudaDeviceSynchronize waits for every stream, so it conflicts with any capture.</summary>
    public static int DeviceSynchronizeConflict()
    {
        lock (Gate)
        {
            if (Capturing.Count == 0) return 0;
            foreach (var c in Capturing.Values) c.Invalidated = true;
        }
        return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureUnsupported);
    }

    /// <summary>
    /// Potentially unsafe calls (cudaMalloc, cudaFree and the other synchronous allocators) are
    /// prohibited, as cudaThreadExchangeStreamCaptureMode documents, while this thread has a capture not
    /// begun in relaxed mode, or — in global mode — any thread has a global capture. They fail with
    /// cudaErrorStreamCaptureUnsupported and invalidate those captures.
    /// </summary>
    public static int UnsafeCallConflict()
    {
        if (_threadMode == ModeRelaxed) return 0;
        int me = Environment.CurrentManagedThreadId;
        lock (Gate)
        {
            if (Capturing.Count == 0) return 0;
            var prohibiting = Capturing.Values.Distinct()
                .Where(c => c.Thread == me ? c.Mode != ModeRelaxed : _threadMode == ModeGlobal && c.Mode == ModeGlobal).ToList();
            if (prohibiting.Count == 0) return 0;
            foreach (var c in prohibiting) c.Invalidated = true;
        }
        return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureUnsupported);
    }

    public static int Begin(nint stream, int mode) => Begin(stream, mode, null, []);

    /// <summary>
    /// Begins a capture on <paramref name="stream"/>: into a new graph, or (cudaStreamBeginCaptureToGraph)
    /// into <paramref name="into"/> after <paramref name="after"/>, nodes of it.
    /// </summary>
    public static int Begin(nint stream, int mode, Graph? into, List<GraphNode> after)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (mode is < ModeGlobal or > ModeRelaxed) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        if (IsLegacy(stream)) return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureUnsupported);
        lock (Gate)
        {
            if (Capturing.ContainsKey(stream)) return NativeRuntime.Fail(CudaErrorCodes.IllegalState);
            var capture = new CaptureSequence(++_nextId, stream, mode, Environment.CurrentManagedThreadId, into);
            capture.Tails[stream] = after;
            Capturing[stream] = capture;
        }
        return CudaErrorCodes.Success;
    }

    /// <summary>Ends the capture begun on <paramref name="stream"/>: its graph, or null with the error (recorded).</summary>
    public static int End(nint stream, out Graph? graph)
    {
        graph = null;
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        CaptureSequence? capture;
        lock (Gate)
        {
            capture = Capturing.GetValueOrDefault(stream);
            if (capture is null) return NativeRuntime.Fail(CudaErrorCodes.IllegalState);
            if (capture.Origin != stream)
            {
                capture.Invalidated = true;
                return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureUnmatched);
            }
            if (capture.Mode != ModeRelaxed && capture.Thread != Environment.CurrentManagedThreadId)
                return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureWrongThread);
            foreach (var member in capture.Tails.Keys) Capturing.Remove(member);
            foreach (var e in CapturedEvents.Where(e => e.Value.Capture == capture).Select(e => e.Key).ToList()) CapturedEvents.Remove(e);
        }
        int error = capture.Invalidated ? CudaErrorCodes.StreamCaptureInvalidated : !capture.Joined() ? CudaErrorCodes.StreamCaptureUnjoined : 0;
        if (error != 0)
        {
            if (!capture.IntoExistingGraph) capture.Graph.Destroy();
            return NativeRuntime.Fail(error);
        }
        graph = capture.Graph;
        return CudaErrorCodes.Success;
    }

    /// <summary>cudaEventRecord: in a capturing stream the event marks the stream's position in the capture; elsewhere it is no longer a captured event.</summary>
    public static int RecordEvent(nint e, nint stream, out bool captured)
    {
        captured = false;
        if (Of(stream) is { } capture)
        {
            if (capture.Invalidated) return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureInvalidated);
            lock (Gate) CapturedEvents[e] = (capture, [.. capture.Tails[stream]]);
            captured = true;
            return 0;
        }
        if (LegacyStreamConflict(stream) is var conflict and not 0) return conflict;
        lock (Gate) CapturedEvents.Remove(e);
        return 0;
    }

    /// <summary>An event record node ran: the event now marks completed work, not a capture position.</summary>
    public static void Recorded(nint e)
    {
        lock (Gate) CapturedEvents.Remove(e);
    }

    /// <summary>Whether the event was last recorded in a capturing stream (waiting on it from the host is cudaErrorCapturedEvent).</summary>
    public static bool IsCapturedEvent(nint e)
    {
        lock (Gate) return CapturedEvents.ContainsKey(e);
    }

    /// <summary>
    /// cudaStreamWaitEvent: waiting on a captured event forks the stream into the capture, or joins the
    /// event's position into a stream already in it; a capturing stream waiting on an event from outside
    /// its capture crosses the capture's boundary (cudaErrorStreamCaptureIsolation).
    /// </summary>
    public static int WaitEvent(nint stream, nint e)
    {
        lock (Gate)
        {
            var own = Capturing.GetValueOrDefault(stream);
            if (CapturedEvents.TryGetValue(e, out var recorded))
            {
                if (recorded.Capture.Invalidated) return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureInvalidated);
                if (own is null)
                {
                    recorded.Capture.Tails[stream] = [.. recorded.Nodes];
                    Capturing[stream] = recorded.Capture;
                }
                else if (own != recorded.Capture)
                    return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureMerge);
                else
                    own.Tails[stream] = [.. own.Tails[stream].Union(recorded.Nodes)];
                return 0;
            }
            if (own is not null)
            {
                own.Invalidated = true;
                return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureIsolation);
            }
        }
        return LegacyStreamConflict(stream);
    }

    /// <summary>cudaStreamUpdateCaptureDependencies: flags 0 adds <paramref name="nodes"/> to the stream's dependencies, 1 replaces them.</summary>
    public static int UpdateDependencies(nint stream, IReadOnlyList<GraphNode> nodes, uint flags)
    {
        if (flags > 1) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        var capture = Of(stream);
        if (capture is null) return NativeRuntime.Fail(CudaErrorCodes.IllegalState);
        if (capture.Invalidated) return NativeRuntime.Fail(CudaErrorCodes.StreamCaptureInvalidated);
        if (nodes.Any(n => n.Graph != capture.Graph)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (Gate) capture.Tails[stream] = flags == 1 ? [.. nodes] : [.. capture.Tails[stream].Union(nodes)];
        return 0;
    }

    /// <summary>The stream's current dependencies in its capture (empty when it does not capture).</summary>
    public static List<GraphNode> Dependencies(nint stream)
    {
        lock (Gate) return Capturing.TryGetValue(stream, out var c) ? [.. c.Tails[stream]] : [];
    }

    public static int ExchangeMode(ref int mode)
    {
        if (mode is < ModeGlobal or > ModeRelaxed) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        (mode, _threadMode) = (_threadMode, mode);
        return 0;
    }

    /// <summary>A destroyed stream leaves no capture behind; cudaDeviceReset ends every capture.</summary>
    public static void Forget(nint stream)
    {
        lock (Gate) Capturing.Remove(stream);
    }

    public static void Reset()
    {
        lock (Gate)
        {
            Capturing.Clear();
            CapturedEvents.Clear();
        }
    }
}
