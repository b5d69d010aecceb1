using Translate.Frontend;
using Translate.Frontend.Lifting;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;
using Translate.Runtime.BuildMode;

namespace Translate.Api;

/// <summary>
/// The device code of one CUDA source — its kernels, the device functions they call and its
/// <c>__device__</c>/<c>__constant__</c> variables — lifted as <c>translate build</c> lifts it and loaded
/// on one device, so C# launches the kernels without CUDA host code:
/// <code>
/// using var program = CudaProgram.FromFile("saxpy.cu", device: "cpu");
/// using var x = program.Device.Allocate&lt;float&gt;(xs);
/// program.Kernel("saxpy").Launch((n + 255) / 256, 256, n, 2f, x, y);
/// </code>
/// The host code of the source is not run (a <c>main</c> is ignored). Template kernels are found by their
/// instantiations: those the source's host code launches and its explicit instantiations
/// (<c>template __global__ void scale&lt;float&gt;(float*, int);</c>).
/// </summary>
public sealed class CudaProgram : IDisposable
{
    private readonly IKernelHost _host;
    private readonly bool _ownsDevice;
    private readonly Dictionary<string, Kernel> _kernels = new(StringComparer.Ordinal);
    private bool _disposed;

    private CudaProgram(ComputeDevice device, string source, FrontendResult lifted, CheckedModule deviceCode, IKernelHost host, bool ownsDevice)
    {
        Device = device;
        Source = source;
        _host = host;
        _ownsDevice = ownsDevice;
        DeviceCode = deviceCode;
        Warnings = lifted.Diagnostics.Where(d => d.Severity != Severity.Error).ToList();
        KernelEntries = lifted.Kernels.Where(k => k.Translated && deviceCode.Module.Functions.Any(f => f.Name == k.IrName && f.IsKernel))
            .OrderBy(k => k.Location.Line).ThenBy(k => k.Location.Column).ThenBy(k => k.CudaName, StringComparer.Ordinal)
            .Select(k => new KernelNames(k.IrName, k.CudaName, lifted.LinkNames.GetValueOrDefault(k.IrName)))
            .ToList();
    }

    /// <summary>
    /// Lifts the device code of <paramref name="path"/> and loads it on a device of its own, <paramref name="device"/>
    /// (<see cref="ComputeDevice.Names"/>), disposed with the program. Throws <see cref="TranslateException"/> with the
    /// diagnostics (clang's errors, TR04xx for what the lifter cannot translate exactly, TR0903 for a device that cannot
    /// be opened, TR05xx when the OpenCL device refuses the code).
    /// </summary>
    public static CudaProgram FromFile(string path, string device = "cpu", CudaProgramOptions? options = null) =>
        Load(ComputeDevice.Open(device), path, null, options, ownsDevice: true);

    /// <summary>As <see cref="FromFile"/>, from source text; <paramref name="fileName"/> names it in diagnostics.</summary>
    public static CudaProgram FromSource(string source, string device = "cpu", string fileName = "program.cu", CudaProgramOptions? options = null) =>
        Load(ComputeDevice.Open(device), fileName, source, options, ownsDevice: true);

    internal static CudaProgram Load(ComputeDevice device, string path, string? contents, CudaProgramOptions? options, bool ownsDevice)
    {
        try
        {
            options ??= new CudaProgramOptions();
            var lifted = CudaFrontend.Translate(path, new FrontendOptions
            {
                DeviceOnly = true,
                Contents = contents,
                IncludeDirectories = options.IncludeDirectories,
                Defines = options.Defines,
                LanguageStandard = options.LanguageStandard,
            });
            if (!lifted.Success || lifted.Module is null) throw new TranslateException(lifted.Diagnostics);
            CheckedModule deviceCode;
            IKernelHost host;
            try
            {
                deviceCode = lifted.Checked ?? TypeChecker.Check(lifted.Module);
                host = device.Host(deviceCode);
            }
            catch (DiagnosticException e)
            {
                throw new TranslateException(e.Diagnostics);
            }
            return new CudaProgram(device, path, lifted, deviceCode, host, ownsDevice);
        }
        catch when (ownsDevice)
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>The device the program is loaded on; its buffers are what kernels take as pointers.</summary>
    public ComputeDevice Device { get; }

    /// <summary>The source file (or the name given to source text).</summary>
    public string Source { get; }

    /// <summary>clang's and the lifter's warnings and notes about the source.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>The kernels, by their C++ names (templates with their arguments, e.g. <c>reduceSum&lt;128, int&gt;</c>), in source order.</summary>
    public IReadOnlyList<string> Kernels => KernelEntries.Select(k => k.CppName).ToList();

    internal IReadOnlyList<KernelNames> KernelEntries { get; }

    internal CheckedModule DeviceCode { get; }

    internal IKernelHost Host
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _host;
        }
    }

    /// <summary>
    /// The kernel named <paramref name="name"/>: its C++ name (<c>saxpy</c>, <c>reduceSum&lt;128, int&gt;</c>; spaces
    /// do not matter), its full signature when overloads share a name, its mangled name or its IR name. Throws
    /// <see cref="TranslateException"/> (TR0905) naming the kernels there are when none or several match.
    /// </summary>
    public Kernel Kernel(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_kernels.TryGetValue(name, out var known)) return known;
        var entry = KernelNames.Resolve(KernelEntries, name, Source);
        var kernel = new Kernel(this, entry, DeviceCode.Module.Functions.Single(f => f.Name == entry.IrName && f.IsKernel));
        _kernels[name] = kernel;
        return kernel;
    }

    /// <summary>
    /// A <c>__device__</c> or <c>__constant__</c> variable's storage, read and written in place between launches
    /// (cudaMemcpyToSymbol and FromSymbol without the copy). <typeparamref name="T"/> is its element type: an array
    /// variable gives all its elements. Throws <see cref="ArgumentException"/> when there is no such variable or its
    /// size is not a whole number of <typeparamref name="T"/>.
    /// </summary>
    public unsafe Span<T> Symbol<T>(string name) where T : unmanaged
    {
        var global = DeviceCode.Module.Globals.FirstOrDefault(g => g.Name == name)
            ?? throw new ArgumentException($"{Source} has no __device__ or __constant__ variable '{name}' in its device code", nameof(name));
        long size = DeviceCode.Layout.SizeOf(global.Type);
        if (size % sizeof(T) != 0 || size / sizeof(T) > int.MaxValue)
            throw new ArgumentException($"'{name}' is {size} bytes, not a whole number of {typeof(T).Name} ({sizeof(T)} bytes)", nameof(name));
        nint address = Host.GlobalAddress(name);
        if (address == 0) throw new ArgumentException($"'{name}' is not reachable on {Device.Name}", nameof(name));
        return new Span<T>((void*)address, (int)(size / sizeof(T)));
    }

    /// <summary>Unloads the device code (and closes the device when the program opened it).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _host.Dispose();
        if (_ownsDevice) Device.Dispose();
    }

    public override string ToString() => $"{Path.GetFileName(Source)} on {Device.Name}";
}
