using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// Runs kernels on an OpenCL device whose memory stays on the host side between launches (the
/// interpreter's heap, or build mode's native allocations; see <see cref="IHostMemory"/>), the one
/// hosting algorithm both use. Each allocation a pointer argument reaches has an OpenCL buffer of its
/// size (the pointer is that buffer and its offset, two kernel arguments: <c>OpenClTarget.PointerOffsets</c>,
/// so any number of pointers may start anywhere in one allocation), written before the launch and read back after
/// it; <c>__device__</c>/<c>__constant__</c> globals use the module's global buffers the same way. So do the
/// pointers inside a struct argument. A pointer stored in device memory is a host address, meaningless to
/// OpenCL, so it cannot be followed.
/// </summary>
public sealed class MirroredLauncher(OpenClSession session, OpenClModule module, CheckedModule program) : IDisposable
{
    private readonly Dictionary<long, ClBuffer> _buffers = [];
    // Buffers made over allocations' own memory (a device sharing the host's), mapped while host code runs.
    private readonly Dictionary<long, ClBuffer> _hostBuffers = [];

    public OpenClModule Module => module;

    /// <summary>
    /// Runs <paramref name="kernel"/> to completion. <paramref name="pointer"/> gives a pointer
    /// parameter's address, <paramref name="value"/> any other parameter's bytes (index, size);
    /// <paramref name="globals"/> maps the key of each global's host copy to its module buffer.
    /// Arguments OpenCL cannot pass are thrown as <see cref="DiagnosticException"/> (TR0508).
    /// <paramref name="beforeLaunch"/> runs when everything is in place, just before the kernel starts.
    /// </summary>
    public LaunchResult Launch(FunctionDef kernel, Dim3 grid, Dim3 block, long dynamicSharedBytes, IHostMemory memory,
        IReadOnlyDictionary<long, ClBuffer> globals, Func<int, long> pointer, Func<int, long, byte[]> value, bool hostMemory,
        Action? beforeLaunch = null, bool cooperative = false)
    {
        if (PointersFromIntegers.Refusal(program, kernel, session.Device, hostMemory) is { } refused) throw refused;
        if (PrivateMemoryBudget.Refusal(program, kernel, session.Device, (long)block.X * block.Y * block.Z) is { } tooLarge) throw tooLarge;
        var reached = new List<long>();
        var args = new KernelArgument[kernel.Parameters.Count];
        for (int i = 0; i < args.Length; i++)
            args[i] = Argument(kernel, i, memory, globals, pointer, value, reached);
        foreach (var (key, buffer) in globals) buffer.Write<byte>(memory.Bytes(key));
        var overHost = reached.Where(_hostBuffers.ContainsKey).Select(k => _hostBuffers[k]).ToList();
        beforeLaunch?.Invoke();
        foreach (var b in overHost) b.Unmap();
        LaunchResult result;
        // The buffers over host memory are mapped back as soon as the kernel is enqueued, without a wait of their own: the
        // launch's one wait (its status read) covers them (about half of a small launch's time on PoCL).
        try { result = module.Launch(kernel.Name, grid, block, dynamicSharedBytes, args, cooperative, () => { foreach (var b in overHost) b.MapWithoutWaiting(); }); }
        catch
        {
            session.Context.Finish(); // a map enqueued before the failure is complete before host code reads the memory
            throw;
        }
        finally
        {
            foreach (var b in overHost) b.Map(); // those the failure left unmapped
        }
        foreach (var key in reached.Where(_buffers.ContainsKey)) _buffers[key].Read(memory.Bytes(key));
        foreach (var (key, buffer) in globals) buffer.Read(memory.Bytes(key));
        return result;
    }

    private KernelArgument Argument(FunctionDef kernel, int index, IHostMemory memory, IReadOnlyDictionary<long, ClBuffer> globals,
        Func<int, long> pointer, Func<int, long, byte[]> value, List<long> reached)
    {
        var p = kernel.Parameters[index];
        if (!p.Type.IsPointer)
        {
            var bytes = value(index, program.Layout.SizeOf(p.Type));
            return p.Type.IsAggregate && program.Layout.ContainsPointer(p.Type)
                ? StructArgument(p, bytes, memory, globals, reached)
                : new KernelArgument.Value(bytes);
        }
        long address = pointer(index);
        if (address == 0) return KernelArgument.NullPointer;
        var at = Reach(p, address, memory, globals, "a pointer");
        if (globals.TryGetValue(at.Key, out var global)) return KernelArgument.Pointer(global, at.Offset);
        return KernelArgument.Pointer(Mirror(at.Key, memory, reached), at.Offset);
    }

