using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Lowering;

/// <summary>
/// The one lowering of an x86-64 <c>asm</c> form: the template and constraints go to LLVM as written (AT&amp;T syntax,
/// operands <c>$N</c>, LLVM's constraint strings), with side effects, as upstream llama.lisp emits its <c>asm</c> form
/// for the host. Several outputs come back as the struct the result type names. Used by the cpu device's functions
/// and by the interpreter's native thunks (<c>Execution/AsmThunkCompiler.cs</c>), so both run the same code.
/// </summary>
internal static class HostAssembly
{
    public static LValue Call(LlvmBuilder builder, TypeLowering types, AsmExpr a, LValue[] arguments)
    {
        var result = a.ReturnType.IsVoid ? types.Context.Void : types.Value(a.ReturnType);
        var type = LlvmContext.Function(result, [.. a.Arguments.Select(x => types.Value(x.Type))]);
        return builder.Call(new LFunction(LlvmContext.InlineAsm(type, a.Template, a.Constraints), type), arguments);
    }
}
