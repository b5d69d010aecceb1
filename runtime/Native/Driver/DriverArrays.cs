using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using Translate.Runtime.Native.Graphs;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// CUDA arrays through the driver API: the runtime's arrays (a CUarray is a cudaArray_t), described by a format and a
/// channel count instead of a channel descriptor; the 1-D copies address an array by a byte offset that runs on across rows.
/// </summary>
internal static unsafe class DriverArrays
{
    private const int DeviceToDevice = 3, Default = 4;

    [UnmanagedCallersOnly(EntryPoint = "cuArrayCreate_v2")]
    public static int ArrayCreate(nint* array, ArrayDescriptor* descriptor)
    {
        if (Ready() is var r and not 0) return r;
        if (descriptor == null) return CudaDriverResults.InvalidValue;
        var d = *descriptor;
        return Create(array, d.Format, d.NumChannels, new Extent { Width = d.Width, Height = d.Height }, 0);
    }

    [UnmanagedCallersOnly(EntryPoint = "cuArray3DCreate_v2")]
    public static int Array3DCreate(nint* array, Array3DDescriptor* descriptor)
    {
        if (Ready() is var r and not 0) return r;
        if (descriptor == null) return CudaDriverResults.InvalidValue;
        var d = *descriptor;
        return Create(array, d.Format, d.NumChannels, new Extent { Width = d.Width, Height = d.Height, Depth = d.Depth }, d.Flags);
    }

    private static int Create(nint* array, int format, uint channels, Extent extent, uint flags)
    {
        if (ArrayFormats.Channels(format, channels) is not { } desc) return CudaDriverResults.InvalidValue;
        delegate* unmanaged<nint*, ChannelFormatDesc*, Extent, uint, int> malloc = &Arrays.Malloc3DArray;
        return Result(malloc(array, &desc, extent, flags));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuArrayDestroy")]
    public static int ArrayDestroy(nint array)
    {
        if (Ready() is var r and not 0) return r;
        if (Arrays.Find(array) is null) return CudaDriverResults.InvalidHandle;
        delegate* unmanaged<nint, int> free = &Arrays.FreeArray;
        return Result(free(array));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuArrayGetDescriptor_v2")]
    public static int ArrayGetDescriptor(ArrayDescriptor* descriptor, nint array)
    {
        if (Ready() is var r and not 0) return r;
        if (descriptor == null) return CudaDriverResults.InvalidValue;
        if (Arrays.Find(array) is not { } a) return CudaDriverResults.InvalidHandle;
        var (format, channels) = ArrayFormats.Of(a.Desc);
        *descriptor = new ArrayDescriptor { Width = (nuint)a.Width, Height = (nuint)a.Height, Format = format, NumChannels = channels };
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuArray3DGetDescriptor_v2")]
    public static int Array3DGetDescriptor(Array3DDescriptor* descriptor, nint array)
    {
        if (Ready() is var r and not 0) return r;
        if (descriptor == null) return CudaDriverResults.InvalidValue;
        if (Arrays.Find(array) is not { } a) return CudaDriverResults.InvalidHandle;
        var (format, channels) = ArrayFormats.Of(a.Desc);
        *descriptor = new Array3DDescriptor
        {
            Width = (nuint)a.Width, Height = (nuint)a.Height, Depth = (nuint)a.Depth, Format = format, NumChannels = channels, Flags = a.Flags,
        };
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyHtoA_v2")]
    public static int MemcpyHtoA(nint array, nuint offset, nint source, nuint bytes) => Linear(array, offset, bytes, (at, n) => Memory.Copy(at, source, n, Default));

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoA_v2")]
    public static int MemcpyDtoA(nint array, nuint offset, nint source, nuint bytes) => Linear(array, offset, bytes, (at, n) => Memory.Copy(at, source, n, DeviceToDevice));

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAtoH_v2")]
    public static int MemcpyAtoH(nint destination, nint array, nuint offset, nuint bytes) => Linear(array, offset, bytes, (at, n) => Memory.Copy(destination, at, n, Default));

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAtoD_v2")]
    public static int MemcpyAtoD(nint destination, nint array, nuint offset, nuint bytes) => Linear(array, offset, bytes, (at, n) => Memory.Copy(destination, at, n, DeviceToDevice));

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAtoA_v2")]
    public static int MemcpyAtoA(nint destination, nuint destinationOffset, nint source, nuint sourceOffset, nuint bytes) =>
        Linear(source, sourceOffset, bytes, (from, n) => Region(destination, destinationOffset, n) is var to and not 0 ? Memory.Copy(to, from, n, DeviceToDevice) : CudaErrorCodes.InvalidValue);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyHtoAAsync_v2")]
    public static int MemcpyHtoAAsync(nint array, nuint offset, nint source, nuint bytes, nint stream) =>
        LinearAsync(array, offset, bytes, stream, "copy to an array", (at, n) => Memory.Copy(at, source, n, Default));

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAtoHAsync_v2")]
    public static int MemcpyAtoHAsync(nint destination, nint array, nuint offset, nuint bytes, nint stream) =>
        LinearAsync(array, offset, bytes, stream, "copy from an array", (at, n) => Memory.Copy(destination, at, n, Default));

    private static int LinearAsync(nint array, nuint offset, nuint bytes, nint stream, string description, Func<nint, nuint, int> copy)
    {
        if (Ready() is var r and not 0) return r;
        if (Arrays.Find(array) is null) return CudaDriverResults.InvalidHandle;
        return Result(StreamCapture.Copy(stream, description, () =>
            Region(array, offset, bytes) is var at and not 0 ? copy(at, bytes) : NativeRuntime.Fail(CudaErrorCodes.InvalidValue)));
    }

    /// <summary>A synchronous copy of <paramref name="bytes"/> at byte <paramref name="offset"/> of an array.</summary>
    private static int Linear(nint array, nuint offset, nuint bytes, Func<nint, nuint, int> copy)
    {
        if (Ready() is var r and not 0) return r;
        if (Arrays.Find(array) is null) return CudaDriverResults.InvalidHandle;
        return Result(StreamCapture.Synchronous(() =>
            Region(array, offset, bytes) is var at and not 0 ? copy(at, bytes) : NativeRuntime.Fail(CudaErrorCodes.InvalidValue)));
    }

    /// <summary>The address of byte <paramref name="offset"/> of an array when <paramref name="bytes"/> from there lie inside it, else 0.</summary>
    private static nint Region(nint array, nuint offset, nuint bytes) =>
        Arrays.Find(array) is { } a && (ulong)offset + bytes <= (ulong)a.Bytes ? a.Data + (nint)offset : 0;
}