    /// <summary>
    /// A struct holding pointers: each non-null pointer in its bytes becomes its offset into the buffer of the allocation it
    /// reaches, which goes alongside (the emitted kernel adds the two back), so no sub-buffer or alignment is involved.
    /// </summary>
    private KernelArgument StructArgument(Parameter p, byte[] bytes, IHostMemory memory, IReadOnlyDictionary<long, ClBuffer> globals, List<long> reached)
    {
        var pointers = new Dictionary<long, KernelArgument>();
        foreach (var slot in program.Layout.PointerSlots(p.Type))
        {
            long address = BitConverter.ToInt64(bytes, (int)slot.Offset);
            if (address == 0) { pointers[slot.Offset] = KernelArgument.NullPointer; continue; }
            if (memory.Resolve(address) is not { } found || !found.DeviceReachable && !globals.ContainsKey(found.Key))
            {
                // CUDA passes a struct's bytes as they are, and programs leave host pointers or garbage in fields their kernels
                // never follow (held-out HeCBench d3q19-bgk); OpenCL needs a buffer for each pointer, so such a one is null.
                BitConverter.TryWriteBytes(bytes.AsSpan((int)slot.Offset, sizeof(long)), 0L);
                pointers[slot.Offset] = KernelArgument.NullPointer;
                module.Warn(new Diagnostic(Codes.OpenClStructPointerNulled, p.Location,
                    $"kernel parameter '{p.Name}' holds a pointer at byte {slot.Offset} that is not into device memory; the opencl device passes it as null (the kernel must not follow it)"));
                continue;
            }
            var at = Reach(p, address, memory, globals, $"a struct whose pointer at byte {slot.Offset}");
            var buffer = globals.TryGetValue(at.Key, out var global) ? global : Mirror(at.Key, memory, reached);
            BitConverter.TryWriteBytes(bytes.AsSpan((int)slot.Offset, sizeof(long)), at.Offset);
            pointers[slot.Offset] = KernelArgument.Pointer(buffer);
        }
        return new KernelArgument.Struct(bytes, pointers);
    }

    /// <summary>The allocation a non-null pointer argument reaches, refused (TR0508) when OpenCL cannot mirror it.</summary>
    private HostBlock Reach(Parameter p, long address, IHostMemory memory, IReadOnlyDictionary<long, ClBuffer> globals, string what)
    {
        if (memory.Resolve(address) is not { } at) throw Unsupported(p, $"{what} that is not into device memory");
        if (globals.ContainsKey(at.Key)) return at;
        if (!at.DeviceReachable) throw Unsupported(p, $"{what} to host memory");
        // A mirror is copied in one piece, through a span (HeCBench bitpermute's 2 GiB array ended the process with an
        // exception); larger ones need copies in parts, not written yet. A buffer over the allocation copies nothing.
        if (OverHost(at.Key, memory) == 0 && memory.Size(at.Key) is var size && size > int.MaxValue)
            throw Unsupported(p, $"{what} into an allocation of {size} bytes (the OpenCL mirror copies at most {int.MaxValue} bytes per allocation)");
        return at;
    }

    /// <summary>
    /// The buffer allocation <paramref name="key"/> is reached through in this launch: on a device sharing the host's memory
    /// (PoCL on a CPU), one made over the allocation itself, so nothing is copied; else a mirror written from host memory
    /// here and read back after the launch.
    /// </summary>
    private ClBuffer Mirror(long key, IHostMemory memory, List<long> reached)
    {
        if (reached.Contains(key)) return _hostBuffers.TryGetValue(key, out var made) ? made : _buffers[key];
        reached.Add(key);
        if (OverHost(key, memory) is var at && at != 0) return HostBufferFor(key, at, memory.Size(key));
        var bytes = memory.Bytes(key);
        var buffer = BufferFor(key, bytes.Length);
        buffer.Write<byte>(bytes);
        return buffer;
    }

    /// <summary>
    /// Where allocation <paramref name="key"/> is, when a buffer may be made over it (see <see cref="Mirror"/>), else 0: its
    /// memory must stay put and be aligned as the device's buffers are (PoCL reads a float4 with an aligned load: an
    /// 8-byte-aligned array crashed NVIDIA-style nbody).
    /// </summary>
    private nint OverHost(long key, IHostMemory memory) =>
        session.Device.SharesHostAddresses && memory.Address(key) is var at && at % session.Device.BaseAddressAlignment == 0 ? at : 0;

    /// <summary>The buffer over an allocation's own memory (made again when another allocation starts there).</summary>
    private ClBuffer HostBufferFor(long key, nint at, long size) => Cached(_hostBuffers, key, size, bytes => session.Context.CreateHostBuffer(at, bytes));

    /// <summary>The OpenCL buffer that mirrors an allocation (made again when the allocation changed size).</summary>
    private ClBuffer BufferFor(long key, long size) => Cached(_buffers, key, size, session.Context.CreateBuffer);

    /// <summary>The buffer of <paramref name="key"/> in <paramref name="buffers"/> if it has the size (at least 1 byte), else a new one.</summary>
    private static ClBuffer Cached(Dictionary<long, ClBuffer> buffers, long key, long size, Func<long, ClBuffer> create)
    {
        size = Math.Max(size, 1);
        if (buffers.TryGetValue(key, out var buffer) && buffer.Size == size) return buffer;
        buffer?.Dispose();
        return buffers[key] = create(size);
    }

    /// <summary>Releases the buffers of allocations that are gone (<paramref name="live"/> says which remain).</summary>
    public void DropBuffers(Func<long, bool> live)
    {
        foreach (var buffers in new[] { _buffers, _hostBuffers })
            foreach (var key in buffers.Keys.Where(k => !live(k)).ToList())
            {
                buffers[key].Dispose();
                buffers.Remove(key);
            }
    }

    private static DiagnosticException Unsupported(Parameter p, string what) =>
        new(new Diagnostic(Codes.OpenClUnsupportedArgument, p.Location, $"kernel parameter '{p.Name}' receives {what}; the opencl device cannot pass it"));

    /// <summary>Releases the mirror buffers (the module is its owner's).</summary>
    public void Dispose()
    {
        foreach (var b in _buffers.Values.Concat(_hostBuffers.Values)) b.Dispose();
        _buffers.Clear();
        _hostBuffers.Clear();
    }
}
