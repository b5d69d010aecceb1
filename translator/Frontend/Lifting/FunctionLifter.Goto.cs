using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// <c>goto</c> to a label later in an enclosing block — the cleanup and early-exit idiom
/// (<c>if (err != cudaSuccess) goto Error; … Error: cudaFree(p);</c>) — structured with one flag per label: the goto
/// sets it and leaves each loop or switch between it and the label with <c>break</c> (once at the goto, and again after
/// each such construct it left), and every statement it jumps over runs only while the flag is clear. The flag is
/// cleared where the label's block begins, so a block run again (a loop body) starts with no jump in flight. A jump
/// backwards or into a block, and a jump out of the scope of an object with a destructor, are refused (TR0403).
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>A label some goto jumps forward to: its flag, and <see cref="_scopes"/>' depth inside its block.</summary>
    private sealed record GotoTarget(string Label, string Flag, int Depth);

    /// <summary>The labels ahead in the blocks being lifted, by name (labels are function-wide in C++).</summary>
    private readonly Dictionary<string, GotoTarget> _gotoTargets = new(StringComparer.Ordinal);

    /// <summary>The items of a block: each lifted in turn, with the flags of the jumps in flight guarding the items
    /// they skip, and the block's own forward-jumped labels registered while it is lifted.</summary>
    private List<Stmt> LiftItems(IReadOnlyList<Cursor> items, SourceLocation at)
    {
        var list = new List<Stmt>();
        var ahead = LabelsJumpedForward(items);
        if (ahead.Count == 0 && _gotoTargets.Count == 0)
        {
            foreach (var item in items) LiftStatementInto(item, list);
            return list;
        }
        foreach (var label in ahead)
        {
            var target = new GotoTarget(label, $"goto.{label}", _scopes.Count);
            _hoisted.Add(new DeclareStmt(at, target.Flag, IrType.Bool));
            list.Add(new SetStmt(at, target.Flag, new BoolLit(at, false)));
            _gotoTargets[label] = target;
        }
        var guards = new List<GotoTarget>();
        var guarded = new List<Stmt>();
        void Flush()
        {
            if (guarded.Count == 0) return;
            list.AddRange(Guarded(guards, guarded, at));
            guarded = [];
        }
        foreach (var item in items)
        {
            foreach (var label in LabelNames(item).Where(ahead.Contains))
            {
                Flush();
                guards.RemoveAll(g => g.Label == label);
                _gotoTargets.Remove(label); // a goto from here on jumps backwards
            }
            var into = guards.Count > 0 ? guarded : list;
            int objects = _scopes.Count > 0 ? _scopes[^1].Objects.Count : 0;
            LiftStatementInto(item, into);
            if (into == guarded && _scopes[^1].Objects.Count > objects) RefuseSkippedDestruction(Locate(item));
            foreach (var target in LeaveForGotos(item, into))
            {
                Flush();
                guards.Add(target);
            }
        }
        Flush();
        return list;
    }

    /// <summary>After an item holding a goto to a label outside it: <c>if (flag) break;</c> where the goto left a loop or
    /// switch inside the item and another stands between the item and the label; the targets whose flags must guard
    /// the items that follow (no loop or switch between).</summary>
    private List<GotoTarget> LeaveForGotos(Cursor item, List<Stmt> into)
    {
        var guards = new List<GotoTarget>();
        if (_gotoTargets.Count == 0) return guards;
        var at = Locate(item);
        foreach (var target in _gotoTargets.Values.ToList())
        {
            var jump = FindGoto(item, target.Label, insideBreakable: false);
            if (jump is null) continue;
            if (!BreakableBetween(target)) guards.Add(target);
            else if (jump == true) into.Add(new IfStmt(at, new VarRef(at, target.Flag), new BreakStmt(at), null));
        }
        return guards;
    }

    private IEnumerable<Stmt> LiftGoto(Cursor s, SourceLocation at)
    {
        string label = s.Children.Where(c => c.Kind == CursorKind.LabelRef).Select(c => c.Spelling).FirstOrDefault() ?? "";
        if (!_gotoTargets.TryGetValue(label, out var target))
            throw Unsupported(Codes.UnsupportedStatement, at,
                $"'goto {label}' jumps backwards or into a block; only a goto to a label later in an enclosing block is translated");
        if (_scopes.Skip(target.Depth).Any(scope => scope.Objects.Count > 0))
            RefuseSkippedDestruction(at);
        var list = new List<Stmt> { new SetStmt(at, target.Flag, new BoolLit(at, true)) };
        if (BreakableBetween(target)) list.Add(new BreakStmt(at));
        return list;
    }

    private void RefuseSkippedDestruction(SourceLocation at) =>
        throw Unsupported(Codes.UnsupportedStatement, at, "a goto that leaves or skips the scope of an object with a destructor is not translated");

    /// <summary>Whether a loop or switch lies between the statement being lifted and the target's block.</summary>
    private bool BreakableBetween(GotoTarget target) =>
        _scopes.Skip(target.Depth).Any(scope => scope.Kind is ScopeKind.Loop or ScopeKind.Switch);

    /// <summary>The statements under guards: declarations stay outside (later items of the block may use them; C++ lets a
    /// jump pass only declarations without initializers, whose initialization stays inside).</summary>
    private static List<Stmt> Guarded(List<GotoTarget> guards, List<Stmt> statements, SourceLocation at)
    {
        Expr anyJump = guards.Select(g => (Expr)new VarRef(at, g.Flag)).Aggregate((a, b) => new BinaryExpr(at, BinaryOp.Or, a, b));
        var declarations = statements.Where(s => s is DeclareStmt or SharedStmt).ToList();
        var rest = statements.Where(s => s is not (DeclareStmt or SharedStmt)).ToList();
        return [.. declarations, new IfStmt(at, new UnaryExpr(at, UnaryOp.Not, anyJump), new Block(at, rest), null)];
    }

    /// <summary>The labels of <paramref name="items"/> that a goto in an earlier item jumps to.</summary>
    private static HashSet<string> LabelsJumpedForward(IReadOnlyList<Cursor> items)
    {
        var ahead = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 1; j < items.Count; j++)
            foreach (var label in LabelNames(items[j]))
                for (int i = 0; i < j; i++)
                    if (FindGoto(items[i], label, insideBreakable: false) is not null) { ahead.Add(label); break; }
        return ahead;
    }

    /// <summary>The labels a statement carries (<c>a: b: stmt</c> has two).</summary>
    private static IEnumerable<string> LabelNames(Cursor s)
    {
        for (; s.Kind == CursorKind.LabelStmt; s = s.Children[^1]) yield return s.Spelling;
    }

    /// <summary>Null when <paramref name="c"/> holds no goto to <paramref name="label"/>; otherwise whether one lies inside a
    /// loop or switch within it (lambdas, whose labels are their own, are not searched).</summary>
    private static bool? FindGoto(Cursor c, string label, bool insideBreakable)
    {
        if (c.Kind == CursorKind.GotoStmt)
            return c.Children.Any(r => r.Kind == CursorKind.LabelRef && r.Spelling == label) ? insideBreakable : null;
        if (c.Kind == CursorKind.LambdaExpr) return null;
        bool inside = insideBreakable || c.Kind is CursorKind.ForStmt or CursorKind.WhileStmt or CursorKind.DoStmt
            or CursorKind.SwitchStmt or CursorKind.CXXForRangeStmt;
        bool? found = null;
        foreach (var child in c.Children)
        {
            var f = FindGoto(child, label, inside);
            if (f == true) return true;
            found ??= f;
        }
        return found;
    }
}
