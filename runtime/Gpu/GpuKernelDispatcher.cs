using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.DeviceContract.Cuda;
using Translate.Ir.Verification;

namespace Translate.Runtime.Gpu;

/// <summary>One kernel launch on a GPU: its name and the time between the events around it.</summary>
public sealed record GpuLaunchResult(string Kernel, double Milliseconds);

/// <summary>
/// Runs the launches of an interpreted program on a GPU through any <see cref="IGpuDriver"/>: the
/// program's code is built and loaded at the first launch; around each launch, the device copies of
/// what the kernel can reach — the allocations its pointer arguments point into and the module's
/// <c>__device__</c>/<c>__constant__</c> globals (<c>__trg_NAME</c>) — are brought up to date from
/// the interpreter's heap and read back afterwards, so cudaMemcpy and the symbol copies keep their
/// checked interpreter meaning. Each launch runs on a stream between two events and is waited for;
/// a fault inside the kernel (trap, bad address) is returned as the API's error code.
/// </summary>
public sealed class GpuKernelDispatcher(IGpuDriver driver, CheckedModule program) : IKernelDispatcher, IDisposable
{
    private readonly Dictionary<int, (ulong Address, long Bytes)> _buffers = [];
    private GpuModule? _module;
    private nint _stream, _start, _end;

    public List<GpuLaunchResult> Launches { get; } = [];

    /// <summary>Makes the device current on this thread, loads the module and makes the stream and events (once).</summary>
    private void Prepare()
    {
        driver.MakeCurrent();
        _module ??= new GpuModule(driver, driver.LoadModule(program));
        if (_stream != 0) return;
        _stream = driver.CreateStream();
        _start = driver.CreateEvent();
        _end = driver.CreateEvent();
    }

    public int Launch(KernelLaunch launch, IDeviceMemory memory)
    {
        Prepare();
        var live = memory.DeviceAllocations.ToDictionary(a => a.Id, a => a.Bytes);
        DropFreed(live);

        // Globals live in the module; the heap's copy of each is written there and read back.
        var globals = new Dictionary<int, (ulong Address, int Bytes)>();
        foreach (var g in program.Globals)
            if (memory.Resolve(memory.GlobalAddress(g.Name)) is { } at && live.TryGetValue(at.Id, out var bytes) && _module!.Global(DeviceSymbols.Global(g.Name)) is { } dev)
            {
                globals[at.Id] = (dev.Address, (int)Math.Min(bytes.Length, dev.Bytes));
                CopyIn(dev.Address, bytes.AsSpan(0, globals[at.Id].Bytes));
            }
        // A pointer stored in memory is an interpreter address, meaningless on the GPU: only the arguments' allocations travel.
        var reached = launch.Kernel.Parameters.Select((p, i) => p.Type.IsPointer ? memory.Resolve(launch.Arguments[i])?.Id : null)
            .OfType<int>().Where(id => !globals.ContainsKey(id) && live.ContainsKey(id)).ToHashSet();
        foreach (var id in reached)
        {
            if (!_buffers.TryGetValue(id, out var b)) _buffers[id] = b = (driver.Allocate(Math.Max(1, live[id].Length)), live[id].Length);
            CopyIn(b.Address, live[id]);
        }

        var packed = KernelArguments.Pack(launch, memory, program.Layout,
            id => globals.TryGetValue(id, out var g) ? g.Address : reached.Contains(id) ? _buffers[id].Address : null, driver.Device);
        int status = Run(launch, packed);

        foreach (var id in reached) CopyOut(live[id], _buffers[id].Address);
        foreach (var (id, (address, size)) in globals) CopyOut(live[id].AsSpan(0, size), address);
        return status;
    }

    /// <summary>Launches with the packed arguments and waits; 0, or the API's error code for a fault in the kernel.</summary>
    private int Run(KernelLaunch launch, byte[][] packed)
    {
        var function = _module!.Function(launch.Kernel.Name);
        var handles = packed.Select(a => GCHandle.Alloc(a, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = handles.Select(h => h.AddrOfPinnedObject()).ToArray();
            driver.RecordEvent(_start, _stream);
            int result = driver.Launch(function, launch.Grid, launch.Block, launch.DynamicSharedBytes, _stream, pointers, launch.Cooperative);
            if (result != 0) return result;
            driver.RecordEvent(_end, _stream);
            result = driver.Synchronize(_stream);
            if (result != 0) return result;
            Launches.Add(new GpuLaunchResult(launch.Kernel.Name, driver.ElapsedMilliseconds(_start, _end)));
            return 0;
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    // Empty copies are skipped and every allocation has at least a byte, whatever each API makes of zero.
    private void CopyIn(ulong address, ReadOnlySpan<byte> source)
    {
        if (source.Length > 0) driver.CopyIn(address, source);
    }

    private void CopyOut(Span<byte> destination, ulong address)
    {
        if (destination.Length > 0) driver.CopyOut(destination, address);
    }

    private void DropFreed(Dictionary<int, byte[]> live)
    {
        foreach (var id in _buffers.Keys.Where(id => !live.ContainsKey(id)).ToList())
        {
            driver.Free(_buffers[id].Address);
            _buffers.Remove(id);
        }
    }

    /// <summary>Frees the device copies, then the events, the stream and the module.</summary>
    public void Dispose()
    {
        foreach (var b in _buffers.Values) driver.Free(b.Address);
        _buffers.Clear();
        if (_start != 0) driver.DestroyEvent(_start);
        if (_end != 0) driver.DestroyEvent(_end);
        if (_stream != 0) driver.DestroyStream(_stream);
        _start = _end = _stream = 0;
        _module?.Dispose();
        _module = null;
    }
}
