namespace Translate.Api;

/// <summary>What a kernel argument needs of a buffer, whatever its element type.</summary>
internal interface IDeviceBuffer
{
    nint Address { get; }
    ComputeDevice Device { get; }
    Type ElementType { get; }
}

/// <summary>
/// <see cref="Length"/> elements of <typeparamref name="T"/> in a device's memory (<c>cudaMalloc</c>'s).
/// Passed to a kernel it is the pointer to its first element. Every device here keeps device memory where
/// the host reaches it, and launches run to completion, so between launches the contents are read and written
/// in place through <see cref="AsSpan"/>: no copies. A <see cref="Slice"/> is a view into its buffer.
/// </summary>
public sealed unsafe class DeviceBuffer<T> : IDeviceBuffer, IDisposable where T : unmanaged
{
    private readonly nint _address;
    private readonly DeviceBuffer<T>? _parent;
    private bool _disposed;

    internal DeviceBuffer(ComputeDevice device, nint address, long length, DeviceBuffer<T>? parent)
    {
        Device = device;
        _address = address;
        Length = length;
        _parent = parent;
    }

    public ComputeDevice Device { get; }

    /// <summary>Elements in the buffer.</summary>
    public long Length { get; }

    /// <summary>Bytes in the buffer.</summary>
    public long SizeInBytes => Length * sizeof(T);

    /// <summary>The device address of the first element (what the kernel receives).</summary>
    public nint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed || _parent is { _disposed: true }, this);
            return _address;
        }
    }

    Type IDeviceBuffer.ElementType => typeof(T);

    /// <summary>The contents, read and written in place (not during a launch).</summary>
    public Span<T> AsSpan()
    {
        if (Length > int.MaxValue) throw new InvalidOperationException($"a buffer of {Length} elements is longer than a span; use Slice");
        return new Span<T>((void*)Address, (int)Length);
    }

    /// <summary>Copies <paramref name="source"/> (exactly <see cref="Length"/> elements) into the buffer (cudaMemcpyHostToDevice).</summary>
    public void CopyFrom(ReadOnlySpan<T> source)
    {
        if (source.Length != Length) throw new ArgumentException($"{source.Length} elements given for a buffer of {Length}", nameof(source));
        source.CopyTo(AsSpan());
    }

    /// <summary>Copies the buffer into <paramref name="destination"/> (at least <see cref="Length"/> elements; cudaMemcpyDeviceToHost).</summary>
    public void CopyTo(Span<T> destination) => AsSpan().CopyTo(destination);

    /// <summary>A copy of the contents.</summary>
    public T[] ToArray() => AsSpan().ToArray();

    /// <summary>Elements [start, start + length) as a buffer of their own (not owning them: disposing it frees nothing).</summary>
    public DeviceBuffer<T> Slice(long start, long length)
    {
        if (start < 0 || length < 0 || start + length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start + length}) is outside a buffer of {Length}");
        return new DeviceBuffer<T>(Device, Address + (nint)(start * sizeof(T)), length, _parent ?? this);
    }

    /// <summary>Frees the memory (a slice frees nothing). Using the buffer afterwards throws.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_parent is null) Device.Free(_address);
    }

    public override string ToString() => $"DeviceBuffer<{typeof(T).Name}>[{Length}] on {Device.Name}";
}
