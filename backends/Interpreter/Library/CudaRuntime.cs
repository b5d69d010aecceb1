using System.Diagnostics;
using Translate.DeviceContract;
using Translate.Interpreter.Memory;
using Translate.Ir.Semantics;

namespace Translate.Interpreter.Library;

/// <summary>
/// The CUDA runtime API of Semantics/Externals with CUDA's results and error codes. Execution is
/// synchronous: streams only need to exist, and events take their time when recorded.
/// </summary>
internal static class CudaRuntime
{
    public static void Register(ExternalLibrary lib)
    {
        lib.Add("cudaMalloc", c => Allocate(c, c[0], c[1], AllocationKind.Device, "cudaMalloc"));
        lib.Add("cudaMallocHost", c => Allocate(c, c[0], c[1], AllocationKind.Pinned, "cudaMallocHost"));
        lib.Add("cudaMallocManaged", c => Allocate(c, c[0], c[1], AllocationKind.Managed, "cudaMallocManaged"));
        lib.Add("cudaFree", c => Free(c, c[0], AllocationKind.Device, AllocationKind.Managed));
        lib.Add("cudaFreeHost", c => Free(c, c[0], AllocationKind.Pinned));
        lib.Add("cudaMemcpy", c => Copy(c, c[0], c[1], c[2], c.Int(3)));
        lib.Add("cudaMemcpyAsync", c => CheckStream(c, c[4]) ?? Copy(c, c[0], c[1], c[2], c.Int(3)));
        lib.Add("cudaMemset", c => Set(c, c[0], c.Int(1), c[2]));
        lib.Add("cudaMemsetAsync", c => CheckStream(c, c[3]) ?? Set(c, c[0], c.Int(1), c[2]));
        // The symbol argument is the variable's address, so these are copies at an offset into it.
        lib.Add("cudaMemcpyToSymbol", c => Copy(c, c[0] + c[3], c[1], c[2], c.Int(4), symbolIsDestination: true));
        lib.Add("cudaMemcpyFromSymbol", c => Copy(c, c[0], c[1] + c[3], c[2], c.Int(4), symbolIsSource: true));
        lib.Add("cudaGetSymbolAddress", c =>
        {
            // The symbol argument is the variable's address already: the device pointer is that address.
            if (c[0] == 0 || c[1] == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidSymbol);
            c.Heap.Write(c[0], 8, c[1]);
            return CudaErrorCodes.Success;
        });
        lib.Add("cudaDeviceSynchronize", _ => CudaErrorCodes.Success);
        lib.Add("cudaDeviceReset", _ => CudaErrorCodes.Success);
        lib.Add("cudaGetLastError", c =>
        {
            int e = c.Machine.Cuda.LastError;
            c.Machine.Cuda.LastError = CudaErrorCodes.Success;
            return e;
        });
        lib.Add("cudaPeekAtLastError", c => c.Machine.Cuda.LastError);
        lib.Add("cudaGetErrorString", c => c.Machine.Program.StringAddress(CudaErrorCodes.Text(c.Int(0))));
        lib.Add("cudaGetErrorName", c => c.Machine.Program.StringAddress(CudaErrorCodes.Name(c.Int(0))));
        lib.Add("cudaStreamCreate", c => NewHandle(c, c[0], isEvent: false));
        lib.Add("cudaStreamDestroy", c => c.Machine.Cuda.Streams.Remove(c[0]) ? CudaErrorCodes.Success : c.Machine.Cuda.Fail(CudaErrorCodes.InvalidResourceHandle));
        lib.Add("cudaStreamSynchronize", c => CheckStream(c, c[0]) ?? CudaErrorCodes.Success);
        lib.Add("cudaEventCreate", c => NewHandle(c, c[0], isEvent: true));
        lib.Add("cudaEventRecord", c =>
        {
            if (!c.Machine.Cuda.Events.ContainsKey(c[0])) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidResourceHandle);
            if (CheckStream(c, c[1]) is { } bad) return bad;
            c.Machine.Cuda.Events[c[0]] = Stopwatch.GetTimestamp();
            return CudaErrorCodes.Success;
        });
        lib.Add("cudaEventSynchronize", c => c.Machine.Cuda.Events.ContainsKey(c[0]) ? CudaErrorCodes.Success : c.Machine.Cuda.Fail(CudaErrorCodes.InvalidResourceHandle));
        lib.Add("cudaEventElapsedTime", c =>
        {
            var events = c.Machine.Cuda.Events;
            if (c[0] == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
            if (!events.TryGetValue(c[1], out var start) || !events.TryGetValue(c[2], out var end))
                return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidResourceHandle);
            if (start is null || end is null) return c.Machine.Cuda.Fail(CudaErrorCodes.NotReady);
            float ms = (float)((end.Value - start.Value) * 1000.0 / Stopwatch.Frequency);
            c.Heap.Write(c[0], 4, BitConverter.SingleToInt32Bits(ms));
            return CudaErrorCodes.Success;
        });
        lib.Add("cudaEventDestroy", c => c.Machine.Cuda.Events.Remove(c[0]) ? CudaErrorCodes.Success : c.Machine.Cuda.Fail(CudaErrorCodes.InvalidResourceHandle));
        lib.Add("cudaGetDeviceCount", c => WriteInt(c, c[0], 1));
        lib.Add("cudaSetDevice", c => c[0] == 0 ? CudaErrorCodes.Success : c.Machine.Cuda.Fail(CudaErrorCodes.InvalidDevice));
        lib.Add("cudaGetDevice", c => WriteInt(c, c[0], 0));
        lib.Add("cudaDriverGetVersion", c => WriteInt(c, c[0], CudaLimits.RuntimeVersion));
        lib.Add("cudaRuntimeGetVersion", c => WriteInt(c, c[0], CudaLimits.RuntimeVersion));
    }

    private static long WriteInt(ExternalCall c, long p, int value)
    {
        if (p == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        c.Heap.Write(p, 4, value);
        return CudaErrorCodes.Success;
    }

    private static long Allocate(ExternalCall c, long result, long size, AllocationKind kind, string api)
    {
        if (result == 0 || size < 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        if (size > int.MaxValue) return c.Machine.Cuda.Fail(CudaErrorCodes.MemoryAllocation);
        long p = size == 0 ? 0 : c.Heap.Allocate(size, kind, $"memory from {api}");
        c.Heap.Write(result, 8, p);
        return CudaErrorCodes.Success;
    }

    private static long Free(ExternalCall c, long p, params AllocationKind[] kinds)
    {
        if (p == 0) return CudaErrorCodes.Success;
        var a = c.Heap.Find(p);
        if (a is null || a.Freed || Heap.OffsetOf(p) != 0 || !kinds.Contains(a.Kind) || !a.What.StartsWith("memory from cuda", StringComparison.Ordinal))
            return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidDevicePointer);
        c.Heap.Release(p);
        return CudaErrorCodes.Success;
    }

    /// <summary>Null when the stream is usable (0 is the default stream), else the error.</summary>
    private static long? CheckStream(ExternalCall c, long stream) =>
        stream == 0 || c.Machine.Cuda.Streams.Contains(stream) ? null : c.Machine.Cuda.Fail(CudaErrorCodes.InvalidResourceHandle);

    private static long NewHandle(ExternalCall c, long result, bool isEvent)
    {
        if (result == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        long h = c.Heap.Allocate(1, AllocationKind.Host, isEvent ? "cudaEvent_t handle" : "cudaStream_t handle");
        if (isEvent) c.Machine.Cuda.Events[h] = null;
        else c.Machine.Cuda.Streams.Add(h);
        c.Heap.Write(result, 8, h);
        return CudaErrorCodes.Success;
    }

    private static bool OnDevice(Allocation? a) => a is { Kind: AllocationKind.Device or AllocationKind.Managed or AllocationKind.Constant or AllocationKind.DeviceStack };
    private static bool OnHost(Allocation? a) => a is { Kind: not (AllocationKind.Device or AllocationKind.Constant or AllocationKind.Shared or AllocationKind.DeviceStack) };

    /// <summary>Checks the direction against where the pointers point, as far as CUDA would notice (cudaErrorInvalidValue).</summary>
    private static long Copy(ExternalCall c, long dst, long src, long count, int kind, bool symbolIsDestination = false, bool symbolIsSource = false)
    {
        if (count == 0) return CudaErrorCodes.Success;
        if (kind is < Externals.MemcpyKind.HostToHost or > Externals.MemcpyKind.Default)
            return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidMemcpyDirection);
        var d = c.Heap.Find(dst);
        var s = c.Heap.Find(src);
        if (d is null || s is null || count < 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        // A symbol side is a __device__/__constant__ variable, valid whatever its kind says.
        bool ok = kind switch
        {
            Externals.MemcpyKind.HostToDevice => (symbolIsDestination || OnDevice(d)) && OnHost(s),
            Externals.MemcpyKind.DeviceToHost => OnHost(d) && (symbolIsSource || OnDevice(s)),
            Externals.MemcpyKind.DeviceToDevice => (symbolIsDestination || OnDevice(d)) && (symbolIsSource || OnDevice(s)),
            Externals.MemcpyKind.HostToHost => OnHost(d) && OnHost(s),
            _ => true,
        };
        if (!ok) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        BothSides(c, () => c.Heap.Copy(dst, src, count));
        return CudaErrorCodes.Success;
    }

    /// <summary>The runtime copies between host and device memory itself; only the direction rules above apply.</summary>
    private static void BothSides(ExternalCall c, Action copy)
    {
        bool host = c.Heap.OnHost;
        c.Heap.AllowBothSides();
        try
        {
            copy();
        }
        finally
        {
            c.Heap.UseSide(host);
        }
    }

    private static long Set(ExternalCall c, long p, int value, long count)
    {
        if (count == 0) return CudaErrorCodes.Success;
        if (!OnDevice(c.Heap.Find(p))) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        BothSides(c, () => c.Heap.Bytes(p, count, true).Fill((byte)value));
        return CudaErrorCodes.Success;
    }
}
