using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// Device code on an OpenCL device for a build-mode executable. Device memory stays host memory (the
/// runtime's allocations) and the device variables live in host shadows; around each launch
/// <see cref="MirroredLauncher"/> — the opencl device's own hosting algorithm — mirrors what the
/// kernel's pointer arguments reach, and the device variables, in OpenCL buffers.
/// </summary>
public sealed unsafe partial class OpenClKernelHost : IKernelHost
{
    /// <summary>libc's fflush; with a null stream it flushes every output stream.</summary>
    [LibraryImport("libc", EntryPoint = "fflush")] private static partial int Fflush(nint stream);

    private readonly CheckedModule _program;
    private readonly MirroredLauncher _launcher;
    private readonly RuntimeMemory _memory;
    private readonly Dictionary<string, (nint Shadow, long Size, ClBuffer? Buffer)> _globals = [];
    private readonly Dictionary<long, ClBuffer> _globalBuffers = [];
    private readonly List<FunctionDef> _kernels;
    // Host threads may launch at once (NVIDIA's simpleCallback: one per stream); the launcher's buffers and queue are one.
    private readonly Lock _gate = new();

    /// <summary>Builds the kernels for the session's device; throws <see cref="DiagnosticException"/> when they cannot be.</summary>
    public OpenClKernelHost(CheckedModule program, OpenClSession session, AllocationResolver resolve)
    {
        _program = program;
        var module = session.Load(program);
        _launcher = new MirroredLauncher(session, module, program);
        _kernels = program.Kernels.ToList();
        foreach (var g in program.Module.Globals)
        {
            long size = program.Layout.SizeOf(g.Type);
            var shadow = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(size, 1), 64);
            var image = new Span<byte>((void*)shadow, (int)size);
            ClBuffer? buffer = null;
            try { buffer = module.GlobalBuffer(g.Name); }
            catch (KeyNotFoundException) { }
            // A variable no kernel names has no module buffer, yet host code may take its address
            // (cudaGetSymbolAddress) and pass it in: its shadow is then mirrored like any allocation.
            if (buffer is not null) buffer.Read(image);
            else GlobalImage.Bytes(g, program.Layout).CopyTo(image);
            _globals[g.Name] = (shadow, size, buffer);
            if (buffer is not null) _globalBuffers[shadow] = buffer;
        }
        _memory = new RuntimeMemory(resolve, _globals.Values.Select(g => (g.Shadow, g.Size)).ToList());
    }

    public Diagnostic? Error { get; private set; }

    public IReadOnlyList<Diagnostic> TakeWarnings() => _launcher.Module.TakeRuntimeWarnings();

    public int FindKernel(string name) => _kernels.FindIndex(k => k.Name == name);

    public nint GlobalAddress(string name) => _globals.TryGetValue(name, out var g) ? g.Shadow : 0;

    public (long[] Offsets, long[] Sizes, long Size) ArgumentLayout(int kernel) => KernelArgumentLayout.Of(_program, _kernels[kernel]);

    public long StaticSharedBytes(int kernel) => (_staticShared ??= new(_program, _kernels)).Of(kernel);
    private KernelSharedSizes? _staticShared;

    /// <summary>A kernel with grid barriers runs as its phase kernels (GridSyncFission), launched cooperatively or refused (TR0317).</summary>
    public int Launch(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments,
        bool cooperative = false)
    {
        if (!CudaLimits.AllowsLaunch(grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, sharedBytes, sharedLimit: CudaLimits.SharedBytesPerBlockOptin))
            return CudaErrorCodes.InvalidConfiguration;
        if (cooperative && !CudaLimits.FitsCooperativeLaunch((long)grid.X * grid.Y * grid.Z, (long)block.X * block.Y * block.Z, sharedBytes + StaticSharedBytes(kernel)))
            return CudaErrorCodes.CooperativeLaunchTooLarge;
        var k = _kernels[kernel];
        var (offsets, _, _) = ArgumentLayout(kernel);
        var record = (byte*)packedArguments;
        lock (_gate)
        try
        {
            _launcher.Launch(k, new Dim3(grid.X, grid.Y, grid.Z), new Dim3(block.X, block.Y, block.Z), sharedBytes, _memory, _globalBuffers,
                i => *(nint*)(record + offsets[i]), (i, size) => new ReadOnlySpan<byte>(record + offsets[i], (int)size).ToArray(), hostMemory: true,
                // The OpenCL driver's device printf writes to file descriptor 1 itself: what the host printed
                // before the launch goes out first, as CUDA's ordering of host and device output has it.
                beforeLaunch: () => Fflush(0), cooperative: cooperative);
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
    }

    /// <summary>
    /// Build mode's memory as the launcher sees it: the device variables' shadows, then the runtime's
    /// device-reachable allocations (by start address), all reachable by kernels.
    /// </summary>
    private sealed class RuntimeMemory(AllocationResolver resolve, List<(nint Start, long Size)> shadows) : IHostMemory
    {
        private readonly Dictionary<long, long> _sizes = shadows.ToDictionary(s => (long)s.Start, s => s.Size);

        public HostBlock? Resolve(long pointer)
        {
            foreach (var (start, size) in shadows)
                if (pointer >= start && pointer < start + size) return new HostBlock(start, pointer - start, true);
            if (resolve((nint)pointer) is not { } allocation) return null;
            _sizes[allocation.Start] = allocation.Size;
            return new HostBlock(allocation.Start, pointer - allocation.Start, true);
        }

        public long Size(long key) => _sizes[key];

        public Span<byte> Bytes(long key) => new((void*)key, checked((int)_sizes[key]));

        // Native allocations stay where they are until freed: the key is the start address.
        public nint Address(long key) => (nint)key;
    }

    public void Dispose()
    {
        _launcher.Dispose();
        foreach (var (shadow, _, _) in _globals.Values) NativeMemory.AlignedFree((void*)shadow);
        _launcher.Module.Dispose();
    }
}
