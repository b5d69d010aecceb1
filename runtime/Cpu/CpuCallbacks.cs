using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Translate.Backends.Cpu.Abi;
using Translate.DeviceContract;
using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Cpu;

/// <summary>
/// The runtime entry points compiled code calls (C ABI, via <c>[UnmanagedCallersOnly]</c>). None may
/// throw: errors are recorded in the session and compiled code unwinds with longjmp.
/// </summary>
internal static unsafe partial class CpuCallbacks
{
    private static CpuSession S(long handle) => (CpuSession)GCHandle.FromIntPtr((nint)handle).Target!;

    /// <summary>Every entry point by symbol name, for the JIT.</summary>
    public static IReadOnlyDictionary<string, nint> Symbols { get; } = new Dictionary<string, nint>
    {
        [CpuAbi.Fail] = (nint)(delegate* unmanaged<long, int, nint>)&Fail,
        [CpuAbi.Warn] = (nint)(delegate* unmanaged<long, int, void>)&Warn,
        [CpuAbi.Unwind] = (nint)(delegate* unmanaged<long, nint>)&Unwind,
        [CpuAbi.Exit] = (nint)(delegate* unmanaged<long, int, nint>)&Exit,
        [CpuAbi.Write] = (nint)(delegate* unmanaged<long, byte*, int, void>)&Write,
        [CpuAbi.Launch] = (nint)(delegate* unmanaged<long, int, int, int, int, int, int, int, long, nint, nint, int, int>)&Launch,
        [CpuAbi.GridSync] = (nint)(delegate* unmanaged<long, int, nint>)&GridSync,
        [CpuAbi.Rand] = (nint)(delegate* unmanaged<long, int>)&Rand,
        [CpuAbi.Srand] = (nint)(delegate* unmanaged<long, int, void>)&Srand,
        [CpuAbi.FlushOutput] = (nint)(delegate* unmanaged<long, void>)&FlushOutput,
        [CpuAbi.CheckAccess] = (nint)(delegate* unmanaged<long, nint, long, long, int, int, nint>)&CheckAccess,
        [CpuAbi.CudaFunction("cudaMalloc")] = (nint)(delegate* unmanaged<long, nint*, long, int>)&Malloc,
        [CpuAbi.CudaFunction("cudaMallocHost")] = (nint)(delegate* unmanaged<long, nint*, long, int>)&MallocHost,
        [CpuAbi.CudaFunction("cudaMallocManaged")] = (nint)(delegate* unmanaged<long, nint*, long, int, int>)&MallocManaged,
        [CpuAbi.CudaFunction("cudaFree")] = (nint)(delegate* unmanaged<long, nint, int>)&Free,
        [CpuAbi.CudaFunction("cudaFreeHost")] = (nint)(delegate* unmanaged<long, nint, int>)&FreeHost,
        [CpuAbi.CudaFunction("cudaMemcpy")] = (nint)(delegate* unmanaged<long, nint, nint, long, int, int>)&Memcpy,
        [CpuAbi.CudaFunction("cudaMemcpyAsync")] = (nint)(delegate* unmanaged<long, nint, nint, long, int, nint, int>)&MemcpyAsync,
        [CpuAbi.CudaFunction("cudaMemset")] = (nint)(delegate* unmanaged<long, nint, int, long, int>)&Memset,
        [CpuAbi.CudaFunction("cudaMemsetAsync")] = (nint)(delegate* unmanaged<long, nint, int, long, nint, int>)&MemsetAsync,
        [CpuAbi.CudaFunction("cudaMemcpyToSymbol")] = (nint)(delegate* unmanaged<long, nint, nint, long, long, int, int>)&MemcpyToSymbol,
        [CpuAbi.CudaFunction("cudaMemcpyFromSymbol")] = (nint)(delegate* unmanaged<long, nint, nint, long, long, int, int>)&MemcpyFromSymbol,
        [CpuAbi.CudaFunction("cudaDeviceSynchronize")] = (nint)(delegate* unmanaged<long, int>)&Success,
        [CpuAbi.CudaFunction("cudaDeviceReset")] = (nint)(delegate* unmanaged<long, int>)&Success,
        [CpuAbi.CudaFunction("cudaGetLastError")] = (nint)(delegate* unmanaged<long, int>)&GetLastError,
        [CpuAbi.CudaFunction("cudaPeekAtLastError")] = (nint)(delegate* unmanaged<long, int>)&PeekAtLastError,
        [CpuAbi.CudaFunction("cudaGetErrorString")] = (nint)(delegate* unmanaged<long, int, nint>)&GetErrorString,
        [CpuAbi.CudaFunction("cudaGetErrorName")] = (nint)(delegate* unmanaged<long, int, nint>)&GetErrorName,
        [CpuAbi.CudaFunction("cudaStreamCreate")] = (nint)(delegate* unmanaged<long, nint*, int>)&StreamCreate,
        [CpuAbi.CudaFunction("cudaStreamDestroy")] = (nint)(delegate* unmanaged<long, nint, int>)&StreamDestroy,
        [CpuAbi.CudaFunction("cudaStreamSynchronize")] = (nint)(delegate* unmanaged<long, nint, int>)&StreamSynchronize,
        [CpuAbi.CudaFunction("cudaEventCreate")] = (nint)(delegate* unmanaged<long, nint*, int>)&EventCreate,
        [CpuAbi.CudaFunction("cudaEventRecord")] = (nint)(delegate* unmanaged<long, nint, nint, int>)&EventRecord,
        [CpuAbi.CudaFunction("cudaEventSynchronize")] = (nint)(delegate* unmanaged<long, nint, int>)&EventSynchronize,
        [CpuAbi.CudaFunction("cudaEventDestroy")] = (nint)(delegate* unmanaged<long, nint, int>)&EventDestroy,
        [CpuAbi.CudaFunction("cudaEventElapsedTime")] = (nint)(delegate* unmanaged<long, float*, nint, nint, int>)&EventElapsed,
        [CpuAbi.CudaFunction("cudaGetDeviceCount")] = (nint)(delegate* unmanaged<long, int*, int>)&WriteOne,
        [CpuAbi.CudaFunction("cudaSetDevice")] = (nint)(delegate* unmanaged<long, int, int>)&SetDevice,
        [CpuAbi.CudaFunction("cudaGetDevice")] = (nint)(delegate* unmanaged<long, int*, int>)&WriteZero,
        [CpuAbi.CudaFunction("cudaGetSymbolAddress")] = (nint)(delegate* unmanaged<long, nint*, nint, int>)&GetSymbolAddress,
        [CpuAbi.CudaFunction("cudaDriverGetVersion")] = (nint)(delegate* unmanaged<long, int*, int>)&WriteVersion,
        [CpuAbi.CudaFunction("cudaRuntimeGetVersion")] = (nint)(delegate* unmanaged<long, int*, int>)&WriteVersion,
    };

