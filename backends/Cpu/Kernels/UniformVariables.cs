using Translate.Ir.Analysis;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// Finds the kernel's block-uniform variables: scalars whose address is never taken, assigned only
/// uniform values under uniform control. A greatest fixed point: start from all candidates and drop
/// those with an assignment that could differ between threads until nothing changes.
/// </summary>
internal static class UniformVariables
{
    /// <summary>An assignment, with the conditions under which some thread may leave an enclosing loop's iteration
    /// early (`break`, `continue`) ahead of it: a thread that did keeps the old value, so these must be uniform too.</summary>
    private sealed record Assignment(SetStmt Set, Symbol Target, Expr Value, IReadOnlyList<Expr?> ExitGuards);

    /// <param name="kernel">The kernel.</param>
    /// <param name="direct">Assignments that are statements of a synchronized sequence: the lowering runs them once
    /// per block (or warp), never once per thread, so a uniform value stays uniform (and <c>o = o / 2</c> runs once);
    /// each with the warp-level conditions it is under, which must be uniform too (warps may disagree on them).</param>
    /// <param name="isLockstep">Loops run in lockstep (LockstepLoops), whose condition threads may disagree on: an
    /// assignment inside one runs as often as its thread iterates, so that condition must be uniform too.</param>
    public static HashSet<Symbol> Find(FunctionDef kernel, IReadOnlyDictionary<SetStmt, IReadOnlyList<Expr>> direct, Func<Stmt, bool> isLockstep)
    {
        var uniform = kernel.Symbols
            .Where(s => s.Kind is SymbolKind.Parameter or SymbolKind.Local && !s.NeedsMemory && s.Type.IsFirstClassScalar)
            .ToHashSet();
        var assignments = new List<Assignment>();
        Collect(kernel.Body!, [], assignments, isLockstep);
        // Candidate set used by IsUniform during the iteration: the analysis reads it through this set.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var a in assignments)
            {
                if (!uniform.Contains(a.Target)) continue;
                bool ok = direct.TryGetValue(a.Set, out var warpConditions) && IsUniform(a.Value, uniform)
                    && warpConditions.All(c => IsUniform(c, uniform)) && a.ExitGuards.All(c => c is not null && IsUniform(c, uniform));
                if (!ok) { uniform.Remove(a.Target); changed = true; }
            }
        }
        return uniform;
    }

    private static void Collect(Node n, List<Expr?> exitGuards, List<Assignment> into, Func<Stmt, bool> isLockstep)
    {
        switch (n)
        {
            case SetStmt s:
                into.Add(new Assignment(s, s.Symbol, s.Value, [.. exitGuards]));
                Collect(s.Value, exitGuards, into, isLockstep);
                return;
            case ForStmt or WhileStmt or DoWhileStmt:
            {
                int mark = exitGuards.Count;
                ExitConditions(n, [], exitGuards, top: true);
                if (isLockstep((Stmt)n) && LockstepLoops.Condition((Stmt)n) is { } own) exitGuards.Add(own);
                // The initializer runs once, before any thread tests the condition.
                if (n is ForStmt { Init: { } init }) Collect(init, exitGuards[..mark], into, isLockstep);
                foreach (var c in IrTraversal.Children(n))
                    if (c != (n as ForStmt)?.Init) Collect(c, exitGuards, into, isLockstep);
                exitGuards.RemoveRange(mark, exitGuards.Count - mark);
                return;
            }
            default:
                foreach (var c in IrTraversal.Children(n)) Collect(c, exitGuards, into, isLockstep);
                return;
        }
    }

    /// <summary>
    /// The conditions a `break` or `continue` inside <paramref name="n"/> stands under (enclosing ifs, switches and
    /// inner loops' conditions); one standing under an expression form (`?:`, `&amp;&amp;`, a begin) is null: never uniform.
    /// </summary>
    private static void ExitConditions(Node n, List<Expr> path, List<Expr?> into, bool top = false)
    {
        switch (n)
        {
            case BreakStmt or ContinueStmt:
                into.AddRange(path);
                return;
            case IfStmt i:
                path.Add(i.Condition);
                ExitConditions(i.Then, path, into);
                if (i.Else is not null) ExitConditions(i.Else, path, into);
                path.RemoveAt(path.Count - 1);
                return;
            case ForStmt or WhileStmt or DoWhileStmt or SwitchStmt when !top:
            {
                var cond = n is SwitchStmt sw ? sw.Value : LockstepLoops.Condition((Stmt)n);
                if (cond is not null) path.Add(cond);
                foreach (var c in IrTraversal.Children(n)) ExitConditions(c, path, into);
                if (cond is not null) path.RemoveAt(path.Count - 1);
                return;
            }
            case BeginExpr or CondExpr or LogicalExpr when IrTraversal.AllNodes(n).Any(x => x is BreakStmt or ContinueStmt):
                into.Add(null);
                return;
            default:
                foreach (var c in IrTraversal.Children(n)) ExitConditions(c, path, into);
                return;
        }
    }

    /// <summary>
    /// Uniform values are computed once per block, even when every thread has already returned, so an
    /// integer division counts only by a constant that cannot trap (not 0 or -1); any other is computed
    /// per thread, where a thread that returned never divides (<c>if (n == 0) return; q = 100 / n;</c>).
    /// </summary>
    public static bool CannotTrap(BinaryExpr b) =>
        b.Op is not (BinaryOp.Div or BinaryOp.UDiv or BinaryOp.Rem or BinaryOp.URem)
        || b.Right is IntLit lit && lit.Value != Int128.Zero && lit.Value != Int128.NegativeOne;

    /// <summary>The kernel's scalar parameters it never assigns nor takes the address of: the same for every thread
    /// whenever they are read, so <see cref="IsUniform"/> with them alone tells values invariant for the block.</summary>
    public static HashSet<Symbol> InvariantParameters(FunctionDef kernel)
    {
        var assigned = IrTraversal.AllNodes(kernel.Body!).OfType<SetStmt>().Select(s => s.Symbol).ToHashSet();
        return kernel.Symbols.Where(s => s.Kind == SymbolKind.Parameter && !assigned.Contains(s) && !s.NeedsMemory && s.Type.IsFirstClassScalar).ToHashSet();
    }

    /// <summary>True when every thread computes the same value, given the variables known to be uniform.</summary>
    public static bool IsUniform(Expr e, IReadOnlySet<Symbol> uniform) => e switch
    {
        IntLit or FloatLit or BoolLit or NullLit or StringLit => true,
        VarRef v => uniform.Contains(v.Symbol),
        SpecialRegisterExpr r => r.Register is >= SpecialRegister.BlockIdxX and <= SpecialRegister.GridDimZ or SpecialRegister.WarpSize,
        BinaryExpr b => IsUniform(b.Left, uniform) && IsUniform(b.Right, uniform) && CannotTrap(b),
        UnaryExpr u => IsUniform(u.Operand, uniform),
        CastExpr c => IsUniform(c.Operand, uniform),
        SelectExpr s => IsUniform(s.Condition, uniform) && IsUniform(s.IfTrue, uniform) && IsUniform(s.IfFalse, uniform),
        CondExpr c => IsUniform(c.Condition, uniform) && IsUniform(c.IfTrue, uniform) && IsUniform(c.IfFalse, uniform),
        LogicalExpr l => IsUniform(l.Left, uniform) && IsUniform(l.Right, uniform),
        MathExpr m => m.Arguments.All(a => IsUniform(a, uniform)),
        _ => false,
    };
}
