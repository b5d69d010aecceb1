using System.Runtime.InteropServices;
using System.Text;

namespace Translate.Runtime.Gpu;

/// <summary>
/// The part of <see cref="IGpuDriver"/> both GPU APIs implement with the same calls (<see cref="GpuCallNames"/>): modules'
/// functions and globals, memory, streams, events and launches, bound from the API's library by name once. What differs —
/// opening a device, loading our code for it, making it current, describing an error code — is each API's subclass.
/// A failed call throws <see cref="GpuApiException"/> naming it, except the two whose errors the program sees (a launch,
/// a synchronization: a fault in the kernel).
/// </summary>
public abstract unsafe class GpuApiDriver : IGpuDriver
{
    private readonly delegate* unmanaged<nint, int> _moduleUnload;
    private readonly delegate* unmanaged<nint*, nint, byte*, int> _moduleGetFunction;
    private readonly delegate* unmanaged<ulong*, nuint*, nint, byte*, int> _moduleGetGlobal;
    private readonly delegate* unmanaged<ulong*, nuint, int> _memAlloc;
    private readonly delegate* unmanaged<ulong, int> _memFree;
    private readonly delegate* unmanaged<ulong, byte*, nuint, int> _memcpyHtoD;
    private readonly delegate* unmanaged<byte*, ulong, nuint, int> _memcpyDtoH;
    private readonly delegate* unmanaged<nint*, uint, int> _streamCreate, _eventCreate;
    private readonly delegate* unmanaged<nint, int> _streamDestroy, _streamSynchronize, _eventDestroy;
    private readonly delegate* unmanaged<nint, nint, int> _eventRecord;
    private readonly delegate* unmanaged<float*, nint, nint, int> _eventElapsedTime;
    private readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, nint*, nint*, int> _launchKernel;
    private readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, nint*, int> _launchCooperativeKernel;

    /// <summary>Binds the shared calls from <paramref name="library"/> (a handle from <see cref="NativeLibrary"/>, kept loaded).</summary>
    protected GpuApiDriver(nint library, GpuCallNames calls)
    {
        if (library == 0) throw new DllNotFoundException($"the library of {calls.MemAlloc} could not be loaded");
        Calls = calls;
        nint Bind(string name) => NativeLibrary.GetExport(library, name);
        _moduleUnload = (delegate* unmanaged<nint, int>)Bind(calls.ModuleUnload);
        _moduleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)Bind(calls.ModuleGetFunction);
        _moduleGetGlobal = (delegate* unmanaged<ulong*, nuint*, nint, byte*, int>)Bind(calls.ModuleGetGlobal);
        _memAlloc = (delegate* unmanaged<ulong*, nuint, int>)Bind(calls.MemAlloc);
        _memFree = (delegate* unmanaged<ulong, int>)Bind(calls.MemFree);
        _memcpyHtoD = (delegate* unmanaged<ulong, byte*, nuint, int>)Bind(calls.MemcpyHtoD);
        _memcpyDtoH = (delegate* unmanaged<byte*, ulong, nuint, int>)Bind(calls.MemcpyDtoH);
        _streamCreate = (delegate* unmanaged<nint*, uint, int>)Bind(calls.StreamCreate);
        _streamDestroy = (delegate* unmanaged<nint, int>)Bind(calls.StreamDestroy);
        _streamSynchronize = (delegate* unmanaged<nint, int>)Bind(calls.StreamSynchronize);
        _eventCreate = (delegate* unmanaged<nint*, uint, int>)Bind(calls.EventCreate);
        _eventDestroy = (delegate* unmanaged<nint, int>)Bind(calls.EventDestroy);
        _eventRecord = (delegate* unmanaged<nint, nint, int>)Bind(calls.EventRecord);
        _eventElapsedTime = (delegate* unmanaged<float*, nint, nint, int>)Bind(calls.EventElapsedTime);
        _launchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, nint*, nint*, int>)Bind(calls.LaunchKernel);
        _launchCooperativeKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, nint*, int>)Bind(calls.LaunchCooperativeKernel);
    }

    /// <summary>The exported names of the shared calls, as error messages name them.</summary>
    protected GpuCallNames Calls { get; }

    /// <summary>The API's own name and text for an error code: "CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)".</summary>
    protected abstract string Describe(int result);

    /// <summary>Throws for a failed call (<paramref name="result"/> ≠ 0), naming it and the API's error.</summary>
    protected void Check(int result, string call)
    {
        if (result != 0) throw new GpuApiException(call, result, $"{call} failed: {Describe(result)}");
    }

    public abstract string Device { get; }
    public abstract void MakeCurrent();
    public abstract nint LoadModule(Translate.Ir.Verification.CheckedModule program);

    public void UnloadModule(nint module) => _moduleUnload(module);

    public nint Function(nint module, string name)
    {
        nint function;
        fixed (byte* n = Utf8(name)) Check(_moduleGetFunction(&function, module, n), $"{Calls.ModuleGetFunction}({name})");
        return function;
    }

    public (ulong Address, long Bytes)? Global(nint module, string symbol)
    {
        ulong address;
        nuint bytes;
        fixed (byte* n = Utf8(symbol)) return _moduleGetGlobal(&address, &bytes, module, n) == 0 ? (address, (long)bytes) : null;
    }

    public ulong Allocate(long bytes)
    {
        ulong address;
        Check(_memAlloc(&address, (nuint)bytes), Calls.MemAlloc);
        return address;
    }

    public void Free(ulong address) => _memFree(address);

    public void CopyIn(ulong address, ReadOnlySpan<byte> source)
    {
        fixed (byte* p = source) Check(_memcpyHtoD(address, p, (nuint)source.Length), Calls.MemcpyHtoD);
    }

    public void CopyOut(Span<byte> destination, ulong address)
    {
        fixed (byte* p = destination) Check(_memcpyDtoH(p, address, (nuint)destination.Length), Calls.MemcpyDtoH);
    }

    public nint CreateStream()
    {
        nint stream;
        Check(_streamCreate(&stream, 0), Calls.StreamCreate);
        return stream;
    }

    public void DestroyStream(nint stream) => _streamDestroy(stream);

    public nint CreateEvent()
    {
        nint @event;
        Check(_eventCreate(&@event, 0), Calls.EventCreate);
        return @event;
    }

    public void DestroyEvent(nint @event) => _eventDestroy(@event);

    public void RecordEvent(nint @event, nint stream) => Check(_eventRecord(@event, stream), Calls.EventRecord);

    public float ElapsedMilliseconds(nint start, nint end)
    {
        float ms;
        Check(_eventElapsedTime(&ms, start, end), Calls.EventElapsedTime);
        return ms;
    }

    /// <summary>What a launch needs first on this API (CUDA: the opt-in to large dynamic shared memory).</summary>
    protected virtual void PrepareLaunch(nint function, long dynamicSharedBytes) { }

    public int Launch(nint function, int[] grid, int[] block, long dynamicSharedBytes, nint stream, nint[] parameters, bool cooperative)
    {
        PrepareLaunch(function, dynamicSharedBytes);
        fixed (nint* p = parameters)
            return cooperative
                ? _launchCooperativeKernel(function, (uint)grid[0], (uint)grid[1], (uint)grid[2],
                    (uint)block[0], (uint)block[1], (uint)block[2], (uint)dynamicSharedBytes, stream, p)
                : _launchKernel(function, (uint)grid[0], (uint)grid[1], (uint)grid[2],
                    (uint)block[0], (uint)block[1], (uint)block[2], (uint)dynamicSharedBytes, stream, p, null);
    }

    public int Synchronize(nint stream) => _streamSynchronize(stream);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
