using System.Runtime.InteropServices;
using Translate.Backends.Nvptx;
using Translate.DeviceContract;
using Translate.Ir.Verification;
using Translate.Runtime.Cuda.Interop;
using Translate.Runtime.Gpu;
using static Translate.Runtime.Cuda.Interop.CudaNative;

namespace Translate.Runtime.Cuda;

/// <summary>
/// Runs the launches of an interpreted program on an NVIDIA GPU: the program's PTX (emitted for the
/// session's architecture, loaded at the first launch), launched on a stream between two events.
/// What the kernel can reach is copied up and back by <see cref="MirroringKernelDispatcher"/>.
/// </summary>
public sealed unsafe class CudaKernelDispatcher(CudaSession session, CheckedModule program)
    : MirroringKernelDispatcher(program, "cuda")
{
    private CudaModule? _module;
    private nint _stream, _start, _end;

    protected override void Prepare()
    {
        session.MakeCurrent();
        _module ??= new CudaModule(NvptxCompiler.EmitPtx(Program, session.Arch));
        if (_stream != 0) return;
        CudaDriver.Check(cuStreamCreate(out _stream, 0), "cuStreamCreate");
        CudaDriver.Check(cuEventCreate(out _start, 0), "cuEventCreate");
        CudaDriver.Check(cuEventCreate(out _end, 0), "cuEventCreate");
    }

    protected override (ulong Address, long Bytes)? ModuleGlobal(string symbol) => _module!.Global(symbol);

    protected override ulong Allocate(long bytes)
    {
        CudaDriver.Check(cuMemAlloc(out ulong address, (nuint)Math.Max(1, bytes)), "cuMemAlloc");
        return address;
    }

    protected override void Free(ulong address) => cuMemFree(address);

    protected override void CopyIn(ulong address, ReadOnlySpan<byte> source)
    {
        if (source.Length == 0) return;
        fixed (byte* p = source) CudaDriver.Check(cuMemcpyHtoD(address, p, (nuint)source.Length), "cuMemcpyHtoD");
    }

    protected override void CopyOut(Span<byte> destination, ulong address)
    {
        if (destination.Length == 0) return;
        fixed (byte* p = destination) CudaDriver.Check(cuMemcpyDtoH(p, address, (nuint)destination.Length), "cuMemcpyDtoH");
    }

    /// <summary>Launches and waits; a fault inside the kernel (trap, bad address) is returned as the CUDA error code it gave.</summary>
    protected override int Run(KernelLaunch launch, byte[][] packed)
    {
        var function = _module!.Function(launch.Kernel.Name);
        if (launch.DynamicSharedBytes > CudaLimits.SharedBytesPerBlock)
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
        if (_start != 0) cuEventDestroy(_start);
        if (_end != 0) cuEventDestroy(_end);
        if (_stream != 0) cuStreamDestroy(_stream);
        _start = _end = _stream = 0;
        _module?.Dispose();
        _module = null;
    }
}
