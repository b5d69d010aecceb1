namespace Translate.Runtime.OpenCl.Interop;

/// <summary>A kernel of a built program: set its arguments, then enqueue it.</summary>
public sealed unsafe class ClKernel : IDisposable
{
    private readonly ClContext _context;
    private nint _kernel;

    internal ClKernel(ClContext context, nint kernel, string name)
    {
        _context = context;
        _kernel = kernel;
        Name = name;
    }

    public string Name { get; }

    private nint Handle => _kernel != 0 ? _kernel : throw new ObjectDisposedException(nameof(ClKernel));

    /// <summary>Passes a by-value argument (a scalar or a struct) as its bytes.</summary>
    public void SetBytes(int index, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
            Check(OpenClNative.clSetKernelArg(Handle, (uint)index, (nuint)value.Length, p), index);
    }

    /// <summary>A <c>__global</c> pointer argument; null passes the null pointer (OpenCL takes a null memory object as one).</summary>
    public void SetBuffer(int index, ClBuffer? buffer)
    {
        nint mem = buffer?.Handle ?? 0;
        Check(OpenClNative.clSetKernelArg(Handle, (uint)index, (nuint)sizeof(nint), &mem), index);
    }

    /// <summary>A <c>__local</c> pointer argument: the work-group gets <paramref name="bytes"/> bytes of local memory.</summary>
    public void SetLocalSize(int index, long bytes) =>
        Check(OpenClNative.clSetKernelArg(Handle, (uint)index, (nuint)Math.Max(1, bytes), null), index);

    /// <summary>Enqueues an NDRange of <paramref name="globalSize"/> work-items in groups of <paramref name="localSize"/>.</summary>
    public ClEvent Enqueue(ReadOnlySpan<long> globalSize, ReadOnlySpan<long> localSize)
    {
        int dims = globalSize.Length;
        nuint* g = stackalloc nuint[dims];
        nuint* l = stackalloc nuint[dims];
        for (int i = 0; i < dims; i++) { g[i] = (nuint)globalSize[i]; l[i] = (nuint)localSize[i]; }
        nint evt;
        int status = OpenClNative.clEnqueueNDRangeKernel(_context.Queue, Handle, (uint)dims, null, g, l, 0, null, &evt);
        if (status != ClStatus.Success) throw new OpenClException("clEnqueueNDRangeKernel", status, Name);
        return new ClEvent(evt);
    }

    private void Check(int status, int index)
    {
        if (status != ClStatus.Success) throw new OpenClException("clSetKernelArg", status, $"{Name} argument {index}");
    }

    public void Dispose()
    {
        if (_kernel != 0) OpenClNative.clReleaseKernel(_kernel);
        _kernel = 0;
    }
}
