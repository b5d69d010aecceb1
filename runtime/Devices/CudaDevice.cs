using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Runtime.Devices;

/// <summary>
/// NVIDIA GPUs through PTX (backends/Nvptx) and the CUDA driver API in <c>libcuda.so.1</c>. The PTX
/// compiler exists; the driver bindings (cuInit, cuModuleLoadDataEx, cuLaunchKernel, memory) do not yet,
/// so this device is always unavailable and says which of the two reasons applies here.
/// </summary>
public sealed class CudaDevice : IDevice
{
    public const string DriverLibrary = "libcuda.so.1";

    private readonly Lazy<string> _reason = new(() => GpuDriverProbe.Loads(DriverLibrary)
        ? $"{DriverLibrary} is present, but the CUDA driver bindings that would load our PTX and launch it are not built yet"
        : $"{DriverLibrary} was not found (no NVIDIA driver on this machine); PTX can still be produced by the nvptx backend");

    public string Name => "cuda";
    public string Description => "NVIDIA GPUs through PTX and the CUDA driver API";
    public string? UnavailableReason => _reason.Value;

    public int Run(CheckedModule program, RunOptions options) =>
        throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice, new SourceLocation(program.Module.File, 1, 1),
            $"device 'cuda' is not available: {UnavailableReason}"));
}
