using Translate.Ir.Diagnostics;

namespace Translate.Backends.Llvm.Gpu;

/// <summary>The GPU lowerings' diagnostics (TR08xx), named for use inside the GPU backends; the codes live in <see cref="Codes"/>.</summary>
public static class GpuCodes
{
    public static readonly DiagnosticCode Unsupported = Codes.GpuUnsupported;
    public static readonly DiagnosticCode NoDeviceMath = Codes.GpuNoDeviceMath;
    public static readonly DiagnosticCode BadArch = Codes.GpuBadArch;
}
