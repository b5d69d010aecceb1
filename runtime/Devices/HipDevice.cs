using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Runtime.Devices;

/// <summary>
/// AMD GPUs through AMDGPU code objects (backends/Amdgpu) and HIP's module API in <c>libamdhip64.so</c>.
/// The code-object compiler exists; the HIP bindings (hipModuleLoadData, hipModuleLaunchKernel,
/// memory) do not yet, so this device is always unavailable and says which reason applies here.
/// </summary>
public sealed class HipDevice : IDevice
{
    public const string RuntimeLibrary = "libamdhip64.so";

    private readonly Lazy<string> _reason = new(() => GpuDriverProbe.Loads(RuntimeLibrary)
        ? $"{RuntimeLibrary} is present, but the HIP bindings that would load our code object and launch it are not built yet"
        : $"{RuntimeLibrary} was not found (no ROCm/HIP runtime on this machine); code objects can still be produced by the amdgpu backend");

    public string Name => "hip";
    public string Description => "AMD GPUs through AMDGPU code objects and HIP";
    public string? UnavailableReason => _reason.Value;

    public int Run(CheckedModule program, RunOptions options) =>
        throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice, new SourceLocation(program.Module.File, 1, 1),
            $"device 'hip' is not available: {UnavailableReason}"));
}
