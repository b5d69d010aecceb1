using Translate.DeviceContract;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// Runs the launches of an interpreted program on an OpenCL device: device memory stays in the
/// interpreter's heap and <see cref="MirroredLauncher"/> mirrors what a kernel reaches (its pointer
/// arguments' allocations, each as a buffer of the same size, and the <c>__device__</c>/<c>__constant__</c>
/// globals, as the module's global buffers) around the launch, so cudaMemcpy, cudaMemset and the
/// symbol copies keep their checked interpreter semantics.
/// </summary>
public sealed class OpenClKernelDispatcher(OpenClSession session, CheckedModule program) : IKernelDispatcher, IDisposable
{
    private MirroredLauncher? _launcher;

    /// <summary>Device time of every launch so far, in order.</summary>
    public List<LaunchResult> Launches { get; } = [];

    /// <summary>The module as built for the device (emitted at the first launch).</summary>
    public OpenClModule Module => Launcher.Module;

    private MirroredLauncher Launcher => _launcher ??= new MirroredLauncher(session, session.Load(program), program);

    public int Launch(KernelLaunch launch, IDeviceMemory memory)
    {
        var launcher = Launcher;
        var heap = new HeapMemory(memory);
        launcher.DropBuffers(heap.IsLive);
        var arguments = launch.Arguments;
        var result = launcher.Launch(launch.Kernel, new Dim3(launch.Grid[0], launch.Grid[1], launch.Grid[2]),
            new Dim3(launch.Block[0], launch.Block[1], launch.Block[2]), launch.DynamicSharedBytes, heap, GlobalBuffers(launcher.Module, memory),
            i => arguments[i],
            // Registers hold scalars sign-extended (floats as their bits): the low bytes are the value, little-endian.
            (i, size) => launch.Kernel.Parameters[i].Type.IsAggregate ? memory.Read(arguments[i], size) : BitConverter.GetBytes(arguments[i])[..(int)size],
            hostMemory: false, cooperative: launch.Cooperative);
        Launches.Add(result);
        return 0;
    }

    /// <summary>Heap allocation id of each global the device code uses → its module buffer.</summary>
    private static Dictionary<long, ClBuffer> GlobalBuffers(OpenClModule module, IDeviceMemory memory)
    {
        var live = memory.DeviceAllocations.Select(a => a.Id).ToHashSet();
        var result = new Dictionary<long, ClBuffer>();
        foreach (var g in module.Program.Globals)
            if (memory.Resolve(memory.GlobalAddress(g.Definition.Name)) is { } at && live.Contains(at.Id))
                result[at.Id] = module.GlobalBuffer(g.Definition.Name);
        return result;
    }

    /// <summary>The interpreter's heap as the launcher sees it: allocations by id; kernels reach the non-empty device ones.</summary>
    private sealed class HeapMemory(IDeviceMemory memory) : IHostMemory
    {
        private readonly Dictionary<int, byte[]> _device = memory.DeviceAllocations.ToDictionary(a => a.Id, a => a.Bytes);

        public bool IsLive(long key) => _device.ContainsKey((int)key);

        public HostBlock? Resolve(long pointer) =>
            memory.Resolve(pointer) is { } at ? new HostBlock(at.Id, at.Offset, _device.TryGetValue(at.Id, out var b) && b.Length > 0) : null;

        public long Size(long key) => _device[(int)key].Length;

        public Span<byte> Bytes(long key) => _device[(int)key];

        // The heap's arrays are managed (the collector may move them) and aligned to 8 bytes only, where OpenCL
        // wants its base-address alignment: no buffer is made over them, they are mirrored.
        public nint Address(long key) => 0;
    }

    public void Dispose() => _launcher?.Dispose();
}
