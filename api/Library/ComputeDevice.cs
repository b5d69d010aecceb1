using Translate.Backends.Cpu;
using Translate.Backends.Cpu.Execution;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;
using Translate.Runtime.BuildMode;
using Translate.Runtime.Cpu;
using Translate.Runtime.OpenCl;

namespace Translate.Api;

/// <summary>
/// A device kernels run on — <c>cpu</c> (LLVM-compiled, every core), <c>interp</c> (the reference
/// interpreter, which checks every memory access, barrier and warp operation) or <c>opencl</c>
/// (<c>opencl:N</c>, <c>opencl:NAME</c>) — with its memory. The same devices as build-mode executables'
/// <c>TRANSLATE_DEVICE</c>; programs loaded on one device share its buffers.
/// </summary>
public sealed class ComputeDevice : IDisposable
{
    // cudaMalloc's memory, as build mode's runtime keeps it; launches run to completion on the calling thread, so a free
    // waits only for the allocation table.
    private readonly Allocations _memory = new(new Lock());
    private readonly Lazy<OpenClSession>? _openCl;
    private bool _disposed;

    private ComputeDevice(string name)
    {
        Name = name;
        if (BuildModeDevices.IsOpenCl(name)) _openCl = new(() => OpenClSession.Open(name));
    }

    /// <summary>The devices that can be opened: <c>cpu</c>, <c>interp</c>, <c>opencl[:N|:NAME]</c>.</summary>
    public const string Names = BuildModeDevices.Listed;

    /// <summary>
    /// Opens a device by name. Throws <see cref="TranslateException"/> (TR0903) for an unknown name, or when
    /// the device cannot work on this machine (no OpenCL driver, no device of that number).
    /// </summary>
    public static ComputeDevice Open(string name = "cpu")
    {
        if (!BuildModeDevices.Supports(name))
            throw new TranslateException(Codes.UnknownDevice, $"unknown device '{name}': the devices are {Names}");
        var device = new ComputeDevice(name);
        if (device._openCl is { } session)
        {
            try { _ = session.Value; }
            catch (DiagnosticException e) { throw new TranslateException(e.Diagnostics); }
        }
        return device;
    }

    /// <summary>The name it was opened by.</summary>
    public string Name { get; }

    /// <summary>Where <c>printf</c> in kernels writes on <c>cpu</c> and <c>interp</c> (the OpenCL driver writes to the process's standard output itself).</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>A zeroed buffer of <paramref name="length"/> elements.</summary>
    public unsafe DeviceBuffer<T> Allocate<T>(long length) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long bytes = checked(length * sizeof(T));
        nint address = _memory.Allocate(bytes, "Allocate");
        if (address == 0) throw new OutOfMemoryException($"{Name}: {bytes} bytes of device memory cannot be allocated");
        return new DeviceBuffer<T>(this, address, length, null);
    }

    /// <summary>A buffer holding a copy of <paramref name="contents"/>.</summary>
    public DeviceBuffer<T> Allocate<T>(ReadOnlySpan<T> contents) where T : unmanaged
    {
        var buffer = Allocate<T>(contents.Length);
        buffer.CopyFrom(contents);
        return buffer;
    }

    /// <summary>Loads a .cu file's device code on this device (see <see cref="CudaProgram.FromFile"/>).</summary>
    public CudaProgram Load(string path, CudaProgramOptions? options = null) => CudaProgram.Load(this, path, null, options, ownsDevice: false);

    /// <summary>Loads CUDA source text; <paramref name="fileName"/> names it in diagnostics and is where relative includes start.</summary>
    public CudaProgram LoadSource(string source, string fileName = "program.cu", CudaProgramOptions? options = null) =>
        CudaProgram.Load(this, fileName, source, options, ownsDevice: false);

    internal void Free(nint address) => _memory.Free(address);

    /// <summary>The device allocation holding an address (what a kernel's pointer may reach), or null.</summary>
    internal (nint Start, long Size)? Find(nint address) => _memory.Find(address);

    /// <summary>Compiles (or prepares) checked device code for this device; throws <see cref="DiagnosticException"/> when it cannot.</summary>
    internal IKernelHost Host(CheckedModule deviceCode)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_openCl is { } session) return new OpenClKernelHost(deviceCode, session.Value, Find);
        if (Name == "interp") return new InterpKernelHost(deviceCode, Output, Find, _ => false);
        return new CpuKernelHost(deviceCode, Output, KernelCache.DefaultDirectory, CpuCompileOptions.Default);
    }

    /// <summary>Frees every buffer of the device; programs loaded on it must be disposed first.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _memory.FreeAll();
        if (_openCl is { IsValueCreated: true } session) session.Value.Dispose();
    }

    public override string ToString() => Name;
}
