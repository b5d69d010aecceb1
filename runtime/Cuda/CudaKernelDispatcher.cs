using System.Runtime.InteropServices;
using Translate.Backends.Nvptx;
using Translate.Interpreter.Dispatch;
using Translate.Ir.Verification;
using Translate.Runtime.Cuda.Interop;
using static Translate.Runtime.Cuda.Interop.CudaNative;

namespace Translate.Runtime.Cuda;

/// <summary>One kernel launch on the GPU: its name and the time between the events around it.</summary>
public sealed record CudaLaunchResult(string Kernel, double Milliseconds);

/// <summary>
/// Runs the launches of an interpreted program on an NVIDIA GPU: the program's PTX (emitted for the
/// session's architecture, loaded at the first launch) and, around each launch, the device copies of
/// what the kernel can reach — the allocations its pointer arguments point into and the module's
/// <c>__device__</c>/<c>__constant__</c> globals — brought up to date from the interpreter's heap and
/// read back afterwards, so cudaMemcpy and the symbol copies keep their checked interpreter meaning.
/// </summary>
public sealed unsafe class CudaKernelDispatcher(CudaSession session, CheckedModule program) : IKernelDispatcher, IDisposable
{
    private const int DefaultDynamicSharedLimit = 48 * 1024;
    private readonly Dictionary<int, CudaBuffer> _buffers = [];
    private CudaModule? _module;
    private nint _stream, _start, _end;

    public List<CudaLaunchResult> Launches { get; } = [];

    public int Launch(KernelLaunch launch, IDeviceMemory memory)
    {
        session.MakeCurrent();
        var module = _module ??= new CudaModule(NvptxCompiler.EmitPtx(program, session.Arch));
        if (_stream == 0)
        {
            CudaDriver.Check(cuStreamCreate(out _stream, 0), "cuStreamCreate");
            CudaDriver.Check(cuEventCreate(out _start, 0), "cuEventCreate");
            CudaDriver.Check(cuEventCreate(out _end, 0), "cuEventCreate");
        }
        var live = memory.DeviceAllocations.ToDictionary(a => a.Id, a => a.Bytes);
        DropFreed(live);

        // Globals live in the module; the heap's copy of each is written there and read back.
        var globals = new Dictionary<int, (ulong Address, int Bytes)>();
        foreach (var g in program.Globals)
            if (memory.Resolve(memory.GlobalAddress(g.Name)) is { } at && live.TryGetValue(at.Id, out var bytes) && module.Global("__trg_" + g.Name) is { } dev)
            {
                globals[at.Id] = (dev.Address, (int)Math.Min(bytes.Length, dev.Bytes));
                CudaBuffer.CopyIn(dev.Address, bytes.AsSpan(0, globals[at.Id].Bytes));
            }
        // A pointer stored in memory is an interpreter address, meaningless on the GPU: only the arguments' allocations travel.
        var reached = launch.Kernel.Parameters.Select((p, i) => p.Type.IsPointer ? memory.Resolve(launch.Arguments[i])?.Id : null)
            .OfType<int>().Where(id => !globals.ContainsKey(id) && live.ContainsKey(id)).ToHashSet();
        foreach (var id in reached)
        {
            if (!_buffers.TryGetValue(id, out var b)) _buffers[id] = b = new CudaBuffer(live[id].Length);
            b.Write(live[id]);
        }

        var packed = CudaArguments.Pack(launch, memory, program.Layout,
            id => globals.TryGetValue(id, out var g) ? g.Address : reached.Contains(id) ? _buffers[id].Address : null);
        int status = Run(module, launch, packed);

        foreach (var id in reached) _buffers[id].Read(live[id]);
        foreach (var (id, (address, size)) in globals) CudaBuffer.CopyOut(live[id].AsSpan(0, size), address);
        return status;
    }

    /// <summary>Launches and waits; a fault inside the kernel (trap, bad address) is returned as the CUDA error code it gave.</summary>
    private int Run(CudaModule module, KernelLaunch launch, byte[][] packed)
    {
        var function = module.Function(launch.Kernel.Name);
        if (launch.DynamicSharedBytes > DefaultDynamicSharedLimit)
            CudaDriver.Check(cuFuncSetAttribute(function, FuncAttributeMaxDynamicSharedSizeBytes, (int)launch.DynamicSharedBytes), "cuFuncSetAttribute");
        var handles = packed.Select(a => GCHandle.Alloc(a, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = handles.Select(h => h.AddrOfPinnedObject()).ToArray();
            CudaDriver.Check(cuEventRecord(_start, _stream), "cuEventRecord");
            int result;
            fixed (nint* p = pointers)
                result = cuLaunchKernel(function, (uint)launch.Grid[0], (uint)launch.Grid[1], (uint)launch.Grid[2],
                    (uint)launch.Block[0], (uint)launch.Block[1], (uint)launch.Block[2], (uint)launch.DynamicSharedBytes, _stream, p, null);
            if (result != 0) return result;
            CudaDriver.Check(cuEventRecord(_end, _stream), "cuEventRecord");
            result = cuStreamSynchronize(_stream);
            if (result != 0) return result;
            CudaDriver.Check(cuEventElapsedTime(out float ms, _start, _end), "cuEventElapsedTime");
            Launches.Add(new CudaLaunchResult(launch.Kernel.Name, ms));
            return 0;
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    private void DropFreed(Dictionary<int, byte[]> live)
    {
        foreach (var id in _buffers.Keys.Where(id => !live.ContainsKey(id)).ToList())
        {
            _buffers[id].Dispose();
            _buffers.Remove(id);
        }
    }

    public void Dispose()
    {
        foreach (var b in _buffers.Values) b.Dispose();
        _buffers.Clear();
        if (_start != 0) cuEventDestroy(_start);
        if (_end != 0) cuEventDestroy(_end);
        if (_stream != 0) cuStreamDestroy(_stream);
        _start = _end = _stream = 0;
        _module?.Dispose();
    }
}