    [UnmanagedCallersOnly]
    private static nint Fail(long s, int id)
    {
        var session = S(s);
        session.Fail(session.Program.Failures[id]);
        return CpuSession.CurrentJmpBuf;
    }

    [UnmanagedCallersOnly] private static void Warn(long s, int id) => S(s).Warn(id);

    [UnmanagedCallersOnly] private static nint Unwind(long s) => CpuSession.CurrentJmpBuf;

    [UnmanagedCallersOnly]
    private static nint Exit(long s, int status)
    {
        S(s).ExitStatus ??= status;
        return CpuSession.CurrentJmpBuf;
    }

    [UnmanagedCallersOnly] private static void Write(long s, byte* bytes, int length) => S(s).Write(new ReadOnlySpan<byte>(bytes, length));
    [UnmanagedCallersOnly] private static int Rand(long s) => S(s).Random.Next();
    [UnmanagedCallersOnly] private static void Srand(long s, int seed) => S(s).Random.Seed((uint)seed);
    [UnmanagedCallersOnly] private static void FlushOutput(long s) => S(s).FlushOutput();

    [UnmanagedCallersOnly]
    private static int Launch(long s, int kernel, int gx, int gy, int gz, int bx, int by, int bz, long shared, nint stream, nint args, int cooperative)
    {
        var session = S(s);
        try
        {
            bool fromDevice = CpuLauncher.InKernel;
            var r = CpuLauncher.Launch(session, kernel, (gx, gy, gz), (bx, by, bz), shared, args, cooperative != 0);
            if (r > 0 && fromDevice)
            {
                // Device code has no last error to look at here (cuda_device_runtime_api.h): stop with the reason.
                session.Fail(new Diagnostic(Codes.BadLaunch, Ir.Syntax.SourceLocation.None,
                    $"a kernel launched from device code ({gx}x{gy}x{gz} blocks of {bx}x{by}x{bz} threads, {shared} bytes of dynamic shared memory) failed: {CudaErrorCodes.Name(r)}"));
                return -1;
            }
            return r > 0 ? session.Runtime.Fail(r) : r; // -1: the kernel stopped, the run unwinds
        }
        catch (Exception e)
        {
            // A compile failure (e.g. a construct the device cannot split) stops the run with its diagnostic.
            session.Fail(e is DiagnosticException d ? d.Diagnostics[0]
                : new Diagnostic(Codes.BadLaunch, Ir.Syntax.SourceLocation.None, $"the cpu device could not run the kernel: {e.Message}"));
            return -1;
        }
    }

    private static int Record(long s, int status) => S(s).Runtime.Fail(status);

