namespace Translate.Frontend.Ptx;

/// <summary>
/// Why PTX could not be read or translated. An inline template's is TR0410 at the asm statement; a module's is located
/// at <see cref="Line"/>/<see cref="Column"/> of the PTX text when they are known (0 when not).
/// </summary>
internal sealed class PtxException(string message, int line = 0, int column = 0, bool syntax = false) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    /// <summary>The text does not parse (rather than: it parses, and this is not translated).</summary>
    public bool IsSyntax { get; } = syntax;
}

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

/// <summary><c>p|q</c>: the two predicate destinations of <c>setp</c>.</summary>
internal sealed record PtxPair(PtxOperand First, PtxOperand Second) : PtxOperand;

/// <summary><c>(a, b, …)</c>: the return values or arguments of a <c>call</c>.</summary>
internal sealed record PtxList(IReadOnlyList<PtxOperand> Elements) : PtxOperand;

/// <summary><c>name+4</c>: the address of a variable plus a byte offset, outside brackets.</summary>
internal sealed record PtxNameOffset(string Name, long Offset) : PtxOperand;

/// <summary>A statement of a template or function body; <see cref="Line"/> is its line in the PTX text (1-based).</summary>
internal abstract record PtxStatement
{
    public int Line { get; init; }
    public int Column { get; init; }
}

/// <summary>A variable of a state space other than <c>.reg</c> declared inside a function (<c>.shared</c>, <c>.local</c> …).</summary>
internal sealed record PtxVariableDeclaration(PtxVariable Variable) : PtxStatement;

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

/// <summary>
/// A variable: <c>.global .align 4 .b8 name[16] = {…};</c>. <see cref="Space"/> is the state space without its dot
/// (<c>global</c>, <c>shared</c>, <c>const</c>, <c>local</c>, <c>param</c>, <c>reg</c>), <see cref="Type"/> the element
/// type (<c>b8</c>, <c>f32</c> …), <see cref="Vector"/> 1, 2 or 4 (<c>.v4 .f32</c>), <see cref="Dimensions"/> the array
/// lengths in order (null: <c>[]</c>, sized elsewhere — dynamic shared memory), <see cref="Initializer"/> the values as
/// written, flattened in order.
/// </summary>
internal sealed record PtxVariable(string Space, string Type, int Vector, string Name, IReadOnlyList<long?> Dimensions, int Align,
    bool Extern, bool Visible, IReadOnlyList<PtxOperand>? Initializer, int Line, int Column)
{
    /// <summary>Elements of <see cref="Type"/> (vector lanes included) the variable holds; null for <c>[]</c>.</summary>
    public long? ElementCount => Dimensions.Aggregate((long?)Vector, (n, d) => n * d);
}

/// <summary>A <c>.param</c> (or <c>.reg</c>, for <c>.func</c>) parameter or result of a function.</summary>
internal sealed record PtxParameter(string Space, string Type, int Vector, string Name, long? ArrayLength, int Align, string? PointsInto);

/// <summary>
/// A <c>.entry</c> (kernel) or <c>.func</c>: its results and parameters as declared, its body (null for a declaration
/// ending in <c>;</c>, such as <c>.extern .func vprintf</c>), and <c>.reqntid</c>/<c>.maxntid</c> when given.
/// </summary>
internal sealed record PtxFunction(bool IsEntry, string Name, IReadOnlyList<PtxParameter> Results, IReadOnlyList<PtxParameter> Parameters,
    IReadOnlyList<PtxStatement>? Body, bool Extern, bool Visible, IReadOnlyList<long>? RequiredThreads, IReadOnlyList<long>? MaxThreads,
    int Line, int Column);

/// <summary>A PTX module: its <c>.version</c>, <c>.target</c>s, <c>.address_size</c>, and variables and functions in order.</summary>
internal sealed record PtxModule(string? Version, IReadOnlyList<string> Targets, int AddressSize, IReadOnlyList<PtxVariable> Variables,
    IReadOnlyList<PtxFunction> Functions);
