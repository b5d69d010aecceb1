using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Ir.Types;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// Runs the launches of an interpreted program on an OpenCL device. Each device allocation of the
/// interpreter's heap has a <see cref="ClBuffer"/> of the same size (a pointer is that buffer plus the
/// pointer's offset); <c>__device__</c>/<c>__constant__</c> globals use the module's global buffers.
/// Around a launch the buffers the kernel can reach (its pointer arguments' and the globals') are brought up to
/// date from the heap and the kernel's writes are read back,
/// so cudaMemcpy, cudaMemset and the symbol copies keep their checked interpreter semantics.
/// </summary>
public sealed class OpenClKernelDispatcher(OpenClSession session, CheckedModule program) : IKernelDispatcher, IDisposable
{
    private readonly Dictionary<int, ClBuffer> _buffers = [];
    private OpenClModule? _module;

    /// <summary>Device time of every launch so far, in order.</summary>
    public List<LaunchResult> Launches { get; } = [];

    /// <summary>The module as built for the device (emitted at the first launch).</summary>
    public OpenClModule Module => _module ??= session.Load(program);

    public int Launch(KernelLaunch launch, IDeviceMemory memory)
    {
        var module = Module;
        if (PointersFromIntegers.Refusal(program, launch.Kernel, session.Device, hostMemory: false) is { } refused) throw refused;
        var globals = GlobalBuffers(module, memory);
        var live = memory.DeviceAllocations;
        DropFreed(live);
        // A kernel reaches memory only through its pointer arguments and the globals (a pointer stored in memory
        // is an interpreter address, meaningless to OpenCL), so only those allocations travel.
        var reached = launch.Kernel.Parameters.Select((p, i) => p.Type.IsPointer ? memory.Resolve(launch.Arguments[i])?.Id : null)
            .OfType<int>().ToHashSet();
        var written = new List<(DeviceAllocation Allocation, ClBuffer Buffer)>();
        foreach (var a in live)
        {
            if (globals.ContainsKey(a.Id) || a.Bytes.Length == 0 || !reached.Contains(a.Id)) continue;
            if (!_buffers.TryGetValue(a.Id, out var b)) _buffers[a.Id] = b = session.Context.CreateBuffer(a.Bytes.Length);
            b.Write<byte>(a.Bytes);
            written.Add((a, b));
        }
        foreach (var (id, (bytes, buffer)) in globals) buffer.Write<byte>(bytes);

        var kernel = launch.Kernel;
        var args = new KernelArgument[kernel.Parameters.Count];
        var windows = new List<(byte[] Bytes, long Offset, ClBuffer Buffer)>();
        try
        {
            for (int i = 0; i < args.Length; i++)
                args[i] = Argument(kernel.Parameters[i], launch.Arguments[i], memory, globals, launch, windows);
            return Run(module, launch, args, written, globals, windows);
        }
        finally
        {
            foreach (var w in windows) w.Buffer.Dispose();
        }
    }

    private int Run(OpenClModule module, KernelLaunch launch, KernelArgument[] args, List<(DeviceAllocation Allocation, ClBuffer Buffer)> written,
        Dictionary<int, (byte[] Bytes, ClBuffer Buffer)> globals, List<(byte[] Bytes, long Offset, ClBuffer Buffer)> windows)
    {
        var kernel = launch.Kernel;
        var result = module.Launch(kernel.Name, new Dim3(launch.Grid[0], launch.Grid[1], launch.Grid[2]),
            new Dim3(launch.Block[0], launch.Block[1], launch.Block[2]), launch.DynamicSharedBytes, args);
        Launches.Add(result);

        foreach (var (a, b) in written) b.Read<byte>(a.Bytes);
        foreach (var (_, (bytes, buffer)) in globals) buffer.Read<byte>(bytes);
        foreach (var (bytes, offset, buffer) in windows) buffer.Read(bytes.AsSpan((int)offset));
        return 0;
    }

