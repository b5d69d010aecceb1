using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Memory;
using Translate.Interpreter.Native;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Compilation;

internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// Inline assembly: the interpreter has no instruction set, so the run's <see cref="IInlineAssembler"/> compiles
    /// the form, once, into a native thunk, called where the form is evaluated as a native function is
    /// (<see cref="NativeAssembly"/>). A form that cannot be compiled (no LLVM, a template that is not host assembly,
    /// an operand shape native code cannot take) is TR0904 when reached, with the reason.
    /// </summary>
    private int InlineAssembly(AsmExpr a)
    {
        const string Refused = "inline assembly cannot run on the interpreter (device 'interp')";
        if (_program.Assembler is not { } assembler)
            return Unsupported($"{Refused}: this run has no assembler for the host (the interp device has one where LLVM 19 is installed)", a);
        var operands = a.Arguments.Select(x => x.Type).ToArray();
        NativeAssembly native;
        try
        {
            nint thunk = assembler.Compile(a, _layout, out var reason);
            if (thunk == 0) return Unsupported($"{Refused}: {reason}", a);
            native = new NativeAssembly(thunk, a.ReturnType, operands, _layout);
        }
        catch (RuntimeError e)
        {
            return Unsupported($"{Refused}: {e.Message}", a);
        }
        var args = a.Arguments.Select(Expression).ToList();
        var types = operands.ToList();
        int dest = a.ReturnType.IsVoid ? -1 : a.ReturnType.IsAggregate ? NewTemporary(a.ReturnType) : NewRegister();
        if (a.ReturnType.IsAggregate)
        {
            // The thunk's result is copied into a temporary of the frame, whose address is the form's value.
            args.Insert(0, dest);
            types.Insert(0, new PointerType(a.ReturnType, 0));
        }
        var signature = new ExternalFunction("asm", ExternalKind.Native, a.ReturnType, types);
        Emit(new Instruction(OpCode.CallExternal, imm: AddData(new ExternalSite(signature, native.Call, [.. args], [.. types], dest))), a.Location);
        return dest;
    }
}
