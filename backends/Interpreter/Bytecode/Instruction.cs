namespace Translate.Interpreter.Bytecode;

/// <summary>One bytecode instruction: an opcode and operand fields whose meaning depends on it (see <see cref="OpCode"/>).</summary>
internal struct Instruction(OpCode op, int a = 0, int b = 0, int c = 0, int d = 0, long imm = 0)
{
    public OpCode Op = op;
    public int A = a, B = b, C = c, D = d;
    public long Imm = imm;

    public override readonly string ToString() => $"{Op} {A} {B} {C} {D} #{Imm}";
}
