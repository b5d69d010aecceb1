using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Lowering;

internal partial class CpuFunctionLowering
{
    /// <summary>
    /// Inline assembly on the cpu device, lowered by <see cref="HostAssembly"/>. A template the host's assembler
    /// rejects is an error LLVM reports while compiling (<see cref="LlvmContext.ThrowReportedErrors"/>). The CUDA
    /// frontend never produces this form: inline PTX is lifted to ordinary IR.
    /// </summary>
    protected override LValue EmitAsm(AsmExpr a)
    {
        Cpu.FirstAsm ??= a.Location;
        return HostAssembly.Call(B, T, a, [.. a.Arguments.Select(EmitExpr)]);
    }
}
