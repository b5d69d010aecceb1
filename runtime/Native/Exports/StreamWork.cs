using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Host work in streams and the rest of the stream API. Every operation completes before its call
/// returns, so the work enqueued before a callback is done when the callback is enqueued: the callback
/// runs at once, on the calling thread, as CUDA would run it once the stream reached it (in a capturing
/// stream a host function becomes a host node; a stream callback cannot be captured). Priorities and
/// attributes are kept per stream and reported back; they change nothing where work is already ordered.
/// </summary>
internal static unsafe class StreamWork
{
    private static readonly Dictionary<nint, (uint Flags, int Priority)> Settings = [];

    /// <summary>The priority range cudaDeviceGetStreamPriorityRange reports: priorities are accepted but not distinguished.</summary>
    internal const int LeastPriority = 0, GreatestPriority = 0;

    /// <summary>The flags a stream was created with (cudaStreamNonBlocking = 1); the default streams have none.</summary>
    internal static uint Flags(nint stream)
    {
        lock (Settings) return Settings.GetValueOrDefault(stream).Flags;
    }

    internal static void Remember(nint stream, uint flags, int priority)
    {
        lock (Settings) Settings[stream] = (flags, priority);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamAddCallback")]
    public static int StreamAddCallback(nint stream, delegate* unmanaged<nint, int, nint, void> callback, nint userData, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (callback == null || flags != 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        return StreamCapture.Uncapturable(stream, () =>
        {
            callback(stream, CudaErrorCodes.Success, userData);
            return CudaErrorCodes.Success;
        });
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchHostFunc")]
    public static int LaunchHostFunc(nint stream, delegate* unmanaged<nint, void> function, nint userData)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (function == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        var parameters = new HostNodeParameters { Fn = (nint)function, UserData = userData };
        return StreamCapture.Submit(stream, () => (new HostNode(parameters), 0), () =>
        {
            function(userData);
            return CudaErrorCodes.Success;
        });
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamCreateWithPriority")]
    public static int StreamCreateWithPriority(nint* stream, uint flags, int priority)
    {
        int r = StreamsAndEvents.CreateStream(stream);
        if (r == CudaErrorCodes.Success) Remember(*stream, flags, Math.Clamp(priority, GreatestPriority, LeastPriority)); // CUDA clamps to the range
        return r;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamGetFlags")]
    public static int StreamGetFlags(nint stream, uint* flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (flags == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        lock (Settings) *flags = Settings.GetValueOrDefault(stream).Flags;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamGetPriority")]
    public static int StreamGetPriority(nint stream, int* priority)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (priority == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        lock (Settings) *priority = Settings.GetValueOrDefault(stream).Priority;
        return CudaErrorCodes.Success;
    }

    /// <summary>Attribute values (union cudaLaunchAttributeValue, 64 bytes) per stream and attribute.</summary>
    private static readonly Dictionary<(nint, int), byte[]> Attributes = [];
    private const int AttributeValueSize = 64;

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamSetAttribute")]
    public static int StreamSetAttribute(nint stream, int attribute, byte* value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null || attribute is < 0 or > 8) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        lock (Attributes) Attributes[(stream, attribute)] = new ReadOnlySpan<byte>(value, AttributeValueSize).ToArray();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamGetAttribute")]
    public static int StreamGetAttribute(nint stream, int attribute, byte* value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (value == null || attribute is < 0 or > 8) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckStream(stream) is var s and not 0) return s;
        var target = new Span<byte>(value, AttributeValueSize);
        lock (Attributes)
            if (Attributes.TryGetValue((stream, attribute), out var v)) v.CopyTo(target);
            else target.Clear();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamCopyAttributes")]
    public static int StreamCopyAttributes(nint destination, nint source)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamsAndEvents.CheckStream(destination) is var d and not 0) return d;
        if (StreamsAndEvents.CheckStream(source) is var s and not 0) return s;
        lock (Attributes)
            foreach (var ((stream, attribute), v) in Attributes.ToList())
                if (stream == source) Attributes[(destination, attribute)] = (byte[])v.Clone();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaStreamAttachMemAsync")]
    public static int StreamAttachMemAsync(nint stream, nint p, nuint length, uint flags) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : StreamsAndEvents.CheckStream(stream) is var s and not 0 ? s
        : flags is not (1 or 2 or 4) || !Memory.IsDevice(p, length) ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;
}
