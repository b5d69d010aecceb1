using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

internal sealed partial class FunctionEmitter
{
    private void Statement(Stmt s)
    {
        // Code after a return, break or continue in the same block is unreachable: not emitted.
        if (_terminated) return;
        try { StatementCore(s); }
        catch (SpirVUnsupported ex) when (s is not Block and not IfStmt and not ForStmt and not WhileStmt and not DoWhileStmt and not SwitchStmt)
        {
            throw new SpirVLocatedException(s.Location, ex.Message);
        }
    }

    private void StatementCore(Stmt s)
    {
        switch (s)
        {
            case Block b:
                foreach (var x in b.Statements) Statement(x);
                break;
            case DeclareStmt or SharedStmt or LocStmt:
                break;
            case SetStmt set:
                Store(Local(set.Symbol), set.Symbol.Type.IsBool ? ToByte(Expression(set.Value)) : Expression(set.Value));
                break;
            case ExprStmt e:
                Expression(e.Expression);
                break;
            case ReturnStmt r:
                if (r.Value is null) Inst(Op.Return);
                else Inst(Op.ReturnValue, Expression(r.Value));
                _terminated = true;
                break;
            case IfStmt i:
                If(Expression(i.Condition), () => Statement(i.Then), i.Else is null ? null : () => Statement(i.Else));
                break;
            case WhileStmt w:
                Loop(w.Condition, w.Body, null, testFirst: true);
                break;
            case ForStmt f:
                if (f.Init is not null) Statement(f.Init);
                Loop(f.Condition, f.Body, f.Step, testFirst: true);
                break;
            case DoWhileStmt d:
                Loop(d.Condition, d.Body, null, testFirst: false);
                break;
            case BreakStmt:
                Branch(_targets.Peek().Break);
                break;
            case ContinueStmt:
                Branch(_targets.Peek().Continue != 0 ? _targets.Peek().Continue
                    : _targets.First(t => t.Continue != 0).Continue);
                break;
            case SwitchStmt sw:
                Switch(sw);
                break;
            default:
                throw new SpirVUnsupported($"statement {s.GetType().Name}");
        }
    }

    /// <summary>A selection construct; both arms fall through to the merge block unless they end in a jump.</summary>
    private void If(uint condition, Action then, Action? @else)
    {
        uint thenLabel = _m.NewId(), merge = _m.NewId();
        uint elseLabel = @else is null ? merge : _m.NewId();
        Inst(Op.SelectionMerge, merge, (uint)SelectionControl.None);
        Inst(Op.BranchConditional, condition, thenLabel, elseLabel);
        Label(thenLabel);
        then();
        Branch(merge);
        if (@else is not null)
        {
            Label(elseLabel);
            @else();
            Branch(merge);
        }
        Label(merge);
    }

    /// <summary>
    /// header: OpLoopMerge, branch to the test (or body); test: branch to body or merge; body; continue
    /// target: the step, then the back edge (do-while: the test is in the continue target).
    /// </summary>
    private void Loop(Expr? condition, Block body, Stmt? step, bool testFirst)
    {
        uint header = _m.NewId(), test = _m.NewId(), bodyLabel = _m.NewId(), cont = _m.NewId(), merge = _m.NewId();
        Branch(header);
        Label(header);
        Inst(Op.LoopMerge, merge, cont, (uint)LoopControl.None);
        Branch(testFirst ? test : bodyLabel);
        if (testFirst)
        {
            Label(test);
            if (condition is null) Branch(bodyLabel);
            else { Inst(Op.BranchConditional, Expression(condition), bodyLabel, merge); _terminated = true; }
        }
        Label(bodyLabel);
        _targets.Push((merge, cont));
        Statement(body);
        _targets.Pop();
        Branch(cont);
        Label(cont);
        if (step is not null) Statement(step);
        if (testFirst || condition is null) Branch(header);
        else { Inst(Op.BranchConditional, Expression(condition), header, merge); _terminated = true; }
        Label(merge);
    }

    /// <summary>C's switch: OpSwitch to one block per arm, each falling into the next unless it breaks.</summary>
    private void Switch(SwitchStmt sw)
    {
        uint value = Expression(sw.Value);
        int bits = sw.Value.Type.Bits;
        uint merge = _m.NewId();
        var labels = sw.Cases.Select(_ => _m.NewId()).ToList();
        int defaultIndex = sw.Cases.ToList().FindIndex(c => c.IsDefault);
        var operands = new List<uint> { value, defaultIndex >= 0 ? labels[defaultIndex] : merge };
        for (int i = 0; i < sw.Cases.Count; i++)
            foreach (var v in sw.Cases[i].Values)
            {
                ulong u = (ulong)(v & (bits == 64 ? ulong.MaxValue : (Int128)((1UL << bits) - 1)));
                operands.Add((uint)u);
                if (bits == 64) operands.Add((uint)(u >> 32));
                operands.Add(labels[i]);
            }
        Inst(Op.SelectionMerge, merge, (uint)SelectionControl.None);
        Inst(Op.Switch, [.. operands]);
        _terminated = true;
        _targets.Push((merge, 0));
        for (int i = 0; i < sw.Cases.Count; i++)
        {
            Branch(labels[i]);  // fall-through from the arm before
            Label(labels[i]);
            Statement(sw.Cases[i].Body);
        }
        _targets.Pop();
        Branch(merge);
        Label(merge);
    }

    /// <summary>C's short-circuit and conditional operators: a temporary, written in one arm of a selection.</summary>
    private uint Choose(Expr condition, Func<uint> ifTrue, Func<uint> ifFalse, IrType type, StorageClass pointerClass)
    {
        uint t = Types.Of(type, pointerClass);
        uint tmp = NewVariable(t, null);
        If(Expression(condition), () => Store(tmp, ifTrue()), () => Store(tmp, ifFalse()));
        return type is PointerType ? Pointer(Op.Load, t, pointerClass, tmp) : Value(Op.Load, t, tmp);
    }

    /// <summary>
    /// <c>for (i = 0; i &lt; count; i++) body(i)</c> as a structured loop (header with OpLoopMerge, test, body, continue
    /// target), i a Function variable of <paramref name="bits"/> bits compared unsigned; <paramref name="body"/> gets i's value.
    /// </summary>
    private void CountedLoop(int bits, uint count, string name, Action<uint> body)
    {
        uint type = _m.TypeInt(bits);
        uint i = NewVariable(type, name);
        Store(i, _m.ConstInt(bits, 0));
        uint header = _m.NewId(), test = _m.NewId(), bodyLabel = _m.NewId(), cont = _m.NewId(), merge = _m.NewId();
        Branch(header);
        Label(header);
        Inst(Op.LoopMerge, merge, cont, (uint)LoopControl.None);
        Branch(test);
        Label(test);
        Inst(Op.BranchConditional, Value(Op.ULessThan, _m.TypeBool(), Value(Op.Load, type, i), count), bodyLabel, merge);
        _terminated = true;
        Label(bodyLabel);
        body(Value(Op.Load, type, i));
        Branch(cont);
        Label(cont);
        Store(i, Value(Op.IAdd, type, Value(Op.Load, type, i), _m.ConstInt(bits, 1)));
        Branch(header);
        Label(merge);
    }
}

/// <summary>A construct this backend does not lower, with where it is.</summary>
internal sealed class SpirVLocatedException(Ir.Syntax.SourceLocation location, string message) : Exception(message)
{
    public Ir.Syntax.SourceLocation Location { get; } = location;
}
