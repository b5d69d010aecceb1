using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Lowering;

internal partial class CpuFunctionLowering
{
    /// <summary>
    /// Inline assembly on the cpu device: the template and constraints go to LLVM as written (AT&amp;T syntax, operands
    /// <c>$N</c>, LLVM's constraint strings), with side effects, as upstream llama.lisp emits its <c>asm</c> form for the
    /// host. Several outputs come back as the struct the result type names. A template the host's assembler rejects is
    /// an error LLVM reports while compiling (<see cref="LlvmContext.ThrowReportedErrors"/>). The CUDA frontend never
    /// produces this form: inline PTX is lifted to ordinary IR.
    /// </summary>
    protected override LValue EmitAsm(AsmExpr a)
    {
        Cpu.FirstAsm ??= a.Location;
        var arguments = a.Arguments.Select(EmitExpr).ToArray();
        var type = LlvmContext.Function(a.ReturnType.IsVoid ? C.Void : T.Value(a.ReturnType), [.. a.Arguments.Select(x => T.Value(x.Type))]);
        return B.Call(new LFunction(LlvmContext.InlineAsm(type, a.Template, a.Constraints), type), arguments);
    }
}
