using System.Diagnostics;

namespace Translate.DeviceContract;

/// <summary>
/// The CUDA runtime's state as every host of the runtime API keeps it — the interpreter's library
/// (lifted host code), the cpu device's callbacks (host code compiled for cpu) and build mode's
/// exported library — so that a program sees the same answers on each: the error model (a last error
/// per host thread that cudaGetLastError takes; sticky errors, which every later call returns until
/// cudaDeviceReset), and stream and event handles with the time an event was recorded. Work on a
/// stream completes before its call returns in every host of ours, so an event is recorded at the time
/// its record call is made. Null result pointers and memory are the callers' business: each host's
/// memory is its own.
/// </summary>
public sealed class CudaRuntimeState
{
    /// <summary>cudaStreamLegacy and cudaStreamPerThread: streams every program holds, beside the default stream 0.</summary>
    public const long LegacyStream = 1, PerThreadStream = 2;

    private readonly ThreadLocal<int> _lastError = new();
    private int _stickyError;
    private readonly Lock _gate = new();
    private readonly Func<string, long>? _newHandle;
    private long _nextHandle = 0x1000;
    private readonly HashSet<long> _streams = [];
    private readonly Dictionary<long, long?> _events = [];

    /// <param name="newHandle">
    /// Makes a handle for a stream or event given what it is (the interpreter's are one-byte allocations of its heap,
    /// so a handle used as a pointer is reported as one); null: distinct values counted up from 0x1000.
    /// </param>
    public CudaRuntimeState(Func<string, long>? newHandle = null) => _newHandle = newHandle;

    /// <summary>
    /// Records <paramref name="error"/> as the calling thread's last error, and as the sticky error when it is one
    /// (the first sticky error stays), and returns it; cudaSuccess changes nothing.
    /// </summary>
    public int Fail(int error)
    {
        if (error == CudaErrorCodes.Success) return error;
        _lastError.Value = error;
        if (CudaErrorCodes.IsSticky(error)) Interlocked.CompareExchange(ref _stickyError, error, 0);
        return error;
    }

    /// <summary>The sticky error, or cudaSuccess: what every call returns before doing anything once a kernel corrupted the context.</summary>
    public int StickyError => Volatile.Read(ref _stickyError);

    /// <summary>cudaGetLastError: the last error, which is reset; a sticky error is returned again by every later call.</summary>
    public int TakeLastError()
    {
        int e = _lastError.Value;
        _lastError.Value = CudaErrorCodes.Success;
        return e != 0 ? e : StickyError;
    }

    /// <summary>cudaPeekAtLastError: the last error, left as it is.</summary>
    public int PeekLastError() => _lastError.Value is var e and not 0 ? e : StickyError;

    /// <summary>A fresh handle for <paramref name="what"/> (never 0, and never a default stream).</summary>
    public long NewHandle(string what = "handle")
    {
        if (_newHandle is not null) return _newHandle(what);
        lock (_gate) return _nextHandle += 16;
    }

    public long CreateStream()
    {
        long s = NewHandle("cudaStream_t handle");
        lock (_gate) _streams.Add(s);
        return s;
    }

    public bool IsStream(long s)
    {
        lock (_gate) return _streams.Contains(s);
    }

    /// <summary>cudaSuccess for the default stream, cudaStreamLegacy, cudaStreamPerThread or a live stream; else cudaErrorInvalidResourceHandle (recorded).</summary>
    public int CheckStream(long s) =>
        s is 0 or LegacyStream or PerThreadStream || IsStream(s) ? CudaErrorCodes.Success : Fail(CudaErrorCodes.InvalidResourceHandle);

    public int DestroyStream(long s)
    {
        lock (_gate)
            if (_streams.Remove(s)) return CudaErrorCodes.Success;
        return Fail(CudaErrorCodes.InvalidResourceHandle);
    }

    /// <summary>A new event, not yet recorded.</summary>
    public long CreateEvent()
    {
        long e = NewHandle("cudaEvent_t handle");
        lock (_gate) _events[e] = null;
        return e;
    }

    /// <summary>cudaSuccess for a live event, else cudaErrorInvalidResourceHandle (recorded).</summary>
    public int CheckEvent(long e)
    {
        lock (_gate)
            if (_events.ContainsKey(e)) return CudaErrorCodes.Success;
        return Fail(CudaErrorCodes.InvalidResourceHandle);
    }

    /// <summary>cudaEventRecord on a host whose streams have no pending work: checks both handles and takes the time now.</summary>
    public int RecordEvent(long e, long stream)
    {
        if (CheckStream(stream) is var badStream and not 0) return badStream;
        if (CheckEvent(e) is var badEvent and not 0) return badEvent;
        Stamp(e);
        return CudaErrorCodes.Success;
    }

    /// <summary>Records the time now in live event <paramref name="e"/> (its handles checked by the caller).</summary>
    public void Stamp(long e)
    {
        lock (_gate)
            if (_events.ContainsKey(e)) _events[e] = Stopwatch.GetTimestamp();
    }

    public int DestroyEvent(long e)
    {
        lock (_gate)
            if (_events.Remove(e)) return CudaErrorCodes.Success;
        return Fail(CudaErrorCodes.InvalidResourceHandle);
    }

    /// <summary>
    /// cudaEventElapsedTime: milliseconds from <paramref name="start"/>'s record to <paramref name="end"/>'s;
    /// cudaErrorInvalidResourceHandle for a handle that is not a live event and, as CUDA documents it, for an event never
    /// recorded. (CUDA's cudaErrorNotReady, for recorded work not yet done, cannot arise: work is done when its call returns.)
    /// </summary>
    public int ElapsedMilliseconds(long start, long end, out float milliseconds)
    {
        milliseconds = 0;
        long? a, b;
        lock (_gate)
            if (!_events.TryGetValue(start, out a) || !_events.TryGetValue(end, out b))
                return Fail(CudaErrorCodes.InvalidResourceHandle);
        if (a is null || b is null) return Fail(CudaErrorCodes.InvalidResourceHandle);
        milliseconds = (float)((b.Value - a.Value) * 1000.0 / Stopwatch.Frequency);
        return CudaErrorCodes.Success;
    }

    /// <summary>cudaDeviceReset: streams and events are released and errors cleared, sticky ones too.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _streams.Clear();
            _events.Clear();
        }
        _lastError.Value = CudaErrorCodes.Success;
        Volatile.Write(ref _stickyError, 0);
    }
}
