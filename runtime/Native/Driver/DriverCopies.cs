using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// The driver's unified and multi-dimensional copies. Addresses are unified (cudaMemcpyDefault decides by the address);
/// a CUDA_MEMCPY2D or CUDA_MEMCPY3D becomes the runtime's cudaMemcpy3DParms, so both APIs check regions alike.
/// </summary>
internal static unsafe class DriverCopies
{
    private const int DeviceToDevice = 3, Default = 4;

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy")]
    public static int Memcpy(nint destination, nint source, nuint bytes)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nint, nuint, int, int> memcpy = &Memory.Memcpy;
        return Result(memcpy(destination, source, bytes, Default));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAsync")]
    public static int MemcpyAsync(nint destination, nint source, nuint bytes, nint stream) => Async(destination, source, bytes, Default, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoDAsync_v2")]
    public static int MemcpyDtoDAsync(nint destination, nint source, nuint bytes, nint stream) => Async(destination, source, bytes, DeviceToDevice, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyDtoDAsync")]
    public static int MemcpyDtoDAsyncLegacy(nint destination, nint source, nuint bytes, nint stream) => Async(destination, source, bytes, DeviceToDevice, stream);

    private static int Async(nint destination, nint source, nuint bytes, int kind, nint stream)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<nint, nint, nuint, int, nint, int> memcpy = &Memory.MemcpyAsync;
        return Result(memcpy(destination, source, bytes, kind, stream));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2D_v2")]
    public static int Memcpy2D(DriverMemcpy2D* copy) => copy == null ? Refused() : Run(To3D(copy->Source, copy->Destination, copy->WidthInBytes, copy->Height, 1), null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2DUnaligned_v2")]
    public static int Memcpy2DUnaligned(DriverMemcpy2D* copy) => copy == null ? Refused() : Run(To3D(copy->Source, copy->Destination, copy->WidthInBytes, copy->Height, 1), null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2DAsync_v2")]
    public static int Memcpy2DAsync(DriverMemcpy2D* copy, nint stream) =>
        copy == null ? Refused() : Run(To3D(copy->Source, copy->Destination, copy->WidthInBytes, copy->Height, 1), stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy3D_v2")]
    public static int Memcpy3D(DriverMemcpy3D* copy) => copy == null ? Refused() : Run(From(*copy), null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy3DAsync_v2")]
    public static int Memcpy3DAsync(DriverMemcpy3D* copy, nint stream) => copy == null ? Refused() : Run(From(*copy), stream);

    private static int Refused() => Ready() is var r and not 0 ? r : CudaDriverResults.InvalidValue;

    private static Memcpy3DParameters? From(DriverMemcpy3D c) =>
        c.Reserved0 != 0 || c.Reserved1 != 0 || c.SrcLod != 0 || c.DstLod != 0 ? null : To3D(c.Source, c.Destination, c.WidthInBytes, c.Height, c.Depth);

    private static int Run(Memcpy3DParameters? parameters, nint? stream)
    {
        if (Ready() is var r and not 0) return r;
        if (parameters is not { } p) return CudaDriverResults.InvalidValue;
        if (stream is { } s)
        {
            delegate* unmanaged<Memcpy3DParameters*, nint, int> async = &Memory3D.Memcpy3DAsync;
            return Result(async(&p, s));
        }
        delegate* unmanaged<Memcpy3DParameters*, int> copy = &Memory3D.Memcpy3D;
        return Result(copy(&p));
    }

    /// <summary>
    /// The runtime's form of a driver copy, or null when a side is not one CUDA accepts. With an array on either side the
    /// runtime counts the width and an array's x offset in elements, so they must be whole elements.
    /// </summary>
    private static Memcpy3DParameters? To3D(CopySide source, CopySide destination, nuint widthInBytes, nuint height, nuint depth)
    {
        var arrays = new[] { source, destination }.Where(s => s.MemoryType == CopySide.ArrayMemory).Select(s => Arrays.Find(s.Array)).ToList();
        if (arrays.Any(a => a is null)) return null;
        nuint element = arrays.Count > 0 ? (nuint)arrays[0]!.ElementBytes : 1;
        if (widthInBytes % element != 0) return null;
        var p = new Memcpy3DParameters { Extent = new Extent { Width = widthInBytes / element, Height = height, Depth = depth }, Kind = Default };
        if (!Side(source, element, widthInBytes, height * depth, out p.SrcArray, out p.SrcPos, out p.SrcPtr)
            || !Side(destination, element, widthInBytes, height * depth, out p.DstArray, out p.DstPos, out p.DstPtr))
            return null;
        return p;
    }

    private static bool Side(CopySide side, nuint element, nuint widthInBytes, nuint rows, out nint array, out Extent position, out PitchedPointer pointer)
    {
        array = 0;
        pointer = default;
        position = new Extent { Width = side.XInBytes, Height = side.Y, Depth = side.Z };
        switch (side.MemoryType)
        {
            case CopySide.ArrayMemory:
                if (side.XInBytes % element != 0) return false;
                array = side.Array;
                position.Width = side.XInBytes / element;
                return true;
            case CopySide.HostMemory or CopySide.DeviceMemory or CopySide.Unified:
                nint at = side.MemoryType == CopySide.HostMemory ? side.Host : side.Device;
                if (at == 0) return false;
                // One row needs no pitch; CUDA reads none then.
                nuint pitch = side.Pitch == 0 && rows <= 1 ? side.XInBytes + widthInBytes : side.Pitch;
                pointer = new PitchedPointer { Ptr = at, Pitch = pitch, XSize = widthInBytes, YSize = side.Height };
                return true;
            default:
                return false;
        }
    }
}
