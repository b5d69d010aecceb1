using System.Runtime.InteropServices;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;
using Translate.Runtime.Cpu;
using Translate.Runtime.OpenCl;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// Device code on an OpenCL device for a build-mode executable. Device memory stays host memory (the
/// runtime's allocations); around each launch the allocations the kernel's pointer arguments reach,
/// and the device variables, are written to OpenCL buffers and read back afterwards — the same
/// contract as the opencl device's interpreter-hosted programs. A pointer stored inside device memory
/// is a host address, meaningless to OpenCL, so it cannot be followed (as there).
/// </summary>
public sealed unsafe partial class OpenClKernelHost : IKernelHost
{
    /// <summary>libc's fflush; with a null stream it flushes every output stream.</summary>
    [LibraryImport("libc", EntryPoint = "fflush")] private static partial int Fflush(nint stream);

    private readonly CheckedModule _program;
    private readonly OpenClSession _session;
    private readonly OpenClModule _module;
    private readonly AllocationResolver _resolve;
    private readonly Dictionary<nint, ClBuffer> _buffers = [];
    private readonly Dictionary<string, (nint Shadow, long Size, ClBuffer Buffer)> _globals = [];
    private readonly List<FunctionDef> _kernels;

    /// <summary>Builds the kernels for the session's device; throws <see cref="DiagnosticException"/> when they cannot be.</summary>
    public OpenClKernelHost(CheckedModule program, OpenClSession session, AllocationResolver resolve)
    {
        _program = program;
        _session = session;
        _resolve = resolve;
        _module = session.Load(program);
        _kernels = program.Kernels.ToList();
        foreach (var g in program.Module.Globals)
        {
            ClBuffer buffer;
            try { buffer = _module.GlobalBuffer(g.Name); }
            catch (KeyNotFoundException) { continue; }
            long size = program.Layout.SizeOf(g.Type);
            var shadow = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(size, 1), 64);
            buffer.Read(new Span<byte>((void*)shadow, (int)size));
            _globals[g.Name] = (shadow, size, buffer);
        }
    }

    public Diagnostic? Error { get; private set; }

    public int FindKernel(string name) => _kernels.FindIndex(k => k.Name == name);

    public nint GlobalAddress(string name) => _globals.TryGetValue(name, out var g) ? g.Shadow : 0;

    public (long[] Offsets, long[] Sizes, long Size) ArgumentLayout(int kernel) => KernelArgumentLayout.Of(_program, _kernels[kernel]);

    public long StaticSharedBytes => Backends.Cpu.Abi.SharedMemoryLayout.Compute(_program).Size;

    public int Launch(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments)
    {
        if (CpuLauncher.ConfigurationError(grid, block, sharedBytes) is { } invalid) return invalid;
        var k = _kernels[kernel];
        if (PointersFromIntegers.Refusal(_program, k, _session.Device, hostMemory: true) is { } refused)
        {
            Error ??= refused.Diagnostics[0];
            return -1;
        }
        var (offsets, _, _) = ArgumentLayout(kernel);
        var written = new List<(nint Start, long Size, ClBuffer Buffer)>();
        var windows = new List<(nint Start, long Size, ClBuffer Buffer)>();
        try
        {
            var args = new KernelArgument[k.Parameters.Count];
            for (int i = 0; i < args.Length; i++)
                args[i] = Argument(k, i, (byte*)packedArguments, offsets, written, windows);
            foreach (var (shadow, size, buffer) in _globals.Values) buffer.Write(new ReadOnlySpan<byte>((void*)shadow, (int)size));
            // The OpenCL driver's device printf writes to file descriptor 1 itself: what the host printed
            // before the launch goes out first, as CUDA's ordering of host and device output has it.
            Fflush(0);
            _module.Launch(k.Name, new Dim3(grid.X, grid.Y, grid.Z), new Dim3(block.X, block.Y, block.Z), sharedBytes, args);
            foreach (var (start, size, buffer) in written.Concat(windows)) buffer.Read(new Span<byte>((void*)start, (int)size));
            foreach (var (shadow, size, buffer) in _globals.Values) buffer.Read(new Span<byte>((void*)shadow, (int)size));
            return 0;
        }
        catch (DiagnosticException e)
        {
            Error ??= e.Diagnostics[0];
            return -1;
        }
        catch (OpenClException e)
        {
            Error ??= new Diagnostic(Codes.OpenClBuildFailed, k.Location, $"the OpenCL device failed to run kernel '{k.Name}': {e.Message}");
            return -1;
        }
        finally
        {
            foreach (var w in windows) w.Buffer.Dispose();
        }
    }

    private KernelArgument Argument(FunctionDef kernel, int index, byte* record, long[] offsets,
        List<(nint Start, long Size, ClBuffer Buffer)> written, List<(nint Start, long Size, ClBuffer Buffer)> windows)
    {
        var p = kernel.Parameters[index];
        byte* at = record + offsets[index];
        if (!p.Type.IsPointer)
        {
            if (p.Type.IsAggregate && _program.Layout.ContainsPointer(p.Type)) throw Unsupported(p, "a struct holding pointers (OpenCL cannot pass buffers inside a struct)");
            return new KernelArgument.Value(new ReadOnlySpan<byte>(at, (int)_program.Layout.SizeOf(p.Type)).ToArray());
        }
        var address = *(nint*)at;
        foreach (var g in _globals.Values)
            if (address >= g.Shadow && address < g.Shadow + (nint)g.Size) return KernelArgument.Pointer(g.Buffer, address - g.Shadow);
        if (_resolve(address) is not { } allocation)
            throw Unsupported(p, address == 0 ? "a null pointer" : "a pointer that is not into device memory");
        long offset = address - allocation.Start;
        if (offset % _session.Device.SubBufferAlignment != 0)
        {
            // A sub-buffer cannot start here: the kernel gets its own copy of the rest of the allocation,
            // read back after the launch — right only when no other argument reaches the same allocation.
            bool shared = Enumerable.Range(0, kernel.Parameters.Count)
                .Any(j => j != index && kernel.Parameters[j].Type.IsPointer && _resolve(*(nint*)(record + offsets[j]))?.Start == allocation.Start);
            if (shared)
                throw Unsupported(p, $"a pointer {offset} bytes into an allocation another argument also points into " +
                    $"(sub-buffers must start at multiples of {_session.Device.SubBufferAlignment} bytes here)");
            var window = _session.Context.CreateBuffer(Math.Max(1, allocation.Size - offset));
            window.Write(new ReadOnlySpan<byte>((void*)address, (int)(allocation.Size - offset)));
            windows.Add((address, allocation.Size - offset, window));
            return KernelArgument.Pointer(window);
        }
        var buffer = BufferFor(allocation);
        if (!written.Any(w => w.Start == allocation.Start))
        {
            buffer.Write(new ReadOnlySpan<byte>((void*)allocation.Start, (int)allocation.Size));
            written.Add((allocation.Start, allocation.Size, buffer));
        }
        return KernelArgument.Pointer(buffer, offset);
    }

    /// <summary>The OpenCL buffer that mirrors a device allocation (made again when the allocation changed size).</summary>
    private ClBuffer BufferFor((nint Start, long Size) allocation)
    {
        long size = Math.Max(allocation.Size, 1);
        if (_buffers.TryGetValue(allocation.Start, out var buffer) && buffer.Size == size) return buffer;
        buffer?.Dispose();
        return _buffers[allocation.Start] = _session.Context.CreateBuffer(size);
    }

    private static DiagnosticException Unsupported(Parameter p, string what) =>
        new(new Diagnostic(Codes.OpenClUnsupportedArgument, p.Location, $"kernel parameter '{p.Name}' receives {what}; the opencl device cannot pass it"));

    public void Dispose()
    {
        foreach (var b in _buffers.Values) b.Dispose();
        foreach (var (shadow, _, _) in _globals.Values) NativeMemory.AlignedFree((void*)shadow);
        _module.Dispose();
    }
}
