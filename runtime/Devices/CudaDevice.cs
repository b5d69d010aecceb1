using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.Cuda;
using Translate.Runtime.Gpu;

namespace Translate.Runtime.Devices;

/// <summary>
/// The <c>cuda</c> device: host code runs in the reference interpreter, every kernel launch runs on
/// an NVIDIA GPU as our PTX (backends/Nvptx) through the CUDA driver API in <c>libcuda.so.1</c>
/// (runtime/Cuda). Unavailable, with the reason, when the driver library is absent or finds no GPU.
/// Never executed on a real GPU so far (none where it was written).
/// </summary>
public sealed class CudaDevice : IDevice
{
    public const string DriverLibrary = "libcuda.so.1";

    private readonly Lazy<(CudaSession? Session, string? Reason)> _session = new(() =>
    {
        if (!GpuDriverProbe.Loads(DriverLibrary))
            return (null, $"{DriverLibrary} was not found (no NVIDIA driver on this machine); PTX can still be produced by the nvptx backend");
        try
        {
            return (new CudaSession(), null);
        }
        catch (Exception e) when (e is Cuda.Interop.CudaException or EntryPointNotFoundException)
        {
            return (null, $"{DriverLibrary} is present but no GPU can be used: {e.Message}");
        }
    });

    public string Name => "cuda";
    public string Description => "NVIDIA GPUs: kernels as our PTX through the CUDA driver API; host code in the interpreter";
    public string? UnavailableReason => _session.Value.Reason;

    /// <summary>GPU time of each kernel launch of the latest run.</summary>
    public IReadOnlyList<GpuLaunchResult> LastLaunches { get; private set; } = [];

    public int Run(CheckedModule program, RunOptions options)
    {
        var session = _session.Value.Session ?? throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice,
            new SourceLocation(program.Module.File, 1, 1), $"device 'cuda' is not available: {UnavailableReason}"));
        session.MakeCurrent();
        using var dispatcher = new CudaKernelDispatcher(session, program);
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
