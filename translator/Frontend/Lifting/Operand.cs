using Translate.Frontend.Clang;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// The result of lifting a C++ expression: a value, or a place (an lvalue) that the context reads,
/// writes or takes the address of. Keeping places unread until the context decides is how C++'s
/// implicit lvalue-to-rvalue conversions (which libclang does not expose) become explicit loads.
/// </summary>
internal abstract record Operand(ClangType CType, IrType Type);

/// <summary>A computed value.</summary>
internal sealed record ValueOperand(Expr Value, ClangType CType, IrType Type) : Operand(CType, Type);

/// <summary>A scalar local or parameter kept in a register: read with its name, written with <c>set</c>.</summary>
internal sealed record VariableOperand(string Name, ClangType CType, IrType Type) : Operand(CType, Type);

/// <summary>A place in memory: <see cref="Address"/> points to it.</summary>
internal sealed record MemoryOperand(Expr Address, ClangType CType, IrType Type) : Operand(CType, Type);

/// <summary>
/// A bit-field: <see cref="Width"/> bits at bit <see cref="Shift"/> of the integer <see cref="Container"/> points to (the
/// smallest aligned word holding them), read with shifts and a mask, written by a read-modify-write of that word.
/// </summary>
internal sealed record BitFieldOperand(Expr Container, IrType ContainerType, int Shift, int Width, bool Signed, ClangType CType, IrType Type)
    : Operand(CType, Type);
