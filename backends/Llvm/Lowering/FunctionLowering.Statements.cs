using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;

namespace Translate.Backends.Llvm.Lowering;

public abstract partial class FunctionLowering
{
    protected void EmitBlock(Block b)
    {
        foreach (var s in b.Statements) EmitStatement(s);
    }

    protected virtual void EmitStatement(Stmt s)
    {
        EnsureOpen();
        if (s is not Block) IrLocation = s.Location;
        switch (s)
        {
            case Block b: EmitBlock(b); break;
            case LocStmt l: Source = l.Source; break;
            case DeclareStmt d:
                // Fresh variables start at zero, as on the interpreter (LLVM drops the store when it is overwritten).
                B.Store(LlvmContext.Null(T.Value(d.Symbol.Type)), VariableAddress(d.Symbol), T.AlignOf(d.Symbol.Type));
                break;
            case SetStmt set:
            {
                var v = EmitExpr(set.Value);
                B.Store(v, VariableAddress(set.Symbol), T.AlignOf(set.Symbol.Type));
                break;
            }
            case ExprStmt e: EmitExpr(e.Expression); break;
            case SharedStmt: break;
            case IfStmt i: EmitIf(i); break;
            case WhileStmt w: EmitLoop(null, w.Condition, null, w.Body, testFirst: true); break;
            case DoWhileStmt d: EmitLoop(null, d.Condition, null, d.Body, testFirst: false); break;
            case ForStmt f: EmitLoop(f.Init, f.Condition, f.Step, f.Body, testFirst: true); break;
            case BreakStmt: EmitJump(Breaks[^1], isBreak: true); break;
            case ContinueStmt: EmitJump(Continues[^1], isBreak: false); break;
            case SwitchStmt sw: EmitSwitch(sw); break;
            case ReturnStmt r: EmitReturn(r); break;
            default: throw new InvalidOperationException(s.GetType().Name);
        }
    }

    /// <summary>A jump out of a loop or switch; targets override it for jumps that leave a thread loop.</summary>
    protected virtual void EmitJump(JumpTarget target, bool isBreak) => B.Br(target.Block);

    protected virtual void EmitReturn(ReturnStmt r)
    {
        if (r.Value is null) B.RetVoid();
        else B.Ret(EmitExpr(r.Value));
    }

    private void EmitIf(IfStmt i)
    {
        var cond = EmitExpr(i.Condition);
        var then = NewBlock("then");
        var join = NewBlock("endif");
        var @else = i.Else is null ? join : NewBlock("else");
        B.CondBr(cond, then, @else);
        B.PositionAtEnd(then);
        EmitStatement(i.Then);
        BranchIfOpen(join);
        if (i.Else is not null)
        {
            B.PositionAtEnd(@else);
            EmitStatement(i.Else);
            BranchIfOpen(join);
        }
        B.PositionAtEnd(join);
    }

    /// <summary>for / while / do-while: INIT; head: COND → body → step → head.</summary>
    private void EmitLoop(Stmt? init, Ir.Model.Expr? condition, Stmt? step, Block body, bool testFirst)
    {
        if (init is not null) EmitStatement(init);
        EnsureOpen();
        var head = NewBlock("loop.head");
        var bodyBlock = NewBlock("loop.body");
        var stepBlock = NewBlock("loop.step");
        var exit = NewBlock("loop.exit");
        B.Br(testFirst ? head : bodyBlock);
        B.PositionAtEnd(head);
        if (condition is null) B.Br(bodyBlock);
        else B.CondBr(EmitExpr(condition), bodyBlock, exit);
        B.PositionAtEnd(bodyBlock);
        Breaks.Add(new JumpTarget(exit));
        Continues.Add(new JumpTarget(stepBlock));
        EmitBlock(body);
        Breaks.RemoveAt(Breaks.Count - 1);
        Continues.RemoveAt(Continues.Count - 1);
        BranchIfOpen(stepBlock);
        B.PositionAtEnd(stepBlock);
        if (step is not null) EmitStatement(step);
        BranchIfOpen(head);
        B.PositionAtEnd(exit);
    }

    /// <summary>C's switch: one block per arm in order, each falling into the next unless it breaks.</summary>
    private void EmitSwitch(SwitchStmt sw)
    {
        var value = EmitExpr(sw.Value);
        var type = T.Value(sw.Value.Type);
        var exit = NewBlock("switch.exit");
        var arms = sw.Cases.Select(_ => NewBlock("case")).ToList();
        var cases = new List<(LValue, LBlock)>();
        LBlock @default = exit;
        for (int k = 0; k < sw.Cases.Count; k++)
        {
            if (sw.Cases[k].IsDefault) @default = arms[k];
            foreach (var v in sw.Cases[k].Values)
                cases.Add((LlvmContext.ConstInt(type, unchecked((long)(ulong)(v & ulong.MaxValue))), arms[k]));
        }
        B.Switch(value, @default, cases);
        Breaks.Add(new JumpTarget(exit));
        for (int k = 0; k < arms.Count; k++)
        {
            B.PositionAtEnd(arms[k]);
            EmitBlock(sw.Cases[k].Body);
            BranchIfOpen(k + 1 < arms.Count ? arms[k + 1] : exit);
        }
        Breaks.RemoveAt(Breaks.Count - 1);
        B.PositionAtEnd(exit);
    }
}
