using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.Gpu;
using Translate.Runtime.Hip;
using Translate.Runtime.Hip.Interop;

namespace Translate.Runtime.Devices;

/// <summary>
/// The <c>hip</c> device: host code runs in the reference interpreter, every kernel launch runs on
/// an AMD GPU as our code object (backends/Amdgpu, built for the device's gfx architecture) through
/// HIP's module API in <c>libamdhip64.so</c> (runtime/Hip). Unavailable, with the reason, when the
/// runtime library is absent or finds no usable GPU. Never executed on an AMD GPU so far.
/// </summary>
public sealed class HipDevice : IDevice
{
    public const string RuntimeLibrary = "libamdhip64.so";

    private readonly Lazy<(HipSession? Session, string? Reason)> _session = new(() =>
    {
        if (HipLibrary.Find() is not { } library)
            return (null, $"{RuntimeLibrary} was not found (no ROCm/HIP runtime on this machine; tried {string.Join(", ", HipLibrary.Candidates)}); code objects can still be produced by the amdgpu backend");
        try
        {
            return (new HipSession(), null);
        }
        catch (Exception e) when (e is HipException or EntryPointNotFoundException)
        {
            return (null, $"{library} is present but no GPU can be used: {e.Message}");
        }
    });

    public string Name => "hip";
    public string Description => "AMD GPUs: kernels as our AMDGPU code objects through HIP's module API; host code in the interpreter";
    public string? UnavailableReason => _session.Value.Reason;

    /// <summary>GPU time of each kernel launch of the latest run.</summary>
    public IReadOnlyList<GpuLaunchResult> LastLaunches { get; private set; } = [];

    public int Run(CheckedModule program, RunOptions options)
    {
        var session = _session.Value.Session ?? throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice,
            new SourceLocation(program.Module.File, 1, 1), $"device 'hip' is not available: {UnavailableReason}"));
        session.MakeCurrent();
        using var dispatcher = new HipKernelDispatcher(session, program);
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
