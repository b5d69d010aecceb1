using Translate.Backends.Cpu.Execution;
using Translate.Backends.Llvm.Api;
using Translate.Interpreter.Native;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Runtime.Devices;

/// <summary>
/// The interp device's inline assembler: each x86-64 <c>asm</c> form becomes a native thunk through the cpu device's own
/// lowering of the form (<see cref="AsmThunkCompiler"/>, LLVM 19). Where LLVM 19 is missing, or its assembler rejects
/// the template (PTX, or any other instruction set), it says so and the interpreter reports TR0904 with that reason.
/// </summary>
internal sealed class HostInlineAssembler : IInlineAssembler, IDisposable
{
    private readonly AsmThunkCompiler _compiler = new();

    public nint Compile(AsmExpr asm, TypeLayout layout, out string reason)
    {
        reason = "";
        if (AsmThunkCompiler.UnavailableReason is { } missing)
        {
            reason = $"it runs as native code compiled by LLVM 19, which is {missing}";
            return 0;
        }
        try
        {
            return _compiler.Compile(asm, layout);
        }
        catch (LlvmException e)
        {
            reason = $"the host's assembler rejects it (written for another instruction set?): {e.Message}";
            return 0;
        }
    }

    public void Dispose() => _compiler.Dispose();
}
