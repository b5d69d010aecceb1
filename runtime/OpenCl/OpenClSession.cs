using Translate.Backends.OpenCl;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// One OpenCL device in use: a context and queue, the program cache, and buffer allocation. Compile
/// modules with <see cref="Load"/>, allocate with <see cref="Allocate"/>, launch through the returned
/// <see cref="OpenClModule"/>.
/// </summary>
public sealed class OpenClSession : IDisposable
{
    private readonly List<OpenClModule> _modules = [];

    public OpenClSession(ClDevice device, string? cacheDirectory = null)
    {
        Device = device;
        Context = new ClContext(device);
        Cache = new ProgramCache(Context, cacheDirectory);
        Target = new OpenClTarget(
            Fp64: device.HasExtension("cl_khr_fp64"),
            Fp16: device.HasExtension("cl_khr_fp16"),
            Int64Atomics: device.HasExtension("cl_khr_int64_base_atomics"),
            CorrectlyRoundedDivideSqrt: device.CorrectlyRoundedDivideSqrt,
            PointerOffsets: true);
    }

    /// <summary>Opens the device a name selects (<c>opencl</c>, <c>opencl:1</c>, <c>opencl:pocl</c>).</summary>
    public static OpenClSession Open(string deviceName = "opencl")
    {
        var (device, reason) = OpenClDeviceSelector.Select(deviceName);
        if (device is null)
            throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice, SourceLocation.None, $"OpenCL device '{deviceName}' is unavailable: {reason}"));
        return new OpenClSession(device);
    }

    public ClDevice Device { get; }
    public ClContext Context { get; }
    public ProgramCache Cache { get; }

    /// <summary>The emitter features this device offers.</summary>
    public OpenClTarget Target { get; }

    /// <summary>
    /// Emits and builds a module's kernels. Emitter errors and compiler errors are thrown as
    /// <see cref="DiagnosticException"/> (TR05xx); compiler warnings are in <see cref="OpenClModule.Warnings"/>.
    /// </summary>
    public OpenClModule Load(CheckedModule module)
    {
        var program = OpenClEmitter.Compile(module, Target);
        if (program.HasErrors) throw new DiagnosticException(program.Diagnostics);
        ClProgram built;
        try { built = Cache.Get(program.Source, program.BuildOptions); }
        catch (ClBuildException e)
        {
            throw new DiagnosticException(new Diagnostic(Codes.OpenClBuildFailed, new SourceLocation(module.Module.File, 0, 0),
                $"{Device.Name} rejected the emitted OpenCL C:\n{e.Log}"));
        }
        var warnings = program.Diagnostics.ToList();
        if (!string.IsNullOrWhiteSpace(built.BuildLog) && built.BuildLog.Contains("warning", StringComparison.OrdinalIgnoreCase))
            warnings.Add(new Diagnostic(Codes.OpenClBuildWarning, new SourceLocation(module.Module.File, 0, 0), built.BuildLog));
        var loaded = new OpenClModule(this, module, program, built, warnings);
        _modules.Add(loaded);
        return loaded;
    }

    /// <summary>
    /// Builds a SPIR-V module (e.g. from the SPIR-V backend) with <c>clCreateProgramWithIL</c>, as the
    /// device reports an IL version; OpenCL C through <see cref="Load"/> is the path otherwise. Devices with no
    /// SPIR-V ingestion (PoCL 3.1 here) get TR0509 with the reason, so callers fall back to <see cref="Load"/>.
    /// </summary>
    public ClProgram LoadSpirv(ReadOnlySpan<byte> spirv, string options = "")
    {
        if (!Device.AcceptsSpirv)
            throw new DiagnosticException(new Diagnostic(Codes.OpenClNoSpirv, SourceLocation.None,
                $"{Device.Name} reports no intermediate language (CL_DEVICE_IL_VERSION is empty), so it cannot load SPIR-V; use OpenCL C"));
        try { return Context.BuildFromSpirv(spirv, options); }
        catch (ClBuildException e)
        {
            throw new DiagnosticException(new Diagnostic(Codes.OpenClBuildFailed, SourceLocation.None, $"{Device.Name} rejected the SPIR-V module:\n{e.Log}"));
        }
    }

    /// <summary>Whether <see cref="LoadSpirv"/> can be used on this device.</summary>
    public bool PrefersSpirv => Device.AcceptsSpirv;

    /// <summary>A device buffer of <paramref name="bytes"/> bytes, zero-filled.</summary>
    public ClBuffer Allocate(long bytes)
    {
        var b = Context.CreateBuffer(bytes);
        b.Fill(0, 0, Math.Max(1, bytes));
        return b;
    }

    public void Dispose()
    {
        foreach (var m in _modules) m.Dispose();
        Context.Dispose();
    }
}