    /// <summary>A block at (grid-sync): null once every block arrived; else records why it cannot complete and returns the jmp_buf.</summary>
    [UnmanagedCallersOnly]
    private static nint GridSync(long s, int failureId)
    {
        var session = S(s);
        var site = session.Program.Failures[failureId]; // TR0317 "not launched cooperatively" at the grid sync's place
        if (GridBarrier.Current is not { } barrier)
        {
            session.Fail(site);
            return CpuSession.CurrentJmpBuf;
        }
        return barrier.Arrive(site) ? 0 : CpuSession.CurrentJmpBuf;
    }

    /// <summary>--check: null when the access is inside a live device allocation and aligned to <paramref name="align"/> bytes, else records why and returns the jmp_buf.</summary>
    [UnmanagedCallersOnly]
    private static nint CheckAccess(long s, nint address, long bytes, long align, int failureId, int write)
    {
        var session = S(s);
        if (session.CheckedMemory?.Explain(address, bytes, align) is not { } problem) return 0;
        var access = session.Program.Failures[failureId]; // "read of 4 bytes" at the access's place
        session.Fail(new Diagnostic(problem.Code, access.Location, $"{access.Message} {problem.Why}"));
        return CpuSession.CurrentJmpBuf;
    }

    [UnmanagedCallersOnly] private static int Malloc(long s, nint* p, long size) => Allocate(s, p, size, "cudaMalloc", pinned: false);
    [UnmanagedCallersOnly] private static int MallocHost(long s, nint* p, long size) => Allocate(s, p, size, "cudaMallocHost", pinned: true);
    [UnmanagedCallersOnly] private static int MallocManaged(long s, nint* p, long size, int flags) => Allocate(s, p, size, "cudaMallocManaged", pinned: false);

    /// <summary>
    /// A --check run keeps cudaMallocHost's blocks in the checked memory too, so kernels reaching them are checked
    /// (and copies take them for device memory); an unchecked run keeps them apart.
    /// </summary>
    private static int Allocate(long s, nint* p, long size, string api, bool pinned)
    {
        // A null result pointer is cudaErrorInvalidValue, as CUDA reports it (writing through it crashed the process).
        if (size < 0 || p == null) return Record(s, CudaErrorCodes.InvalidValue);
        var session = S(s);
        *p = session.CheckedMemory is { } memory ? memory.Allocate(size, api)
            : (pinned ? session.Pinned : session.Memory).Allocate(size, api);
        return *p == 0 ? Record(s, CudaErrorCodes.MemoryAllocation) : CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly] private static int Free(long s, nint p) => Release(s, p, pinned: false);
    [UnmanagedCallersOnly] private static int FreeHost(long s, nint p) => Release(s, p, pinned: true);

    /// <summary>A pointer the call's allocator did not hand out is cudaErrorInvalidValue (CUDA 10.1 on): an error, not a crash.</summary>
    private static int Release(long s, nint p, bool pinned)
    {
        if (p == 0) return CudaErrorCodes.Success;
        var session = S(s);
        bool freed = session.CheckedMemory is { } memory ? memory.Free(p) : (pinned ? session.Pinned : session.Memory).Free(p);
        return freed ? CudaErrorCodes.Success : Record(s, CudaErrorCodes.InvalidValue);
    }

    /// <summary>--check: whether <paramref name="count"/> bytes at <paramref name="p"/> may be touched by <paramref name="api"/>; a bad range is a runtime error and the call does nothing.</summary>
    private static bool Allowed(long s, string api, string verb, nint p, long count)
    {
        var session = S(s);
        if (session.CheckedMemory is not { } memory || !memory.Covers(p) || memory.Explain(p, count) is not { } problem) return true;
        session.Fail(new Diagnostic(problem.Code, Ir.Syntax.SourceLocation.None, $"{api}: {verb} of {count} bytes {problem.Why}"));
        return false;
    }

    /// <summary>
    /// CUDA's rules (<see cref="CudaMemoryRules"/>) first; a --check run then stops with a located diagnostic for a
    /// range its checked memory refuses, where an unchecked one has returned cudaErrorInvalidValue.
    /// </summary>
    private static int Copy(long s, nint dst, nint src, long count, int kind, string api = "cudaMemcpy")
    {
        var session = S(s);
        if (count > 0 && (!Allowed(s, api, "write", dst, count) || !Allowed(s, api, "read", src, count))) return Record(s, CudaErrorCodes.InvalidValue);
        if (CudaMemoryRules.CopyError(dst, src, count, kind, session.IsDevice, session.InDevice) is var bad and not 0) return Record(s, bad);
        if (count > 0) Buffer.MemoryCopy((void*)src, (void*)dst, count, count);
        return CudaErrorCodes.Success;
    }

