using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Interpreter.Native;

/// <summary>
/// Turns an inline-assembly form into native code the interpreter can call (it has no instruction set of its own).
/// Given by whoever starts the interpreter — the interp device passes one built on the cpu backend's LLVM lowering
/// when LLVM 19 is here — so the interpreter itself never depends on LLVM.
/// </summary>
public interface IInlineAssembler
{
    /// <summary>
    /// The address of <c>void thunk(ptr result, ARG...)</c>, which runs <paramref name="asm"/> once with its operands
    /// passed as C passes them and stores its result (laid out by <paramref name="layout"/>; nothing for void) at
    /// <c>result</c>; or 0, with <paramref name="reason"/> saying why it cannot (no LLVM, not host assembly).
    /// </summary>
    nint Compile(AsmExpr asm, TypeLayout layout, out string reason);
}
