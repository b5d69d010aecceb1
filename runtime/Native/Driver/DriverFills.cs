using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Graphs;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// cuMemsetD8/D16/D32 and their 2-D and asynchronous forms: fills of 1-, 2- or 4-byte values, the runtime's memset node
/// (every row checked to be device memory; captured into a graph when the stream captures).
/// </summary>
internal static unsafe class DriverFills
{
    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD8_v2")]
    public static int MemsetD8(nint destination, byte value, nuint count) => Fill(destination, count, 1, value, 1, count, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD16_v2")]
    public static int MemsetD16(nint destination, ushort value, nuint count) => Fill(destination, count * 2, 2, value, 1, count, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD32_v2")]
    public static int MemsetD32(nint destination, uint value, nuint count) => Fill(destination, count * 4, 4, value, 1, count, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD8Async")]
    public static int MemsetD8Async(nint destination, byte value, nuint count, nint stream) => Fill(destination, count, 1, value, 1, count, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD16Async")]
    public static int MemsetD16Async(nint destination, ushort value, nuint count, nint stream) => Fill(destination, count * 2, 2, value, 1, count, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD32Async")]
    public static int MemsetD32Async(nint destination, uint value, nuint count, nint stream) => Fill(destination, count * 4, 4, value, 1, count, stream);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD2D8_v2")]
    public static int MemsetD2D8(nint destination, nuint pitch, byte value, nuint width, nuint height) => Fill(destination, pitch, 1, value, height, width, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD2D16_v2")]
    public static int MemsetD2D16(nint destination, nuint pitch, ushort value, nuint width, nuint height) => Fill(destination, pitch, 2, value, height, width, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemsetD2D32_v2")]
    public static int MemsetD2D32(nint destination, nuint pitch, uint value, nuint width, nuint height) => Fill(destination, pitch, 4, value, height, width, null);

    /// <summary><paramref name="height"/> rows of <paramref name="width"/> elements, <paramref name="pitch"/> bytes apart.</summary>
    private static int Fill(nint destination, nuint pitch, uint elementSize, uint value, nuint height, nuint width, nint? stream)
    {
        if (Ready() is var r and not 0) return r;
        var p = new MemsetParameters { Dst = destination, Pitch = pitch, Value = value, ElementSize = elementSize, Width = width, Height = height };
        if (width == 0 || height == 0) return CudaDriverResults.Success;
        // The driver wants the elements aligned to their size.
        if (destination % elementSize != 0 || height > 1 && pitch % elementSize != 0) return CudaDriverResults.InvalidValue;
        if (MemsetNode.Check(p) is var invalid and not 0) return Result(invalid);
        return Result(stream is { } s
            ? StreamCapture.Submit(s, () => (new MemsetNode(p), 0), () => MemsetNode.Fill(p))
            : StreamCapture.Synchronous(() => MemsetNode.Fill(p)));
    }
}
