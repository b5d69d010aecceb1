using Translate.DeviceContract;
using Translate.Ir.Verification;

namespace Translate.Runtime.Gpu;

/// <summary>One kernel launch on a GPU: its name and the time between the events around it.</summary>
public sealed record GpuLaunchResult(string Kernel, double Milliseconds);

/// <summary>
/// Runs the launches of an interpreted program on a GPU, the part every GPU API shares: around each
/// launch, the device copies of what the kernel can reach — the allocations its pointer arguments
/// point into and the module's <c>__device__</c>/<c>__constant__</c> globals (<c>__trg_NAME</c>) —
/// are brought up to date from the interpreter's heap and read back afterwards, so cudaMemcpy and
/// the symbol copies keep their checked interpreter meaning. The driver calls are the subclass's.
/// </summary>
public abstract class MirroringKernelDispatcher(CheckedModule program, string device) : IKernelDispatcher, IDisposable
{
    private readonly Dictionary<int, (ulong Address, long Bytes)> _buffers = [];

    public List<GpuLaunchResult> Launches { get; } = [];

    /// <summary>The program whose kernels run here (the subclass builds its GPU code from it).</summary>
    protected CheckedModule Program { get; } = program;

    /// <summary>Makes the device current on this thread and loads the module (once).</summary>
    protected abstract void Prepare();

    /// <summary>The device address and size of a module global; null when the module has none by that name.</summary>
    protected abstract (ulong Address, long Bytes)? ModuleGlobal(string symbol);

    protected abstract ulong Allocate(long bytes);
    protected abstract void Free(ulong address);
    protected abstract void CopyIn(ulong address, ReadOnlySpan<byte> source);
    protected abstract void CopyOut(Span<byte> destination, ulong address);

    /// <summary>Launches with the packed arguments and waits; 0, or the API's error code for a fault in the kernel.</summary>
    protected abstract int Run(KernelLaunch launch, byte[][] packed);

    public int Launch(KernelLaunch launch, IDeviceMemory memory)
    {
        Prepare();
        var live = memory.DeviceAllocations.ToDictionary(a => a.Id, a => a.Bytes);
        DropFreed(live);

        // Globals live in the module; the heap's copy of each is written there and read back.
        var globals = new Dictionary<int, (ulong Address, int Bytes)>();
        foreach (var g in Program.Globals)
            if (memory.Resolve(memory.GlobalAddress(g.Name)) is { } at && live.TryGetValue(at.Id, out var bytes) && ModuleGlobal("__trg_" + g.Name) is { } dev)
            {
                globals[at.Id] = (dev.Address, (int)Math.Min(bytes.Length, dev.Bytes));
                CopyIn(dev.Address, bytes.AsSpan(0, globals[at.Id].Bytes));
            }
        // A pointer stored in memory is an interpreter address, meaningless on the GPU: only the arguments' allocations travel.
        var reached = launch.Kernel.Parameters.Select((p, i) => p.Type.IsPointer ? memory.Resolve(launch.Arguments[i])?.Id : null)
            .OfType<int>().Where(id => !globals.ContainsKey(id) && live.ContainsKey(id)).ToHashSet();
        foreach (var id in reached)
        {
            if (!_buffers.TryGetValue(id, out var b)) _buffers[id] = b = (Allocate(live[id].Length), live[id].Length);
            CopyIn(b.Address, live[id]);
        }

        var packed = KernelArguments.Pack(launch, memory, Program.Layout,
            id => globals.TryGetValue(id, out var g) ? g.Address : reached.Contains(id) ? _buffers[id].Address : null, device);
        int status = Run(launch, packed);

        foreach (var id in reached) CopyOut(live[id], _buffers[id].Address);
        foreach (var (id, (address, size)) in globals) CopyOut(live[id].AsSpan(0, size), address);
        return status;
    }

    private void DropFreed(Dictionary<int, byte[]> live)
    {
        foreach (var id in _buffers.Keys.Where(id => !live.ContainsKey(id)).ToList())
        {
            Free(_buffers[id].Address);
            _buffers.Remove(id);
        }
    }

    /// <summary>Frees the device copies; subclasses release their module, stream and events after this.</summary>
    public virtual void Dispose()
    {
        foreach (var b in _buffers.Values) Free(b.Address);
        _buffers.Clear();
        GC.SuppressFinalize(this);
    }
}
