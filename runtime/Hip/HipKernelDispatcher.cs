using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Ir.Verification;
using Translate.Runtime.Gpu;
using Translate.Runtime.Hip.Interop;
using static Translate.Runtime.Hip.Interop.HipNative;

namespace Translate.Runtime.Hip;

/// <summary>
/// Runs the launches of an interpreted program on an AMD GPU: the program's code object (built for
/// the session's gfx architecture, loaded at the first launch), launched with hipModuleLaunchKernel
/// on a stream between two events. HIP lays the <c>kernelParams</c> out in the kernarg segment from
/// the code object's argument metadata, so each parameter is passed as its own bytes, as for CUDA.
/// What the kernel can reach is copied up and back by <see cref="MirroringKernelDispatcher"/>.
/// </summary>
public sealed unsafe class HipKernelDispatcher(HipSession session, CheckedModule program)
    : MirroringKernelDispatcher(program, "hip")
{
    private HipModule? _module;
    private nint _stream, _start, _end;

    protected override void Prepare()
    {
        session.MakeCurrent();
        _module ??= new HipModule(HipModule.CodeObject(Program, session.Arch));
        if (_stream != 0) return;
        HipRuntime.Check(hipStreamCreate(out _stream), "hipStreamCreate");
        HipRuntime.Check(hipEventCreate(out _start), "hipEventCreate");
        HipRuntime.Check(hipEventCreate(out _end), "hipEventCreate");
    }

    protected override (ulong Address, long Bytes)? ModuleGlobal(string symbol) => _module!.Global(symbol);

    protected override ulong Allocate(long bytes)
    {
        HipRuntime.Check(hipMalloc(out ulong address, (nuint)Math.Max(1, bytes)), "hipMalloc");
        return address;
    }

    protected override void Free(ulong address) => hipFree(address);

    protected override void CopyIn(ulong address, ReadOnlySpan<byte> source)
    {
        if (source.Length == 0) return;
        fixed (byte* p = source) HipRuntime.Check(hipMemcpyHtoD(address, p, (nuint)source.Length), "hipMemcpyHtoD");
    }

    protected override void CopyOut(Span<byte> destination, ulong address)
    {
        if (destination.Length == 0) return;
        fixed (byte* p = destination) HipRuntime.Check(hipMemcpyDtoH(p, address, (nuint)destination.Length), "hipMemcpyDtoH");
    }

    /// <summary>Launches and waits; a fault inside the kernel (trap, bad address) is returned as the HIP error code it gave.</summary>
    protected override int Run(KernelLaunch launch, byte[][] packed)
    {
        var function = _module!.Function(launch.Kernel.Name);
        var handles = packed.Select(a => GCHandle.Alloc(a, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = handles.Select(h => h.AddrOfPinnedObject()).ToArray();
            HipRuntime.Check(hipEventRecord(_start, _stream), "hipEventRecord");
            int result;
            fixed (nint* p = pointers)
                result = hipModuleLaunchKernel(function, (uint)launch.Grid[0], (uint)launch.Grid[1], (uint)launch.Grid[2],
                    (uint)launch.Block[0], (uint)launch.Block[1], (uint)launch.Block[2], (uint)launch.DynamicSharedBytes, _stream, p, null);
            if (result != 0) return result;
            HipRuntime.Check(hipEventRecord(_end, _stream), "hipEventRecord");
            result = hipStreamSynchronize(_stream);
            if (result != 0) return result;
            HipRuntime.Check(hipEventElapsedTime(out float ms, _start, _end), "hipEventElapsedTime");
            Launches.Add(new GpuLaunchResult(launch.Kernel.Name, ms));
            return 0;
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_start != 0) hipEventDestroy(_start);
        if (_end != 0) hipEventDestroy(_end);
        if (_stream != 0) hipStreamDestroy(_stream);
        _start = _end = _stream = 0;
        _module?.Dispose();
        _module = null;
    }
}
