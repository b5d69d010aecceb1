namespace Translate.Runtime.OpenCl.Interop;

/// <summary>A queued command's event: wait for it, then read its profiling times.</summary>
public sealed unsafe class ClEvent : IDisposable
{
    private nint _event;

    internal ClEvent(nint evt) => _event = evt;

    private nint Handle => _event != 0 ? _event : throw new ObjectDisposedException(nameof(ClEvent));

    public void Wait()
    {
        nint e = Handle;
        OpenClException.Check(OpenClNative.clWaitForEvents(1, &e), "clWaitForEvents");
    }

    /// <summary>Device time from the command's start to its end (after <see cref="Wait"/>).</summary>
    public TimeSpan Duration
    {
        get
        {
            ulong start = Profiling(ClConstants.ProfilingCommandStart), end = Profiling(ClConstants.ProfilingCommandEnd);
            return TimeSpan.FromTicks((long)(end - start) / 100);
        }
    }

    /// <summary>Nanoseconds from start to end, for precise timing.</summary>
    public ulong DurationNanoseconds => Profiling(ClConstants.ProfilingCommandEnd) - Profiling(ClConstants.ProfilingCommandStart);

    private ulong Profiling(uint param)
    {
        ulong value;
        OpenClException.Check(OpenClNative.clGetEventProfilingInfo(Handle, param, sizeof(ulong), &value, null), "clGetEventProfilingInfo");
        return value;
    }

    public void Dispose()
    {
        if (_event != 0) OpenClNative.clReleaseEvent(_event);
        _event = 0;
    }
}