    /// <summary>Heap allocation id of each global the device code uses → its heap bytes and module buffer.</summary>
    private static Dictionary<int, (byte[] Bytes, ClBuffer Buffer)> GlobalBuffers(OpenClModule module, IDeviceMemory memory)
    {
        var byId = memory.DeviceAllocations.ToDictionary(a => a.Id, a => a.Bytes);
        var result = new Dictionary<int, (byte[], ClBuffer)>();
        foreach (var g in module.Program.Globals)
            if (memory.Resolve(memory.GlobalAddress(g.Definition.Name)) is { } at && byId.TryGetValue(at.Id, out var bytes))
                result[at.Id] = (bytes, module.GlobalBuffer(g.Definition.Name));
        return result;
    }

    private KernelArgument Argument(Ir.Model.Parameter p, long value, IDeviceMemory memory, Dictionary<int, (byte[] Bytes, ClBuffer Buffer)> globals,
        KernelLaunch launch, List<(byte[] Bytes, long Offset, ClBuffer Buffer)> windows)
    {
        var layout = program.Layout;
        if (p.Type.IsPointer)
        {
            if (memory.Resolve(value) is not { } at)
                throw Unsupported(p, value == 0 ? "a null pointer" : "a pointer that is not into device memory");
            var buffer = globals.TryGetValue(at.Id, out var g) ? g.Buffer
                : _buffers.TryGetValue(at.Id, out var b) ? b : throw Unsupported(p, "a pointer to host memory");
            if (at.Offset % session.Device.SubBufferAlignment == 0 || globals.ContainsKey(at.Id)) return KernelArgument.Pointer(buffer, at.Offset);
            // A sub-buffer cannot start here: the kernel gets its own copy of the rest of the allocation,
            // read back after the launch. That is only right when no other argument points into the same allocation.
            if (SharesAllocation(at.Id, p, launch, memory))
                throw Unsupported(p, $"a pointer {at.Offset} bytes into an allocation another argument also points into " +
                    $"(sub-buffers must start at multiples of {session.Device.SubBufferAlignment} bytes here)");
            var bytes = memory.DeviceAllocations.First(a => a.Id == at.Id).Bytes;
            var window = session.Context.CreateBuffer(Math.Max(1, bytes.Length - at.Offset));
            windows.Add((bytes, at.Offset, window));
            window.Write<byte>(bytes.AsSpan((int)at.Offset));
            return KernelArgument.Pointer(window);
        }
        if (p.Type.IsAggregate)
        {
            if (program.Layout.ContainsPointer(p.Type)) throw Unsupported(p, "a struct holding pointers (OpenCL cannot pass buffers inside a struct)");
            return new KernelArgument.Value(memory.Read(value, layout.SizeOf(p.Type)));
        }
        // Registers hold scalars sign-extended (floats as their bits): the low bytes are the value, little-endian.
        return new KernelArgument.Value(BitConverter.GetBytes(value)[..(int)layout.SizeOf(p.Type)]);
    }

    private static bool SharesAllocation(int id, Ir.Model.Parameter self, KernelLaunch launch, IDeviceMemory memory) =>
        launch.Kernel.Parameters.Select((q, i) => (q, i)).Any(x => x.q != self && x.q.Type.IsPointer && memory.Resolve(launch.Arguments[x.i])?.Id == id);

    private DiagnosticException Unsupported(Ir.Model.Parameter p, string what) =>
        new(new Diagnostic(Codes.OpenClUnsupportedArgument, p.Location, $"kernel parameter '{p.Name}' receives {what}; the opencl device cannot pass it"));

    private void DropFreed(IReadOnlyList<DeviceAllocation> live)
    {
        var ids = live.Select(a => a.Id).ToHashSet();
        foreach (var id in _buffers.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _buffers[id].Dispose();
            _buffers.Remove(id);
        }
    }

    public void Dispose()
    {
        foreach (var b in _buffers.Values) b.Dispose();
        _buffers.Clear();
    }
}
