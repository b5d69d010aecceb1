namespace Translate.Interpreter.Bytecode;

/// <summary>
/// Instructions of the register bytecode. Registers are <c>long</c>: integers sign-extended from
/// their width, bool 0/1, float/double/half/bfloat16 as their bit patterns (sign-extended), pointers
/// as <see cref="Memory.Heap"/> pointers, and aggregate values as a pointer to the memory that holds them.
/// Operand fields are described per opcode: A is the destination unless said otherwise.
/// </summary>
internal enum OpCode : byte
{
    /// <summary>A = Imm.</summary>
    Const,
    /// <summary>A = B.</summary>
    Move,
    /// <summary>Integer ops: A = B op C, wrapped to D bits.</summary>
    Add, Sub, Mul, Div, Rem, UDiv, URem, Shl, LShr, AShr, And, Or, Xor,
    /// <summary>Integer compares of D-bit values: A = B cmp C (0/1).</summary>
    Eq, Ne, Lt, Gt, Le, Ge, ULt, UGt, ULe, UGe,
    /// <summary>Float ops on float kind D (see <see cref="FloatKind"/>).</summary>
    FAdd, FSub, FMul, FDiv, FRem, FEq, FNe, FUne, FLt, FGt, FLe, FGe,
    /// <summary>A = ~B wrapped to D bits (D = 1: logical not).</summary>
    Not,
    /// <summary>A = -B for float kind D.</summary>
    FNeg,
    /// <summary>A = cast of B; Imm indexes a <see cref="CastInfo"/>.</summary>
    Cast,
    /// <summary>A = load D bytes at B (sign-extended); LoadBool gives 0/1.</summary>
    Load, LoadBool,
    /// <summary>Store D bytes of C at B.</summary>
    Store,
    /// <summary>Copy Imm bytes from B to A (A and B are registers holding pointers); D = alignment.</summary>
    CopyMem,
    /// <summary>A = B + C * Imm (pointer arithmetic, C any integer).</summary>
    PtrAdd,
    /// <summary>A = B + Imm.</summary>
    AddImm,
    /// <summary>pc = Imm.</summary>
    Jump,
    /// <summary>if B == 0 then pc = Imm.</summary>
    JumpIfFalse,
    /// <summary>if B != 0 then pc = Imm.</summary>
    JumpIfTrue,
    /// <summary>Jump table: B is the value, Imm indexes a <see cref="SwitchTable"/>.</summary>
    Switch,
    /// <summary>A = C != 0 ? B : D... encoded as A = (select cond=B) C : D.</summary>
    Select,
    /// <summary>Call a module function: Imm indexes a <see cref="CallSite"/>.</summary>
    Call,
    /// <summary>Call an external function: Imm indexes an <see cref="ExternalSite"/>.</summary>
    CallExternal,
    /// <summary>Return B (B = -1: no value); Imm = size of an aggregate result to copy (0 for scalars).</summary>
    Return,
    /// <summary>A = fresh stack memory of B * Imm bytes aligned to D.</summary>
    Alloc,
    /// <summary>A = special register D (see <see cref="Ir.Model.SpecialRegister"/>).</summary>
    Special,
    /// <summary>A = address of shared variable slot Imm in the current block.</summary>
    SharedAddress,
    /// <summary>Note the CUDA source location Imm (index into the function's data).</summary>
    SetLoc,
    /// <summary>Block barrier of kind D with predicate B (or -1), result to A.</summary>
    Barrier,
    /// <summary>Grid barrier (<c>(grid-sync)</c>): every live thread of a cooperative launch waits.</summary>
    GridBarrier,
    /// <summary>Warp collective: Imm indexes a <see cref="WarpSite"/>.</summary>
    Warp,
    /// <summary>A = lanes of the warp that have not exited.</summary>
    ActiveMask,
    /// <summary>A = the clock: nanoseconds of a monotonic timer.</summary>
    Clock,
    /// <summary>Atomic operation: Imm indexes an <see cref="AtomicSite"/>.</summary>
    Atomic,
    /// <summary>Math operation: Imm indexes a <see cref="MathSite"/>.</summary>
    Math,
    /// <summary>Kernel launch: Imm indexes a <see cref="LaunchSite"/>.</summary>
    Launch,
    /// <summary>Stop with TR0311.</summary>
    Trap,
    /// <summary>Stop with a "not supported" error; Imm indexes the message.</summary>
    Unsupported,
    /// <summary>Nothing (fences: a sequential interpreter orders every access already).</summary>
    Nop,
}
