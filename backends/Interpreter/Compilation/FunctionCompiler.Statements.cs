using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Execution;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Interpreter.Compilation;

internal sealed partial class FunctionCompiler
{
    private void Statement(Stmt s)
    {
        switch (s)
        {
            case Block b:
                foreach (var x in b.Statements) Statement(x);
                break;
            case DeclareStmt:
            case SharedStmt:
                break; // registers and memory homes exist for the whole frame; shared memory per block
            case SetStmt set:
                Assign(set.Symbol, set.Value, set);
                break;
            case IfStmt i:
            {
                var cond = Expression(i.Condition);
                var toElse = EmitJump(OpCode.JumpIfFalse, cond, i.Location);
                Statement(i.Then);
                if (i.Else is null)
                {
                    PatchJump(toElse, Here);
                    break;
                }
                var toEnd = EmitJump(OpCode.Jump, 0, i.Location);
                PatchJump(toElse, Here);
                Statement(i.Else);
                PatchJump(toEnd, Here);
                break;
            }
            case ForStmt f:
            {
                if (f.Init is not null) Statement(f.Init);
                int top = Here;
                int exit = -1;
                if (f.Condition is not null) exit = EmitJump(OpCode.JumpIfFalse, Expression(f.Condition), f.Location);
                var (breaks, continues) = Loop(f.Body);
                int step = Here;
                if (f.Step is not null) Statement(f.Step);
                PatchJump(EmitJump(OpCode.Jump, 0, f.Location), top);
                EndLoop(breaks, continues, exit, step);
                break;
            }
            case WhileStmt w:
            {
                int top = Here;
                int exit = EmitJump(OpCode.JumpIfFalse, Expression(w.Condition), w.Location);
                var (breaks, continues) = Loop(w.Body);
                PatchJump(EmitJump(OpCode.Jump, 0, w.Location), top);
                EndLoop(breaks, continues, exit, top);
                break;
            }
            case DoWhileStmt d:
            {
                int top = Here;
                var (breaks, continues) = Loop(d.Body);
                int test = Here;
                PatchJump(EmitJump(OpCode.JumpIfTrue, Expression(d.Condition), d.Location), top);
                EndLoop(breaks, continues, -1, test);
                break;
            }
            case BreakStmt br:
                _loops.Peek().Breaks.Add(EmitJump(OpCode.Jump, 0, br.Location));
                break;
            case ContinueStmt co:
                ContinueTarget().Add(EmitJump(OpCode.Jump, 0, co.Location));
                break;
            case SwitchStmt sw:
                Switch(sw);
                break;
            case ReturnStmt r:
                if (r.Value is null) Emit(new Instruction(OpCode.Return, b: -1), r.Location);
                else
                {
                    var v = Expression(r.Value);
                    long size = r.Value.Type.IsAggregate ? SizeOf(r.Value.Type) : 0;
                    Emit(new Instruction(OpCode.Return, b: v, imm: size), r.Location);
                }
                break;
            case ExprStmt e:
                Expression(e.Expression);
                break;
            case LocStmt loc:
                Emit(new Instruction(OpCode.SetLoc, imm: AddData(loc.Source)), loc.Location);
                break;
            default:
                throw new InvalidOperationException($"interpreter: unknown statement {s.GetType().Name}");
        }
    }

    private (List<int> Breaks, List<int> Continues) Loop(Block body)
    {
        var frame = (new List<int>(), new List<int>());
        _loops.Push(frame);
        Statement(body);
        _loops.Pop();
        return frame;
    }

    private void EndLoop(List<int> breaks, List<int> continues, int exit, int continueTarget)
    {
        foreach (var c in continues) PatchJump(c, continueTarget);
        foreach (var b in breaks) PatchJump(b, Here);
        if (exit >= 0) PatchJump(exit, Here);
    }

    /// <summary>A continue inside a switch belongs to the enclosing loop: switches push a frame with no continue list.</summary>
    private List<int> ContinueTarget()
    {
        foreach (var (_, continues) in _loops)
            if (continues is not null) return continues;
        throw new InvalidOperationException("continue outside a loop");
    }

    private void Switch(SwitchStmt sw)
    {
        var value = Expression(sw.Value);
        var table = new SwitchTable();
        Emit(new Instruction(OpCode.Switch, b: value, imm: AddData(table)), sw.Location);
        int bits = sw.Value.Type.Bits;
        var frame = (new List<int>(), (List<int>)null!);
        _loops.Push(frame);
        bool hasDefault = false;
        foreach (var arm in sw.Cases)
        {
            foreach (var v in arm.Values) table.Targets[Values.Wrap((long)v, bits)] = Here;
            if (arm.IsDefault)
            {
                table.Default = Here;
                hasDefault = true;
            }
            Statement(arm.Body); // falls through into the next arm, as in C
        }
        _loops.Pop();
        if (!hasDefault) table.Default = Here;
        foreach (var b in frame.Item1) PatchJump(b, Here);
    }

    /// <summary>Stores <paramref name="value"/> into a variable: a register, or its memory home.</summary>
    private void Assign(Symbol symbol, Expr value, Stmt at)
    {
        var v = Expression(value);
        if (symbol.Kind is SymbolKind.Parameter or SymbolKind.Local && !NeedsMemory(symbol))
        {
            if (v != symbol.Index) Emit(new Instruction(OpCode.Move, symbol.Index, v), at.Location);
            return;
        }
        StoreTo(AddressOf(symbol, at.Location), v, symbol.Type, at.Location);
    }

    /// <summary>Writes the value in register <paramref name="value"/> of type <paramref name="type"/> at the address in <paramref name="address"/>.</summary>
    private void StoreTo(int address, int value, IrType type, Ir.Syntax.SourceLocation at)
    {
        if (type.IsAggregate)
            Emit(new Instruction(OpCode.CopyMem, address, value, d: _layout.AlignOf(type), imm: SizeOf(type)), at);
        else
            Emit(new Instruction(OpCode.Store, b: address, c: value, d: ScalarInfo.Of(type).Size), at);
    }
}
