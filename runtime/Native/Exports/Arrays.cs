using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary><c>struct cudaExtent</c> and <c>struct cudaPos</c> (three size_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Extent
{
    public nuint Width, Height, Depth;
}

/// <summary>
/// A CUDA array: device memory holding Width × max(Height,1) × max(Depth,1) elements, rows packed
/// (the layout is the runtime's own, as it is CUDA's; programs reach arrays only through copies,
/// textures and surfaces). Layered arrays keep their layers as the depth.
/// </summary>
internal sealed record DeviceArray(nint Data, int ElementBytes, long Width, long Height, long Depth, uint Flags, ChannelFormatDesc Desc)
{
    public long RowBytes => Width * ElementBytes;
    public long Rows => Math.Max(Height, 1);
    public long Bytes => RowBytes * Rows * Math.Max(Depth, 1);
    public nint At(long xBytes, long y, long z) => Data + (nint)((z * Rows + y) * RowBytes + xBytes);
}

/// <summary>CUDA arrays: allocation, queries, and copies between arrays and linear memory.</summary>
internal static unsafe class Arrays
{
    private static readonly Dictionary<nint, DeviceArray> Live = [];

    internal static DeviceArray? Find(nint handle)
    {
        lock (Live) return Live.GetValueOrDefault(handle);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaCreateChannelDesc")]
    public static ChannelFormatDesc CreateChannelDesc(int x, int y, int z, int w, int kind) =>
        new() { X = x, Y = y, Z = z, W = w, Kind = kind };

    [UnmanagedCallersOnly(EntryPoint = "cudaMallocArray")]
    public static int MallocArray(nint* array, ChannelFormatDesc* desc, nuint width, nuint height, uint flags) =>
        Allocate(array, desc, new Extent { Width = width, Height = height, Depth = 0 }, flags);

    [UnmanagedCallersOnly(EntryPoint = "cudaMalloc3DArray")]
    public static int Malloc3DArray(nint* array, ChannelFormatDesc* desc, Extent extent, uint flags) =>
        Allocate(array, desc, extent, flags);

    private static int Allocate(nint* array, ChannelFormatDesc* desc, Extent extent, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (array == null || desc == null || extent.Width == 0 || (flags & ~0x2fu) != 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int element = desc->ElementBytes;
        if (element == 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidChannelDescriptor);
        const nuint Limit = 1 << 16;
        if (extent.Width > Limit || extent.Height > Limit || extent.Depth > Limit) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        var shape = new DeviceArray(0, element, (long)extent.Width, (long)extent.Height, (long)extent.Depth, flags, *desc);
        nint data = NativeRuntime.Device.Allocate(shape.Bytes, "cudaMallocArray");
        if (data == 0) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        var handle = NativeRuntime.NewHandle();
        lock (Live) Live[handle] = shape with { Data = data };
        *array = handle;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFreeArray")]
    public static int FreeArray(nint array)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (array == 0) return CudaErrorCodes.Success;
        DeviceArray? a;
        lock (Live)
            if (Live.Remove(array, out a)) { }
        if (a is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        NativeRuntime.Device.Free(a.Data);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaArrayGetInfo")]
    public static int ArrayGetInfo(ChannelFormatDesc* desc, Extent* extent, uint* flags, nint array)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(array) is not { } a) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        if (desc != null) *desc = a.Desc;
        if (extent != null) *extent = new Extent { Width = (nuint)a.Width, Height = (nuint)a.Height, Depth = (nuint)a.Depth };
        if (flags != null) *flags = a.Flags;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetChannelDesc")]
    public static int GetChannelDesc(ChannelFormatDesc* desc, nint array)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (desc == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Find(array) is not { } a) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        *desc = a.Desc;
        return CudaErrorCodes.Success;
    }

    /// <summary>The deprecated 1-D forms: count bytes from (wOffset bytes, hOffset rows), running on across rows.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToArray")]
    public static int MemcpyToArray(nint array, nuint wOffset, nuint hOffset, nint src, nuint count, int kind) =>
        StreamCapture.Synchronous(() => Linear(array, wOffset, hOffset, count, (p, n) => Memory.Copy(p, src, n, kind)));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToArrayAsync")]
    public static int MemcpyToArrayAsync(nint array, nuint wOffset, nuint hOffset, nint src, nuint count, int kind, nint stream) =>
        StreamCapture.Copy(stream, "copy to an array", () => Linear(array, wOffset, hOffset, count, (p, n) => Memory.Copy(p, src, n, kind)));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromArray")]
    public static int MemcpyFromArray(nint dst, nint array, nuint wOffset, nuint hOffset, nuint count, int kind) =>
        StreamCapture.Synchronous(() => Linear(array, wOffset, hOffset, count, (p, n) => Memory.Copy(dst, p, n, kind)));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromArrayAsync")]
    public static int MemcpyFromArrayAsync(nint dst, nint array, nuint wOffset, nuint hOffset, nuint count, int kind, nint stream) =>
        StreamCapture.Copy(stream, "copy from an array", () => Linear(array, wOffset, hOffset, count, (p, n) => Memory.Copy(dst, p, n, kind)));

    private static int Linear(nint array, nuint wOffset, nuint hOffset, nuint count, Func<nint, nuint, int> copy)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(array) is not { } a) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        long start = (long)hOffset * a.RowBytes + (long)wOffset;
        if ((long)wOffset > a.RowBytes || start + (long)count > a.Bytes) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return copy(a.Data + (nint)start, count);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DToArray")]
    public static int Memcpy2DToArray(nint array, nuint wOffset, nuint hOffset, nint src, nuint spitch, nuint width, nuint height, int kind) =>
        StreamCapture.Synchronous(() => ToArray2D(array, wOffset, hOffset, src, spitch, width, height, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DToArrayAsync")]
    public static int Memcpy2DToArrayAsync(nint array, nuint wOffset, nuint hOffset, nint src, nuint spitch, nuint width, nuint height, int kind, nint stream) =>
        StreamCapture.Copy(stream, "2-D copy to an array", () => ToArray2D(array, wOffset, hOffset, src, spitch, width, height, kind));

    private static int ToArray2D(nint array, nuint wOffset, nuint hOffset, nint src, nuint spitch, nuint width, nuint height, int kind) =>
        Rows2D(array, wOffset, hOffset, spitch, width, height, (inArray, row) => Memory.Copy(inArray, src + (nint)(row * spitch), width, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DFromArray")]
    public static int Memcpy2DFromArray(nint dst, nuint dpitch, nint array, nuint wOffset, nuint hOffset, nuint width, nuint height, int kind) =>
        StreamCapture.Synchronous(() => FromArray2D(dst, dpitch, array, wOffset, hOffset, width, height, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DFromArrayAsync")]
    public static int Memcpy2DFromArrayAsync(nint dst, nuint dpitch, nint array, nuint wOffset, nuint hOffset, nuint width, nuint height, int kind, nint stream) =>
        StreamCapture.Copy(stream, "2-D copy from an array", () => FromArray2D(dst, dpitch, array, wOffset, hOffset, width, height, kind));

    private static int FromArray2D(nint dst, nuint dpitch, nint array, nuint wOffset, nuint hOffset, nuint width, nuint height, int kind) =>
        Rows2D(array, wOffset, hOffset, dpitch, width, height, (inArray, row) => Memory.Copy(dst + (nint)(row * dpitch), inArray, width, kind));

    /// <summary>A 2-D copy between an array region at (wOffset bytes, hOffset rows) and pitched linear memory, row by row.</summary>
    private static int Rows2D(nint array, nuint wOffset, nuint hOffset, nuint pitch, nuint width, nuint height, Func<nint, nuint, int> copyRow)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(array) is not { } a) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        if (width > pitch) return NativeRuntime.Fail(CudaErrorCodes.InvalidPitchValue);
        if ((long)(wOffset + width) > a.RowBytes || (long)(hOffset + height) > a.Rows * Math.Max(a.Depth, 1)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        for (nuint row = 0; row < height; row++)
            if (copyRow(a.At((long)wOffset, (long)(hOffset + row), 0), row) is var r and not 0) return r;
        return CudaErrorCodes.Success;
    }
}
