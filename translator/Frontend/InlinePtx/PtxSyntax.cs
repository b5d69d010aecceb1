namespace Translate.Frontend.InlinePtx;

/// <summary>Why a PTX template could not be read or translated; the lifter reports it as TR0410 at the asm statement.</summary>
internal sealed class PtxException(string message) : Exception(message);

/// <summary>One operand of a PTX instruction, after the asm statement's operands are substituted.</summary>
internal abstract record PtxOperand;

/// <summary><c>%N</c> of the asm statement: the C++ operand number N (outputs first, then inputs).</summary>
internal sealed record PtxOperandRef(int Index) : PtxOperand;

/// <summary>A register named in the template: a local <c>.reg</c>, or a special register such as <c>%laneid</c>.</summary>
internal sealed record PtxRegister(string Name) : PtxOperand;

/// <summary><c>_</c>: a destination whose value is dropped.</summary>
internal sealed record PtxSink : PtxOperand;

/// <summary>An integer immediate (decimal, hex, octal, binary; negative allowed).</summary>
internal sealed record PtxInteger(long Value) : PtxOperand;

/// <summary>A floating immediate: <c>0fXXXXXXXX</c> (float bits), <c>0dXXXXXXXXXXXXXXXX</c> (double bits) or decimal.</summary>
internal sealed record PtxFloat(double Value, bool IsSingle) : PtxOperand;

/// <summary><c>{a, b, …}</c>: a vector of registers (packing with mov, the elements of ld/st .v2/.v4).</summary>
internal sealed record PtxVector(IReadOnlyList<PtxOperand> Elements) : PtxOperand;

/// <summary><c>[base]</c>, <c>[base+offset]</c>: an address.</summary>
internal sealed record PtxAddress(PtxOperand Base, long Offset) : PtxOperand;

/// <summary><c>!p</c>: a negated predicate operand.</summary>
internal sealed record PtxNot(PtxOperand Operand) : PtxOperand;

/// <summary>A statement of the template.</summary>
internal abstract record PtxStatement;

/// <summary><c>.reg .TYPE a, b&lt;2&gt;;</c> inside braces: register names local to the enclosing block.</summary>
internal sealed record PtxRegisterDeclaration(string Type, IReadOnlyList<string> Names) : PtxStatement;

/// <summary><c>{ … }</c>: a scope for register declarations.</summary>
internal sealed record PtxBlock(IReadOnlyList<PtxStatement> Statements) : PtxStatement;

/// <summary><c>NAME:</c>.</summary>
internal sealed record PtxLabel(string Name) : PtxStatement;

/// <summary>
/// <c>@p op.mod1.mod2 d, a, b;</c>: <see cref="Opcode"/> is <c>op</c>, <see cref="Modifiers"/> the dotted
/// parts in order (<c>mod1</c>, <c>mod2</c>, without dots); <see cref="Guard"/> the predicate, if any.
/// </summary>
internal sealed record PtxInstruction(string Opcode, IReadOnlyList<string> Modifiers, IReadOnlyList<PtxOperand> Operands,
    PtxOperand? Guard, bool GuardNegated) : PtxStatement
{
    /// <summary>The instruction as written (opcode with modifiers), for diagnostics.</summary>
    public string Spelling => Modifiers.Count == 0 ? Opcode : Opcode + "." + string.Join('.', Modifiers);
}
