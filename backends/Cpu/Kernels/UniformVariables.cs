using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// Finds the kernel's block-uniform variables: scalars whose address is never taken, assigned only
/// uniform values under uniform control. A greatest fixed point: start from all candidates and drop
/// those with an assignment that could differ between threads until nothing changes.
/// </summary>
internal static class UniformVariables
{
    private sealed record Assignment(SetStmt Set, Symbol Target, Expr Value, IReadOnlyList<Expr> Conditions, bool Divergent);

    /// <param name="kernel">The kernel.</param>
    /// <param name="direct">Assignments that are statements of a synchronized sequence: the lowering runs them once
    /// per block (or warp), never once per thread, so a uniform value stays uniform (and <c>o = o / 2</c> runs once);
    /// each with the warp-level conditions it is under, which must be uniform too (warps may disagree on them).</param>
    public static HashSet<Symbol> Find(FunctionDef kernel, IReadOnlyDictionary<SetStmt, IReadOnlyList<Expr>> direct)
    {
        var uniform = kernel.Symbols
            .Where(s => s.Kind is SymbolKind.Parameter or SymbolKind.Local && !s.NeedsMemory && s.Type.IsFirstClassScalar)
            .ToHashSet();
        var assignments = new List<Assignment>();
        Collect(kernel.Body!, [], false, assignments);
        // Candidate set used by IsUniform during the iteration: the analysis reads it through this set.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var a in assignments)
            {
                if (!uniform.Contains(a.Target)) continue;
                bool ok = direct.TryGetValue(a.Set, out var warpConditions) && IsUniform(a.Value, uniform)
                    && warpConditions.All(c => IsUniform(c, uniform));
                if (!ok) { uniform.Remove(a.Target); changed = true; }
            }
        }
        return uniform;
    }

    private static void Collect(Node n, List<Expr> conditions, bool divergent, List<Assignment> into)
    {
        switch (n)
        {
            case SetStmt s:
                into.Add(new Assignment(s, s.Symbol, s.Value, [.. conditions], divergent));
                Collect(s.Value, conditions, divergent, into);
                return;
            case IfStmt i:
                Collect(i.Condition, conditions, divergent, into);
                conditions.Add(i.Condition);
                Collect(i.Then, conditions, divergent, into);
                if (i.Else is not null) Collect(i.Else, conditions, divergent, into);
                conditions.RemoveAt(conditions.Count - 1);
                return;
            case ForStmt or WhileStmt or DoWhileStmt or SwitchStmt:
            {
                // A loop left early by some threads (break/continue/return) runs a different number of times per thread.
                bool exits = IrWalk.Descendants(n).Any(x => x is BreakStmt or ContinueStmt or ReturnStmt);
                var cond = n switch { ForStmt f => f.Condition, WhileStmt w => w.Condition, DoWhileStmt d => d.Condition, SwitchStmt sw => sw.Value, _ => null };
                if (cond is not null) conditions.Add(cond);
                foreach (var c in IrWalk.Children(n)) Collect(c, conditions, divergent || exits, into);
                if (cond is not null) conditions.RemoveAt(conditions.Count - 1);
                return;
            }
            case BeginExpr or CondExpr or LogicalExpr:
                foreach (var c in IrWalk.Children(n)) Collect(c, conditions, true, into);
                return;
            default:
                foreach (var c in IrWalk.Children(n)) Collect(c, conditions, divergent, into);
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

    private static bool IsUniform(Expr e, HashSet<Symbol> uniform) => e switch
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
