using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary><c>struct cudaPitchedPtr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PitchedPointer
{
    public nint Ptr;
    public nuint Pitch, XSize, YSize;
}

/// <summary><c>struct cudaMemcpy3DParms</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Memcpy3DParameters
{
    public nint SrcArray;
    public Extent SrcPos;
    public PitchedPointer SrcPtr;
    public nint DstArray;
    public Extent DstPos;
    public PitchedPointer DstPtr;
    public Extent Extent;
    public int Kind;
}

/// <summary>
/// 3-D memory: pitched allocations (rows padded as cudaMallocPitch pads them), fills and copies
/// between pitched memory and arrays, slice by slice and row by row, every row checked like a 1-D copy.
/// </summary>
internal static unsafe class Memory3D
{
    [UnmanagedCallersOnly(EntryPoint = "cudaMalloc3D")]
    public static int Malloc3D(PitchedPointer* p, Extent extent)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamCapture.UnsafeCallConflict() is var unsafeCall and not 0) return unsafeCall;
        if (p == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        nuint pitch = PitchedMemory.PitchFor(extent.Width);
        ulong rows = (ulong)extent.Height * Math.Max((ulong)extent.Depth, 1);
        if (rows != 0 && (ulong)pitch > long.MaxValue / rows) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        nint data = NativeRuntime.Device.Allocate((long)((ulong)pitch * rows), "cudaMalloc3D");
        if (data == 0) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        *p = new PitchedPointer { Ptr = data, Pitch = pitch, XSize = extent.Width, YSize = extent.Height };
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemset3D")]
    public static int Memset3D(PitchedPointer p, int value, Extent extent) => StreamCapture.Synchronous(() => Fill(p, value, extent));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemset3DAsync")]
    public static int Memset3DAsync(PitchedPointer p, int value, Extent extent, nint stream) =>
        StreamCapture.Fill(stream, () => Fill(p, value, extent));

    /// <summary>Slice by slice, each a 2-D fill of the pitched rows.</summary>
    private static int Fill(PitchedPointer p, int value, Extent extent)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (extent.Width > p.Pitch) return NativeRuntime.Fail(CudaErrorCodes.InvalidPitchValue);
        nuint sliceBytes = Math.Max(p.YSize, extent.Height) * p.Pitch;
        for (nuint z = 0; z < extent.Depth; z++)
            if (PitchedMemory.Fill2D(p.Ptr + (nint)(z * sliceBytes), p.Pitch, value, extent.Width, extent.Height) is var r and not 0) return r;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy3D")]
    public static int Memcpy3D(Memcpy3DParameters* p) => p == null ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : StreamCapture.Synchronous(() => Copy(*p));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy3DAsync")]
    public static int Memcpy3DAsync(Memcpy3DParameters* p, nint stream) =>
        p == null ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : Submit3D(*p, stream);

    private static int Submit3D(Memcpy3DParameters p, nint stream) =>
        StreamCapture.Submit(stream, () => (MemcpyNode.From3D(p), 0), () => Copy(p));

    /// <summary>One side of a 3-D copy: where row (y, z) starts, and how wide a row may be.</summary>
    private delegate nint RowStart(nuint y, nuint z);

    internal static int Copy(Memcpy3DParameters p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if ((p.SrcArray != 0) == (p.SrcPtr.Ptr != 0) || (p.DstArray != 0) == (p.DstPtr.Ptr != 0)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        // With an array on either side the extent's width counts elements, otherwise bytes.
        var srcArray = p.SrcArray != 0 ? Arrays.Find(p.SrcArray) : null;
        var dstArray = p.DstArray != 0 ? Arrays.Find(p.DstArray) : null;
        if (p.SrcArray != 0 && srcArray is null || p.DstArray != 0 && dstArray is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        int element = (srcArray ?? dstArray)?.ElementBytes ?? 1;
        if (srcArray is not null && dstArray is not null && srcArray.ElementBytes != dstArray.ElementBytes) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        nuint widthBytes = p.Extent.Width * (nuint)element;
        nuint height = Math.Max(p.Extent.Height, 1), depth = Math.Max(p.Extent.Depth, 1);
        if (Side(srcArray, p.SrcPtr, p.SrcPos, element, widthBytes, height, depth) is not { } src
            || Side(dstArray, p.DstPtr, p.DstPos, element, widthBytes, height, depth) is not { } dst)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        for (nuint z = 0; z < depth; z++)
            for (nuint y = 0; y < height; y++)
                if (Memory.Copy(dst(y, z), src(y, z), widthBytes, p.Kind) is var r and not 0) return r;
        return CudaErrorCodes.Success;
    }

    /// <summary>Row addresses of one side, or null when the region does not fit in it.</summary>
    private static RowStart? Side(DeviceArray? array, PitchedPointer ptr, Extent pos, int element, nuint widthBytes, nuint height, nuint depth)
    {
        if (array is not null)
        {
            long x = (long)pos.Width * element;
            if (x + (long)widthBytes > array.RowBytes || (long)(pos.Height + height) > array.Rows || (long)(pos.Depth + depth) > Math.Max(array.Depth, 1)) return null;
            return (y, z) => array.At(x, (long)(pos.Height + y), (long)(pos.Depth + z));
        }
        if (pos.Width + widthBytes > ptr.Pitch) return null;
        nuint sliceRows = ptr.YSize == 0 ? height : ptr.YSize;
        return (y, z) => ptr.Ptr + (nint)(((pos.Depth + z) * sliceRows + pos.Height + y) * ptr.Pitch + pos.Width);
    }
}

/// <summary><c>struct cudaMemcpyNodeParams</c>: flags and three reserved ints, then the 3-D copy.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MemcpyNodeParameters
{
    public int Flags;
    public fixed int Reserved[3];
    public Memcpy3DParameters Copy;
}
