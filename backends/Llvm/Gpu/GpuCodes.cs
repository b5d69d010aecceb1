using Translate.Ir.Diagnostics;

namespace Translate.Backends.Llvm.Gpu;

/// <summary>Diagnostics of the GPU lowerings (NVPTX, AMDGPU): TR06xx.</summary>
public static class GpuCodes
{
    public static readonly DiagnosticCode Unsupported = new("TR0601", Severity.Error, "construct not supported by the GPU backends");
    public static readonly DiagnosticCode NoDeviceMath = new("TR0602", Severity.Error, "math function has no exact GPU implementation here (no libdevice / ocml)");
    public static readonly DiagnosticCode BadArch = new("TR0603", Severity.Error, "unknown GPU architecture");
}
