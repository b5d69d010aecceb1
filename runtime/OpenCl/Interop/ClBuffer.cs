namespace Translate.Runtime.OpenCl.Interop;

/// <summary>A device memory buffer. Reads and writes are blocking, so host spans need no pinning beyond the call.</summary>
public sealed unsafe class ClBuffer : IDisposable
{
    private readonly ClContext _context;
    private nint _mem;
    // Where the host sees the buffer while mapped (Map), or null.
    private void* _mapped;

    internal ClBuffer(ClContext context, nint mem, long size)
    {
        _context = context;
        _mem = mem;
        Size = size;
    }

    /// <summary>Bytes the buffer holds.</summary>
    public long Size { get; }

    internal nint Handle => _mem != 0 ? _mem : throw new ObjectDisposedException(nameof(ClBuffer));

    public void Write<T>(ReadOnlySpan<T> source, long byteOffset = 0) where T : unmanaged
    {
        long bytes = (long)source.Length * sizeof(T);
        if (bytes == 0) return;
        CheckRange(byteOffset, bytes);
        fixed (T* p = source)
            OpenClException.Check(OpenClNative.clEnqueueWriteBuffer(_context.Queue, Handle, 1, (nuint)byteOffset, (nuint)bytes, p, 0, null, null),
                "clEnqueueWriteBuffer");
    }

    public void Read<T>(Span<T> destination, long byteOffset = 0) where T : unmanaged
    {
        long bytes = (long)destination.Length * sizeof(T);
        if (bytes == 0) return;
        CheckRange(byteOffset, bytes);
        fixed (T* p = destination)
            OpenClException.Check(OpenClNative.clEnqueueReadBuffer(_context.Queue, Handle, 1, (nuint)byteOffset, (nuint)bytes, p, 0, null, null),
                "clEnqueueReadBuffer");
    }

    /// <summary>Sets <paramref name="bytes"/> bytes from <paramref name="byteOffset"/> to <paramref name="value"/> (CUDA's memset).</summary>
    public void Fill(byte value, long byteOffset, long bytes)
    {
        if (bytes == 0) return;
        CheckRange(byteOffset, bytes);
        OpenClException.Check(OpenClNative.clEnqueueFillBuffer(_context.Queue, Handle, &value, 1, (nuint)byteOffset, (nuint)bytes, 0, null, null),
            "clEnqueueFillBuffer");
        _context.Finish();
    }

    /// <summary>Copies device to device.</summary>
    public void CopyTo(ClBuffer destination, long sourceOffset, long destinationOffset, long bytes)
    {
        if (bytes == 0) return;
        CheckRange(sourceOffset, bytes);
        destination.CheckRange(destinationOffset, bytes);
        OpenClException.Check(OpenClNative.clEnqueueCopyBuffer(_context.Queue, Handle, destination.Handle, (nuint)sourceOffset,
            (nuint)destinationOffset, (nuint)bytes, 0, null, null), "clEnqueueCopyBuffer");
        _context.Finish();
    }

    /// <summary>
    /// Hands the whole buffer to the host (blocking, for reading and writing): after it, the host memory of a buffer made
    /// over host memory holds what kernels wrote — without a copy where the device shares that memory (PoCL on a CPU).
    /// </summary>
    public void Map() => Map(blocking: true);

    /// <summary>
    /// Enqueues the map without waiting for it: the host may touch the memory once a later blocking command on the
    /// (in-order) queue has returned, or after <see cref="ClContext.Finish"/>. Saves one round trip to the device's
    /// threads when a blocking read follows anyway (a launch's status).
    /// </summary>
    public void MapWithoutWaiting() => Map(blocking: false);

    private void Map(bool blocking)
    {
        if (_mapped is not null) return;
        int status;
        _mapped = OpenClNative.clEnqueueMapBuffer(_context.Queue, Handle, blocking ? 1u : 0u, ClConstants.MapRead | ClConstants.MapWrite, 0,
            (nuint)Size, 0, null, null, &status);
        OpenClException.Check(status, "clEnqueueMapBuffer");
    }

    /// <summary>Hands the buffer back to the device: kernels enqueued after this see what the host wrote while it was mapped.</summary>
    public void Unmap()
    {
        if (_mapped is null) return;
        var mapped = _mapped;
        _mapped = null;
        OpenClException.Check(OpenClNative.clEnqueueUnmapMemObject(_context.Queue, Handle, mapped, 0, null, null), "clEnqueueUnmapMemObject");
    }

    private void CheckRange(long offset, long bytes)
    {
        if (offset < 0 || bytes < 0 || offset + bytes > Size)
            throw new ArgumentOutOfRangeException(nameof(offset), $"bytes [{offset}, {offset + bytes}) are outside a buffer of {Size}");
    }

    public void Dispose()
    {
        if (_mem != 0 && _mapped is not null)
        {
            OpenClNative.clEnqueueUnmapMemObject(_context.Queue, _mem, _mapped, 0, null, null);
            _mapped = null;
        }
        if (_mem != 0) OpenClNative.clReleaseMemObject(_mem);
        _mem = 0;
    }
}
