using Translate.Ir.Model;

namespace Translate.Ir.Transformations;

/// <summary>
/// Copies statement and expression trees with some nodes replaced: a pass overrides <see cref="Replace(Expr)"/> and
/// <see cref="Replace(Stmt)"/> and gets every other node rebuilt around the replacements (an untouched subtree is
/// shared, not copied). The result is meant for <see cref="Rebuild"/>, which reads it back into fresh checked nodes,
/// so new nodes need no types or symbols.
/// </summary>
internal abstract class TreeRewriter
{
    /// <summary>The expression to put in place of <paramref name="e"/>, or null to keep it (its operands rewritten).</summary>
    protected virtual Expr? Replace(Expr e) => null;

    /// <summary>The statements to put in place of <paramref name="s"/>, or null to keep it (its parts rewritten).</summary>
    protected virtual IReadOnlyList<Stmt>? Replace(Stmt s) => null;

    public Block Rewrite(Block b)
    {
        var statements = RewriteAll(b.Statements);
        return ReferenceEquals(statements, b.Statements) ? b : new Block(b.Location, statements);
    }

    /// <summary>The statements rewritten; the same list when none changed.</summary>
    public IReadOnlyList<Stmt> RewriteAll(IReadOnlyList<Stmt> statements)
    {
        List<Stmt>? result = null;
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            var replaced = Replace(s);
            if (replaced is null)
            {
                var r = RewriteParts(s);
                if (ReferenceEquals(r, s)) { result?.Add(s); continue; }
                replaced = [r];
            }
            result ??= [.. statements.Take(i)];
            result.AddRange(replaced);
        }
        return result is null ? statements : result;
    }

    /// <summary>One statement rewritten; several replacing it come back as a block.</summary>
    public Stmt Rewrite(Stmt s)
    {
        if (Replace(s) is not { } replaced) return RewriteParts(s);
        return replaced.Count == 1 ? replaced[0] : new Block(s.Location, replaced);
    }

    private Stmt RewriteParts(Stmt s)
    {
        var at = s.Location;
        switch (s)
        {
            case Block b: return Rewrite(b);
            case SetStmt x: return Same(x.Value, out var v) ? s : new SetStmt(at, x.Name, v);
            case ExprStmt x: return Same(x.Expression, out var e) ? s : new ExprStmt(at, e);
            case ReturnStmt { Value: { } value }: return Same(value, out var rv) ? s : new ReturnStmt(at, rv);
            case IfStmt x:
            {
                var condition = Rewrite(x.Condition);
                var then = Rewrite(x.Then);
                var @else = x.Else is null ? null : Rewrite(x.Else);
                return ReferenceEquals(condition, x.Condition) && ReferenceEquals(then, x.Then) && ReferenceEquals(@else, x.Else)
                    ? s : new IfStmt(at, condition, then, @else);
            }
            case ForStmt x:
            {
                var init = x.Init is null ? null : Rewrite(x.Init);
                var condition = x.Condition is null ? null : Rewrite(x.Condition);
                var step = x.Step is null ? null : Rewrite(x.Step);
                var body = Rewrite(x.Body);
                return ReferenceEquals(init, x.Init) && ReferenceEquals(condition, x.Condition) && ReferenceEquals(step, x.Step)
                    && ReferenceEquals(body, x.Body) ? s : new ForStmt(at, init, condition, step, body);
            }
            case WhileStmt x:
            {
                var condition = Rewrite(x.Condition);
                var body = Rewrite(x.Body);
                return ReferenceEquals(condition, x.Condition) && ReferenceEquals(body, x.Body) ? s : new WhileStmt(at, condition, body);
            }
            case DoWhileStmt x:
            {
                var condition = Rewrite(x.Condition);
                var body = Rewrite(x.Body);
                return ReferenceEquals(condition, x.Condition) && ReferenceEquals(body, x.Body) ? s : new DoWhileStmt(at, condition, body);
            }
            case SwitchStmt x:
            {
                var value = Rewrite(x.Value);
                var cases = x.Cases.Select(c => Rewrite(c.Body) is var body && ReferenceEquals(body, c.Body)
                    ? c : new SwitchCase(c.Location, c.Values, c.IsDefault, body)).ToList();
                return ReferenceEquals(value, x.Value) && cases.SequenceEqual(x.Cases) ? s : new SwitchStmt(at, value, cases);
            }
            default: return s; // declare, shared, loc, break, continue, return without a value
        }
    }

    private bool Same(Expr e, out Expr rewritten)
    {
        rewritten = Rewrite(e);
        return ReferenceEquals(rewritten, e);
    }

    public Expr Rewrite(Expr e)
    {
        if (Replace(e) is { } replaced) return replaced;
        var at = e.Location;
        Expr R(Expr x) => Rewrite(x);
        IReadOnlyList<Expr> All(IReadOnlyList<Expr> xs) { var r = xs.Select(R).ToList(); return r.SequenceEqual(xs) ? xs : r; }
        Expr rebuilt = e switch
        {
            BinaryExpr b => new BinaryExpr(at, b.Op, R(b.Left), R(b.Right)),
            UnaryExpr u => new UnaryExpr(at, u.Op, R(u.Operand)),
            CastExpr c => new CastExpr(at, c.Op, R(c.Operand), c.Target),
            LoadExpr l => new LoadExpr(at, R(l.Pointer)),
            StoreExpr s => new StoreExpr(at, R(s.Pointer), R(s.Value)),
            PtrAddExpr p => new PtrAddExpr(at, R(p.Pointer), R(p.Index)),
            ArrayPtrAddExpr a => new ArrayPtrAddExpr(at, R(a.Array), R(a.Index)),
            StructPtrAddExpr s => new StructPtrAddExpr(at, R(s.Pointer), s.Field),
            AllocExpr a => new AllocExpr(at, a.ElementType, R(a.Count)),
            CallExpr c => new CallExpr(at, c.Function, All(c.Arguments)),
            AsmExpr a => new AsmExpr(at, a.Template, a.Constraints, a.ReturnType, All(a.Arguments)),
            SelectExpr s => new SelectExpr(at, R(s.Condition), R(s.IfTrue), R(s.IfFalse)),
            CondExpr c => new CondExpr(at, R(c.Condition), R(c.IfTrue), R(c.IfFalse)),
            LogicalExpr l => new LogicalExpr(at, l.IsAnd, R(l.Left), R(l.Right)),
            BeginExpr b => new BeginExpr(at, Rewrite(b.Statements), R(b.Result)),
            ExtractValueExpr x => new ExtractValueExpr(at, R(x.Aggregate), x.Index),
            InsertValueExpr x => new InsertValueExpr(at, R(x.Aggregate), x.Index, R(x.Value)),
            MakeExpr m => new MakeExpr(at, m.AggregateType, All(m.Elements)),
            BarrierExpr { Predicate: { } p } b => new BarrierExpr(at, b.Kind, R(p)),
            SyncWarpExpr s => new SyncWarpExpr(at, R(s.Mask)),
            AtomicRmwExpr a => new AtomicRmwExpr(at, a.Op, R(a.Pointer), R(a.Value), a.Scope, a.Order),
            AtomicCasExpr c => new AtomicCasExpr(at, R(c.Pointer), R(c.Expected), R(c.Desired), c.Scope, c.Order),
            AtomicLoadExpr l => new AtomicLoadExpr(at, R(l.Pointer), l.Scope, l.Order),
            AtomicStoreExpr s => new AtomicStoreExpr(at, R(s.Pointer), R(s.Value), s.Scope, s.Order),
            ShuffleExpr s => new ShuffleExpr(at, s.Mode, R(s.Mask), R(s.Value), R(s.Lane), R(s.Width)),
            VoteExpr v => new VoteExpr(at, v.Mode, R(v.Mask), R(v.Predicate)),
            MathExpr m => new MathExpr(at, m.Name, All(m.Arguments)),
            LaunchExpr l => new LaunchExpr(at, l.Kernel, All(l.Grid), All(l.Block), R(l.SharedBytes), R(l.Stream), All(l.Arguments), l.Cooperative),
            _ => e, // literals, variables, addresses of variables, special registers and the other operand-free forms
        };
        return ReferenceEquals(rebuilt, e) || Unchanged(e, rebuilt) ? e : rebuilt;
    }

    /// <summary>Whether a rebuilt node holds exactly the original's children (then the original is kept).</summary>
    private static bool Unchanged(Expr original, Expr rebuilt)
    {
        var before = Analysis.IrTraversal.Operands(original).ToList();
        var after = Analysis.IrTraversal.Operands(rebuilt).ToList();
        return before.Count == after.Count && before.Zip(after).All(p => ReferenceEquals(p.First, p.Second))
            && (original is not BeginExpr ob || ReferenceEquals(ob.Statements, ((BeginExpr)rebuilt).Statements));
    }
}