    private static int Set(long s, nint p, int value, long count)
    {
        var session = S(s);
        if (count > 0 && !Allowed(s, "cudaMemset", "write", p, count)) return Record(s, CudaErrorCodes.InvalidValue);
        if (CudaMemoryRules.FillError(p, count, session.IsDevice) is var bad and not 0) return Record(s, bad);
        if (count > 0) NativeMemory.Fill((void*)p, (nuint)count, (byte)value);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly] private static int Memcpy(long s, nint dst, nint src, long count, int kind) => Copy(s, dst, src, count, kind);
    [UnmanagedCallersOnly] private static int MemcpyAsync(long s, nint dst, nint src, long count, int kind, nint stream) =>
        S(s).Runtime.CheckStream(stream) is var bad and not 0 ? bad : Copy(s, dst, src, count, kind, "cudaMemcpyAsync");
    [UnmanagedCallersOnly] private static int MemcpyToSymbol(long s, nint symbol, nint src, long count, long offset, int kind) =>
        Copy(s, symbol + (nint)offset, src, count, kind, "cudaMemcpyToSymbol");
    [UnmanagedCallersOnly] private static int MemcpyFromSymbol(long s, nint dst, nint symbol, long count, long offset, int kind) =>
        Copy(s, dst, symbol + (nint)offset, count, kind, "cudaMemcpyFromSymbol");

    [UnmanagedCallersOnly] private static int Memset(long s, nint p, int value, long count) => Set(s, p, value, count);
    [UnmanagedCallersOnly] private static int MemsetAsync(long s, nint p, int value, long count, nint stream) =>
        S(s).Runtime.CheckStream(stream) is var bad and not 0 ? bad : Set(s, p, value, count);

    [UnmanagedCallersOnly] private static int Success(long s) => CudaErrorCodes.Success;

    [UnmanagedCallersOnly] private static int GetLastError(long s) => S(s).Runtime.TakeLastError();
    [UnmanagedCallersOnly] private static int PeekAtLastError(long s) => S(s).Runtime.PeekLastError();
    [UnmanagedCallersOnly] private static nint GetErrorString(long s, int e) => NativeStrings.Of(CudaErrorCodes.Text(e));
    [UnmanagedCallersOnly] private static nint GetErrorName(long s, int e) => NativeStrings.Of(CudaErrorCodes.Name(e));

    [UnmanagedCallersOnly]
    private static int StreamCreate(long s, nint* p)
    {
        if (p == null) return Record(s, CudaErrorCodes.InvalidValue);
        *p = (nint)S(s).Runtime.CreateStream();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly] private static int StreamDestroy(long s, nint stream) => S(s).Runtime.DestroyStream(stream);
    [UnmanagedCallersOnly] private static int StreamSynchronize(long s, nint stream) => S(s).Runtime.CheckStream(stream);

    [UnmanagedCallersOnly]
    private static int EventCreate(long s, nint* p)
    {
        if (p == null) return Record(s, CudaErrorCodes.InvalidValue);
        *p = (nint)S(s).Runtime.CreateEvent();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly] private static int EventRecord(long s, nint e, nint stream) => S(s).Runtime.RecordEvent(e, stream);
    [UnmanagedCallersOnly] private static int EventSynchronize(long s, nint e) => S(s).Runtime.CheckEvent(e);
    [UnmanagedCallersOnly] private static int EventDestroy(long s, nint e) => S(s).Runtime.DestroyEvent(e);

    [UnmanagedCallersOnly]
    private static int EventElapsed(long s, float* ms, nint start, nint end)
    {
        if (ms == null) return Record(s, CudaErrorCodes.InvalidValue);
        int r = S(s).Runtime.ElapsedMilliseconds(start, end, out float elapsed);
        if (r == CudaErrorCodes.Success) *ms = elapsed;
        return r;
    }

    [UnmanagedCallersOnly] private static int WriteOne(long s, int* p) { *p = 1; return CudaErrorCodes.Success; }
    [UnmanagedCallersOnly] private static int WriteZero(long s, int* p) { *p = 0; return CudaErrorCodes.Success; }
    // The symbol argument is the variable's address already: the device pointer is that address.
    [UnmanagedCallersOnly] private static int GetSymbolAddress(long s, nint* devPtr, nint symbol)
    {
        if (devPtr == null || symbol == 0) return Record(s, CudaErrorCodes.InvalidSymbol);
        *devPtr = symbol;
        return CudaErrorCodes.Success;
    }
    [UnmanagedCallersOnly] private static int WriteVersion(long s, int* p) { *p = CudaLimits.RuntimeVersion; return CudaErrorCodes.Success; }
    [UnmanagedCallersOnly] private static int SetDevice(long s, int device) => device == 0 ? CudaErrorCodes.Success : Record(s, CudaErrorCodes.InvalidDevice);
}
