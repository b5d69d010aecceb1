using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Pitched 2-D memory: rows padded to a pitch that is a multiple of 512 bytes (CUDA's texture
/// alignment on compute capability 7.0), copied and filled row by row with every row checked like a
/// 1-D copy, so a wrong pitch or height is cudaErrorInvalidValue instead of memory corruption.
/// </summary>
internal static unsafe class PitchedMemory
{
    private const nuint PitchAlignment = 512;

    /// <summary>The pitch of rows of <paramref name="width"/> bytes: the width rounded up to the alignment.</summary>
    internal static nuint PitchFor(nuint width) => (width + PitchAlignment - 1) / PitchAlignment * PitchAlignment;

    [UnmanagedCallersOnly(EntryPoint = "cudaMallocPitch")]
    public static int MallocPitch(nint* p, nuint* pitch, nuint width, nuint height)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (StreamCapture.UnsafeCallConflict() is var unsafeCall and not 0) return unsafeCall;
        if (p == null || pitch == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        nuint rowBytes = PitchFor(width);
        if (height != 0 && (ulong)rowBytes > long.MaxValue / (ulong)height) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        *p = NativeRuntime.Device.Allocate((long)(rowBytes * height), "cudaMallocPitch");
        if (*p == 0) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        *pitch = rowBytes;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2D")]
    public static int Memcpy2D(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind) =>
        StreamCapture.Synchronous(() => Copy2D(dst, dpitch, src, spitch, width, height, kind));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DAsync")]
    public static int Memcpy2DAsync(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind, nint stream) =>
        StreamCapture.Copy(stream, $"2-D copy {width}x{height}, kind {kind}", () => Copy2D(dst, dpitch, src, spitch, width, height, kind));

    private static int Copy2D(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (width > dpitch || width > spitch) return NativeRuntime.Fail(CudaErrorCodes.InvalidPitchValue);
        for (nuint row = 0; row < height; row++)
        {
            int r = Memory.Copy(dst + (nint)(row * dpitch), src + (nint)(row * spitch), width, kind);
            if (r != CudaErrorCodes.Success) return r;
        }
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaMemset2D")]
    public static int Memset2D(nint p, nuint pitch, int value, nuint width, nuint height) => StreamCapture.Synchronous(() => Fill2D(p, pitch, value, width, height));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemset2DAsync")]
    public static int Memset2DAsync(nint p, nuint pitch, int value, nuint width, nuint height, nint stream) =>
        StreamCapture.Fill(stream, () => Fill2D(p, pitch, value, width, height));

    internal static int Fill2D(nint p, nuint pitch, int value, nuint width, nuint height)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (width > pitch) return NativeRuntime.Fail(CudaErrorCodes.InvalidPitchValue);
        for (nuint row = 0; row < height; row++)
        {
            int r = Memory.Fill(p + (nint)(row * pitch), value, width);
            if (r != CudaErrorCodes.Success) return r;
        }
        return CudaErrorCodes.Success;
    }
}
