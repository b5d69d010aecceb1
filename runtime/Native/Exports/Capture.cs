using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>Stream capture: beginning and ending it, and what a program may ask about it (Graphs/StreamCapture.cs keeps the state).</summary>
internal static unsafe class Capture
{
    [UnmanagedCallersOnly(EntryPoint = "cudaStreamBeginCapture")]
    public static int StreamBeginCapture(nint stream, int mode) => StreamCapture.Begin(stream, mode);

    /// <summary>The capture into a graph of the program's own (cudaStreamBeginCaptureToGraph): its nodes follow <c>dependencies</c>; edge data other than the default is not supported.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaStreamBeginCaptureToGraph")]
    public static int StreamBeginCaptureToGraph(nint stream, nint graph, nint* dependencies, byte* edgeData, nuint count, int mode)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (GraphHandles.Find<Graph>(graph) is not { } g || GraphArguments.Nodes(dependencies, count) is not { } after || after.Any(n => n.Graph != g))
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (edgeData != null)
            for (nuint i = 0; i < count * 8; i++)
                if (edgeData[i] != 0) return NativeRuntime.Fail(Unsupported.Refuse("cudaStreamBeginCaptureToGraph with edge data other than the default"));
        return StreamCapture.Begin(stream, mode, g, after);
    }

    /// <summary>A capture into the program's own graph may pass no pGraph (the graph is the one it named).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaStreamEndCapture")]
    public static int StreamEndCapture(nint stream, nint* graph)
    {
        if (graph == null && StreamCapture.Of(stream) is not { IntoExistingGraph: true }) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int r = StreamCapture.End(stream, out var made);
        if (graph != null) *graph = made?.Handle ?? 0;
        return r;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamIsCapturing")]
    public static int StreamIsCapturing(nint stream, int* status)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (status == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        *status = Status(StreamCapture.Of(stream));
        return CudaErrorCodes.Success;
    }

    /// <summary><c>cudaStreamCaptureStatus</c>: none, active, invalidated.</summary>
    private static int Status(CaptureSequence? c) => c is null ? 0 : c.Invalidated ? 2 : 1;

    /// <summary>Per stream, the array of dependency handles cudaStreamGetCaptureInfo last handed out (valid until the next call).</summary>
    private static readonly Dictionary<nint, nint[]> DependencyArrays = [];

    /// <summary>CUDA 12's form: status, and for an active capture its id, graph and the stream's current dependencies.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaStreamGetCaptureInfo")]
    public static int StreamGetCaptureInfo(nint stream, int* status, ulong* id, nint* graph, nint** dependencies, nuint* count) =>
        CaptureInfo(stream, status, id, graph, dependencies, count);

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamGetCaptureInfo_v2")]
    public static int StreamGetCaptureInfoV2(nint stream, int* status, ulong* id, nint* graph, nint** dependencies, nuint* count) =>
        CaptureInfo(stream, status, id, graph, dependencies, count);

    private static int CaptureInfo(nint stream, int* status, ulong* id, nint* graph, nint** dependencies, nuint* count)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (status == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        var capture = StreamCapture.Of(stream);
        *status = Status(capture);
        if (capture is null || capture.Invalidated) return CudaErrorCodes.Success;
        if (id != null) *id = capture.Id;
        if (graph != null) *graph = capture.Graph.Handle;
        var tails = StreamCapture.Dependencies(stream).Select(n => n.Handle).ToArray();
        if (dependencies != null)
        {
            var pinned = GC.AllocateArray<nint>(Math.Max(tails.Length, 1), pinned: true);
            tails.CopyTo(pinned, 0);
            lock (DependencyArrays) DependencyArrays[stream] = pinned;
            fixed (nint* p = pinned) *dependencies = tails.Length == 0 ? null : p;
        }
        if (count != null) *count = (nuint)tails.Length;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamUpdateCaptureDependencies")]
    public static int StreamUpdateCaptureDependencies(nint stream, nint* nodes, nuint count, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        if (GraphArguments.Nodes(nodes, count) is not { } list) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return StreamCapture.UpdateDependencies(stream, list, flags);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaThreadExchangeStreamCaptureMode")]
    public static int ThreadExchangeStreamCaptureMode(int* mode)
    {
        if (mode == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int m = *mode;
        int r = StreamCapture.ExchangeMode(ref m);
        if (r == 0) *mode = m;
        return r;
    }
}
