using Translate.Backends.OpenCl.Syntax;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Transformations;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

internal sealed partial class FunctionEmitter
{
    private void Statements(IReadOnlyList<Stmt> statements)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            // (declare x T) (set x E) reads as one C declaration: T x = E;
            if (statements[i] is DeclareStmt d && i + 1 < statements.Count && statements[i + 1] is SetStmt s
                && ReferenceEquals(s.Symbol, d.Symbol) && d.Type is not ArrayType)
            {
                var value = Expr(s.Value);
                _w.Line($"{DeclareLocal(d.Symbol)} = {value};");
                i++;
                continue;
            }
            Stmt(statements[i]);
        }
    }

    /// <summary>Declares a local, choosing its C name now, and returns the declaration without the semicolon.</summary>
    private string DeclareLocal(Symbol sym)
    {
        string name = _names.Declare(sym.Name);
        _symbolNames[sym] = name;
        var declaration = Types.Declare(sym.Type, name, null, sym.Type is PointerType ? _inst.SpaceOf(sym) : null, inMemory: sym.NeedsMemory && sym.Type.IsBool);
        // PoCL 3.1's work-group compiler gave every work-item one work-item's copy of this flag where a branch
        // on it after a loop holding barriers loads local memory (all took the exited path); volatile keeps
        // each work-item's own (tests/programs/returnBeforeBarriers.cu, shrinkingSums).
        // The same compiler shares a loop's values across a barrier unless volatile (LoopValuesAcrossBarriers).
        return sym.Name.StartsWith(ExitedWorkItems.Flag, StringComparison.Ordinal) || _volatileLocals.Contains(sym)
            ? "volatile " + declaration : declaration;
    }

    private void Stmt(Stmt s)
    {
        switch (s)
        {
            case Block b:
                _w.Open("");
                ScopedStatements(b.Statements);
                _w.Close();
                break;
            case DeclareStmt d:
                _w.Line(DeclareLocal(d.Symbol) + ";");
                break;
            case SetStmt set:
                _w.Line(Assignment(set) + ";");
                break;
            case IfStmt i:
                If(i, isElseIf: false);
                break;
            case ForStmt f:
                For(f);
                break;
            case WhileStmt wh:
                While(wh);
                break;
            case DoWhileStmt dw:
                DoWhile(dw);
                break;
            case SwitchStmt sw:
                Switch(sw);
                break;
            case BreakStmt:
                _w.Line("break;");
                break;
            case ContinueStmt:
                _w.Line("continue;");
                break;
            case ReturnStmt r:
                _w.Line(r.Value is null ? "return;" : $"return {Expr(r.Value)};");
                break;
            case ExprStmt e:
                ExpressionStatement(e.Expression);
                break;
            case SharedStmt:
                break; // declared at the top of the kernel (OpenCL allows __local only at kernel scope)
            case LocStmt l:
                _source = l.Source;
                var loc = $"// {Path.GetFileName(l.Source.File)}:{l.Source.Line}";
                if (loc != _lastLoc) _w.Line(loc);
                _lastLoc = loc;
                break;
            default:
                throw new InvalidOperationException(s.GetType().Name);
        }
    }

    private void ScopedStatements(IReadOnlyList<Stmt> statements)
    {
        _names.Push();
        Statements(statements);
        _names.Pop();
    }

    /// <summary>The body of a branch or loop: a block's statements directly, one statement otherwise.</summary>
    private void Body(Stmt s)
    {
        if (s is Block b) ScopedStatements(b.Statements);
        else
        {
            _names.Push();
            Stmt(s);
            _names.Pop();
        }
    }

    private void ExpressionStatement(Expr e)
    {
        if (e is BeginExpr b)
        {
            Statements(b.Statements.Statements);
            ExpressionStatement(b.Result);
            return;
        }
        var c = Expr(e);
        if (c is CLiteral { Text: "" }) return;
        if (c is CName or CLiteral) return; // a value computed for nothing
        _w.Line(c + ";");
    }

    /// <summary>
    /// <c>x = e</c>, or <c>x += e</c> / <c>x++</c> when the value updates x itself — but not integer <c>+ - * &lt;&lt;</c>:
    /// on OpenCL C's signed types those overflow as undefined behaviour, which the IR's wrap-around is not, and PoCL's
    /// compiler exploits it (fuzz seed 73533: <c>v3 *= v4</c> then <c>v3 &lt; 2^32</c> folded as if no wrap); they go
    /// through the unsigned form the expression emitter writes. In a for loop's clauses <c>i++</c> stays: the loop's
    /// condition bounds the counter.
    /// </summary>
    private string Assignment(SetStmt set, bool forClause = false)
    {
        var target = VariableLValue(set.Symbol);
        if (set.Value is InsertValueExpr { Aggregate: VarRef v } ins && ReferenceEquals(v.Symbol, set.Symbol))
            return $"{ElementLValue(target, set.Symbol.Type, ins.ResolvedIndex)} = {Expr(ins.Value)}";
        if (set.Value is BinaryExpr { Left: VarRef self } b && ReferenceEquals(self.Symbol, set.Symbol) && CompoundOperator(b) is { } op
            && !IrTraversal.Descendants(b.Right).Any(IsEffectful))
        {
            bool overflows = b.Left.Type.IsInteger && op is "+" or "-" or "*" or "<<";
            if (b.Right is IntLit { Value: var one } && one == 1 && op is "+" or "-" && (!overflows || forClause)) return $"{target}{op}{op}";
            if (!overflows) return $"{target} {op}= {Expr(b.Right)}";
        }
        return $"{target} = {Expr(set.Value)}";
    }

    private static string? CompoundOperator(BinaryExpr b) => b.Left.Type.IsInteger || b.Left.Type.IsFloat ? b.Op switch
    {
        BinaryOp.Add or BinaryOp.FAdd => "+",
        BinaryOp.Sub or BinaryOp.FSub => "-",
        BinaryOp.Mul or BinaryOp.FMul => "*",
        BinaryOp.FDiv => "/",
        BinaryOp.Div or BinaryOp.Rem when b.Left.Type.Bits >= 32 => null, // through tr_div/tr_rem (MIN / -1)
        BinaryOp.Div => "/",
        BinaryOp.Rem => "%",
        BinaryOp.And => "&",
        BinaryOp.Or => "|",
        BinaryOp.Xor => "^",
        BinaryOp.Shl when b.Left.Type.Bits >= 32 => "<<",
        BinaryOp.AShr when b.Left.Type.Bits >= 32 => ">>",
        _ => null,
    } : null;

    private void If(IfStmt i, bool isElseIf, CExpr? condition = null)
    {
        var cond = condition ?? Expr(i.Condition);
        // PoCL 3.1 miscompiles ifs holding barriers unless every arm reaches one and one follows the if: work-items ran
        // stores under conditions that excluded them (tests/programs/barrierInOneArm.cu). The condition of an if holding
        // a barrier is the same in every work-item, so the added barriers are reached by all or none.
        bool thenSyncs = Synchronizes(i.Then), elseSyncs = i.Else is not null && Synchronizes(i.Else);
        bool balanced = thenSyncs || elseSyncs;
        // No barrier after it when a work-item may leave the if by break, continue or return: those would not reach it
        // and the others would wait at it (fuzz seed 65388: a continue after the arm's barrier; every store was lost).
        bool join = balanced && !IrTraversal.LeavesLoop(i) && !IrTraversal.Statements(i).Any(x => x is ReturnStmt);
        _w.Line($"{(isElseIf ? "} else " : "")}if ({cond}) {{");
        _w.Indent();
        if (balanced && !thenSyncs) _w.Line(BarrierForPocl);
        Body(i.Then);
        _w.Dedent();
        var elseIf = i.Else as IfStmt ?? (i.Else is Block { Statements: [IfStmt only] } ? only : null);
        if (balanced && !elseSyncs)
        {
            _w.Line("} else {");
            _w.Indent();
            _w.Line(BarrierForPocl);
            if (i.Else is not null) Body(i.Else);
            _w.Dedent();
        }
        else if (elseIf is not null)
        {
            CExpr? next = null;
            var fragment = _w.Capture(() => next = Expr(elseIf.Condition));
            if (fragment.IsEmpty)
            {
                If(elseIf, isElseIf: true, next);
                if (join && !isElseIf) _w.Line(BarrierForPocl);
                return;
            }
            _w.Line("} else {");
            _w.Indent();
            _w.Replay(fragment);
            If(elseIf, isElseIf: false, next);
            _w.Dedent();
        }
        else if (i.Else is not null)
        {
            _w.Line("} else {");
            _w.Indent();
            Body(i.Else);
            _w.Dedent();
        }
        _w.Line("}");
        // An else-if's chain ends with the outermost if's brace, after which that one adds the barrier.
        if (join && !isElseIf) _w.Line(BarrierForPocl);
    }

    /// <summary>A barrier added only for PoCL 3.1 (<see cref="If"/>).</summary>
    private const string BarrierForPocl = "barrier(CLK_LOCAL_MEM_FENCE); // every arm and the join reach one (PoCL 3.1)";

    /// <summary>Whether a statement reaches a work-group barrier (<see cref="ModuleContext.Synchronizes"/>).</summary>
    private bool Synchronizes(Stmt s) => IrTraversal.Descendants(s).Any(_ctx.Synchronizes);

    private void For(ForStmt f)
    {
        _names.Push();
        string init = "";
        if (f.Init is not null && !ForClause(f.Init, out init, allowHoisting: true)) Stmt(f.Init);
        CodeWriter.Fragment? condFragment = null;
        CExpr? cond = null;
        if (f.Condition is not null) condFragment = _w.Capture(() => cond = Expr(f.Condition));
        bool condInHeader = condFragment is null || condFragment.IsEmpty;
        string step = "";
        bool stepInHeader = f.Step is null || ForClause(f.Step, out step, allowHoisting: false);
        if (!stepInHeader && IrTraversal.Statements(f.Body).Any(x => x is ContinueStmt))
            _ctx.Unsupported(f.Location, "a for loop whose step needs statements and whose body uses continue");
        string header = $"for ({init}; {(condInHeader ? cond?.ToString() ?? "" : "")}; {step})";
        _w.Open(header.Replace("; )", ";)").Replace("(; ;", "(;;"));
        if (!condInHeader)
        {
            _w.Replay(condFragment!);
            _w.Line($"if (!({cond})) break;");
        }
        Body(f.Body);
        if (!stepInHeader) Stmt(f.Step!);
        _w.Close();
        _names.Pop();
    }

    /// <summary>
    /// A for-loop init or step as a header clause: one declaration, or assignments and expressions. Statements
    /// an init needs are written before the loop; a step that needs any cannot be a clause.
    /// </summary>
    private bool ForClause(Stmt s, out string clause, bool allowHoisting)
    {
        clause = "";
        var parts = s is Block b ? b.Statements : [s];
        if (parts.Any(p => p is not (DeclareStmt or SetStmt or ExprStmt)) || parts.Any(p => p is ExprStmt { Expression: BeginExpr })) return false;
        if (parts.Count(p => p is DeclareStmt) > 0 && !(parts is [DeclareStmt, SetStmt] or [DeclareStmt])) return false;
        string text = "";
        var fragment = _w.Capture(() =>
        {
            if (parts is [DeclareStmt d, SetStmt set] && ReferenceEquals(d.Symbol, set.Symbol) && d.Type is not ArrayType)
            {
                var value = Expr(set.Value);
                text = $"{DeclareLocal(d.Symbol)} = {value}";
            }
            else if (parts is [DeclareStmt only] && only.Type is not ArrayType)
                text = DeclareLocal(only.Symbol);
            else if (parts.All(p => p is not DeclareStmt))
                text = string.Join(", ", parts.Select(p => p is SetStmt st ? Assignment(st, forClause: true) : Expr(((ExprStmt)p).Expression).ToString()));
            else text = "\0";
        });
        if (text == "\0" || !fragment.IsEmpty && !allowHoisting) return false;
        _w.Replay(fragment);
        clause = text;
        return true;
    }

    private void While(WhileStmt wh)
    {
        CExpr? cond = null;
        var fragment = _w.Capture(() => cond = Expr(wh.Condition));
        if (fragment.IsEmpty)
        {
            _w.Open($"while ({cond})");
        }
        else
        {
            _w.Open("while (1)");
            _w.Replay(fragment);
            _w.Line($"if (!({cond})) break;");
        }
        Body(wh.Body);
        _w.Close();
    }

    private void DoWhile(DoWhileStmt dw)
    {
        _w.Open("do");
        Body(dw.Body);
        CExpr? cond = null;
        var fragment = _w.Capture(() => cond = Expr(dw.Condition));
        if (!fragment.IsEmpty)
        {
            if (IrTraversal.Statements(dw.Body).Any(x => x is ContinueStmt))
                _ctx.Unsupported(dw.Location, "a do-while loop whose condition needs statements and whose body uses continue");
            _w.Replay(fragment);
        }
        _w.Close($" while ({cond});");
    }

    private void Switch(SwitchStmt sw)
    {
        // Switches holding a barrier were rewritten as ifs (WorkGroupPreparation, SynchronizingSwitches), which the
        // emitter balances for PoCL 3.1; one reaching here would be miscompiled, so it is refused, not emitted.
        if (Synchronizes(sw))
        {
            _ctx.Unsupported(sw.Location, "a switch holding a barrier that was not rewritten as ifs");
            return;
        }
        _w.Open($"switch ({Expr(sw.Value)})");
        // Arms without braces share the switch body's one C scope: names the emitter gives their temporaries must
        // differ across them (two `tmp`s were a redefinition PoCL rejected: fuzz seed 51036).
        _names.Push();
        foreach (var c in sw.Cases)
        {
            // Each label carries an empty statement: C99 allows no declaration right after a label,
            // and the emitter may open an arm with a temporary (`float tmp = f(x);`).
            if (c.IsDefault) _w.Line("default: ;");
            foreach (var v in c.Values) _w.Line($"case {IntLiteral(v, sw.Value.Type)}: ;");
            bool braces = c.Body.Statements.Any(x => x is DeclareStmt);
            if (braces)
            {
                _w.Open("");
                ScopedStatements(c.Body.Statements);
                _w.Close();
            }
            else
            {
                _w.Indent();
                Statements(c.Body.Statements);
                _w.Dedent();
            }
        }
        _names.Pop();
        _w.Close();
    }
}
