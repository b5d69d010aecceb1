using Translate.Interpreter;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl;
using Interop = Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.Devices;

/// <summary>
/// The <c>opencl</c> device: host code runs in the reference interpreter, every kernel launch runs as
/// OpenCL C on an OpenCL device (PoCL here). Selection: <c>opencl</c> (the first device),
/// <c>opencl:N</c> (by index), <c>opencl:NAME</c> (by platform, vendor or device name, e.g. <c>opencl:pocl</c>).
/// </summary>
public sealed class OpenClDevice(string selector = "opencl") : IDevice
{
    private readonly Lazy<(OpenClSession? Session, string? Reason)> _session = new(() =>
    {
        try
        {
            var (device, reason) = OpenClDeviceSelector.Select(selector);
            return device is null ? (null, reason) : (new OpenClSession(device), null);
        }
        catch (Interop.OpenClException e)
        {
            return (null, e.Message);
        }
    });

    public string Name => selector;

    public string Description => "OpenCL C on an OpenCL device (PoCL here); host code in the interpreter";

    public string? UnavailableReason => _session.Value.Reason;

    /// <summary>Device time of each kernel launch of the latest run.</summary>
    public IReadOnlyList<LaunchResult> LastLaunches { get; private set; } = [];

    /// <summary>The same device family with a selector suffix: <c>opencl:1</c>, <c>opencl:pocl</c>.</summary>
    public OpenClDevice WithSelector(string name) => new(name);

    public int Run(CheckedModule program, RunOptions options)
    {
        var session = _session.Value.Session ?? throw new InvalidOperationException($"device '{Name}' is unavailable: {UnavailableReason}");
        using var dispatcher = new OpenClKernelDispatcher(session, program);
        try
        {
            return IrInterpreter.Run(program, options.Arguments, options.Stdout, options.Stderr, options.ProgramName, dispatcher).ExitCode;
        }
        finally
        {
            LastLaunches = dispatcher.Launches.ToList();
            foreach (var w in dispatcher.Module.TakeRuntimeWarnings()) options.Stderr.WriteLine(w);
        }
    }
}
