using Translate.DeviceContract;
using Translate.Interpreter.Bytecode;
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
        // After a sticky error (a fault a GPU device reported at a launch) every call returns it, as CUDA's do;
        // the error queries and strings answer as ever.
        void Add(string name, ExternalHandler handler) =>
            lib.Add(name, c => c.Machine.Cuda.StickyError is var sticky and not 0 ? sticky : handler(c));

        Add("cudaMalloc", c => Allocate(c, c[0], c[1], AllocationKind.Device, "cudaMalloc"));
        Add("cudaMallocHost", c => Allocate(c, c[0], c[1], AllocationKind.Pinned, "cudaMallocHost"));
        Add("cudaMallocManaged", c => Allocate(c, c[0], c[1], AllocationKind.Managed, "cudaMallocManaged"));
        Add("cudaFree", c => Free(c, c[0], AllocationKind.Device, AllocationKind.Managed));
        Add("cudaFreeHost", c => Free(c, c[0], AllocationKind.Pinned));
        Add("cudaMemcpy", c => Copy(c, c[0], c[1], c[2], c.Int(3)));
        Add("cudaMemcpyAsync", c => c.Machine.Cuda.CheckStream(c[4]) is var bad and not 0 ? bad : Copy(c, c[0], c[1], c[2], c.Int(3)));
        Add("cudaMemset", c => Set(c, c[0], c.Int(1), c[2]));
        Add("cudaMemsetAsync", c => c.Machine.Cuda.CheckStream(c[3]) is var bad and not 0 ? bad : Set(c, c[0], c.Int(1), c[2]));
        // The symbol argument is the variable's address, so these are copies at an offset into it.
        Add("cudaMemcpyToSymbol", c => Copy(c, c[0] + c[3], c[1], c[2], c.Int(4)));
        Add("cudaMemcpyFromSymbol", c => Copy(c, c[0], c[1] + c[3], c[2], c.Int(4)));
        Add("cudaGetSymbolAddress", c =>
        {
            // The symbol argument is the variable's address already: the device pointer is that address.
            if (c[0] == 0 || c[1] == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidSymbol);
            c.Heap.Write(c[0], 8, c[1]);
            return CudaErrorCodes.Success;
        });
        Add("cudaDeviceSynchronize", _ => CudaErrorCodes.Success);
        lib.Add("cudaDeviceReset", c =>
        {
            c.Machine.Cuda.Reset();
            return CudaErrorCodes.Success;
        });
        lib.Add("cudaGetLastError", c => c.Machine.Cuda.TakeLastError());
        lib.Add("cudaPeekAtLastError", c => c.Machine.Cuda.PeekLastError());
        lib.Add("cudaGetErrorString", c => c.Machine.Program.StringAddress(CudaErrorCodes.Text(c.Int(0))));
        lib.Add("cudaGetErrorName", c => c.Machine.Program.StringAddress(CudaErrorCodes.Name(c.Int(0))));
        Add("cudaStreamCreate", c => NewHandle(c, c[0], c.Machine.Cuda.CreateStream));
        Add("cudaStreamDestroy", c => c.Machine.Cuda.DestroyStream(c[0]));
        Add("cudaStreamSynchronize", c => c.Machine.Cuda.CheckStream(c[0]));
        Add("cudaEventCreate", c => NewHandle(c, c[0], c.Machine.Cuda.CreateEvent));
        Add("cudaEventRecord", c => c.Machine.Cuda.RecordEvent(c[0], c[1]));
        Add("cudaEventSynchronize", c => c.Machine.Cuda.CheckEvent(c[0]));
        Add("cudaEventElapsedTime", c =>
        {
            if (c[0] == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
            int r = c.Machine.Cuda.ElapsedMilliseconds(c[1], c[2], out float ms);
            if (r == CudaErrorCodes.Success) c.Heap.Write(c[0], 4, BitConverter.SingleToInt32Bits(ms));
            return r;
        });
        Add("cudaEventDestroy", c => c.Machine.Cuda.DestroyEvent(c[0]));
        Add("cudaGetDeviceCount", c => WriteInt(c, c[0], 1));
        Add("cudaSetDevice", c => c[0] == 0 ? CudaErrorCodes.Success : c.Machine.Cuda.Fail(CudaErrorCodes.InvalidDevice));
        Add("cudaGetDevice", c => WriteInt(c, c[0], 0));
        Add("cudaDriverGetVersion", c => WriteInt(c, c[0], CudaLimits.RuntimeVersion));
        Add("cudaRuntimeGetVersion", c => WriteInt(c, c[0], CudaLimits.RuntimeVersion));
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
            return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue); // CUDA 10.1 on (cudaErrorInvalidDevicePointer before)
        c.Heap.Release(p);
        return CudaErrorCodes.Success;
    }

    private static long NewHandle(ExternalCall c, long result, Func<long> create)
    {
        if (result == 0) return c.Machine.Cuda.Fail(CudaErrorCodes.InvalidValue);
        c.Heap.Write(result, 8, create());
        return CudaErrorCodes.Success;
    }

    private static bool OnDevice(Allocation? a) => a is { Kind: AllocationKind.Device or AllocationKind.Managed or AllocationKind.Constant or AllocationKind.DeviceStack, Freed: false };

    /// <summary>Whether [p, p + count) lies inside one live block of device memory (an allocation or a device variable).</summary>
    private static bool IsDevice(Heap heap, long p, long count) =>
        heap.Find(p) is { } a && OnDevice(a) && Heap.OffsetOf(p) + count <= a.Data.Length;

    /// <summary>CUDA's rules (<see cref="CudaMemoryRules"/>), as the cpu device and build mode apply them.</summary>
    private static long Copy(ExternalCall c, long dst, long src, long count, int kind)
    {
        var heap = c.Heap;
        if (CudaMemoryRules.CopyError(dst, src, count, kind, (p, n) => IsDevice(heap, p, n), p => OnDevice(heap.Find(p))) is var bad and not 0)
            return c.Machine.Cuda.Fail(bad);
        if (count > 0) BothSides(c, () => c.Heap.Copy(dst, src, count));
        return CudaErrorCodes.Success;
    }

    /// <summary>The runtime copies between host and device memory itself; only CUDA's rules above apply.</summary>
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
        if (CudaMemoryRules.FillError(p, count, (q, n) => IsDevice(c.Heap, q, n)) is var bad and not 0) return c.Machine.Cuda.Fail(bad);
        if (count > 0) BothSides(c, () => c.Heap.Bytes(p, count, true).Fill((byte)value));
        return CudaErrorCodes.Success;
    }
}
