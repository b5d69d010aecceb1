using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.Gpu;

namespace Translate.Runtime.Devices;

/// <summary>
/// A GPU device (<c>cuda</c>, <c>hip</c>): host code runs in the reference interpreter, every kernel
/// launch runs on the GPU through <see cref="GpuKernelDispatcher"/> and the device's
/// <see cref="IGpuDriver"/>, opened at first use. Unavailable, with the reason, when the API's library
/// is absent or finds no usable GPU.
/// </summary>
public abstract class GpuDevice : IDevice
{
    private readonly Lazy<(IGpuDriver? Driver, string? Reason)> _driver;

    protected GpuDevice(string name, string description)
    {
        Name = name;
        Description = description;
        _driver = new(Open);
    }

    /// <summary>The device's driver, or why there is none on this machine.</summary>
    protected abstract (IGpuDriver? Driver, string? Reason) Open();

    /// <summary>
    /// The driver <paramref name="open"/> makes from <paramref name="library"/>, which loads here; or why none: the API
    /// found no GPU it can use, or the library lacks a call we bind.
    /// </summary>
    protected static (IGpuDriver? Driver, string? Reason) OpenDriver(string library, Func<IGpuDriver> open)
    {
        try
        {
            return (open(), null);
        }
        catch (Exception e) when (e is GpuApiException or EntryPointNotFoundException or DllNotFoundException)
        {
            return (null, $"{library} is present but no GPU can be used: {e.Message}");
        }
    }

    public string Name { get; }
    public string Description { get; }
    public string? UnavailableReason => _driver.Value.Reason;

    /// <summary>GPU time of each kernel launch of the latest run.</summary>
    public IReadOnlyList<GpuLaunchResult> LastLaunches { get; private set; } = [];

    public int Run(CheckedModule program, RunOptions options)
    {
        var driver = _driver.Value.Driver ?? throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice,
            new SourceLocation(program.Module.File, 1, 1), $"device '{Name}' is not available: {UnavailableReason}"));
        driver.MakeCurrent();
        using var dispatcher = new GpuKernelDispatcher(driver, program);
        try
        {
            return IrInterpreter.Run(program, options.Arguments, options.Stdout, options.Stderr, options.ProgramName, dispatcher).ExitCode;
        }
        finally
        {
            LastLaunches = dispatcher.Launches.ToList();
        }
    }
}
