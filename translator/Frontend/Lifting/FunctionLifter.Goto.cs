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
/// backwards makes the statements from the label to the last goto back a do-while on a flag of its own
/// (<see cref="LiftBackwardJumps"/>). Objects in the scopes a jump leaves are destroyed as C++ has it: by the breaks, or
/// where their blocks end; those it skips were never constructed, and a flag says so (<see cref="FlagConstruction"/>).
/// A jump into a block is refused (TR0403).
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>A label a goto jumps to: its flag, and <see cref="_scopes"/>' depth where its block's items (or, for a jump
    /// back, its do-while's) are lifted.</summary>
    private sealed record GotoTarget(string Label, string Flag, int Depth);

    /// <summary>The labels gotos may jump to from where the lifter is, by name (labels are function-wide in C++).</summary>
    private readonly Dictionary<string, GotoTarget> _gotoTargets = new(StringComparer.Ordinal);

    /// <summary>The items of a block: each lifted in turn, with the flags of the jumps in flight guarding the items
    /// they skip, and the block's own forward-jumped labels registered while it is lifted.</summary>
    private List<Stmt> LiftItems(IReadOnlyList<Cursor> items, SourceLocation at)
    {
        var list = new List<Stmt>();
        var back = LabelsJumpedBackward(items);
        // A label inside a backward jump's do-while is that loop's business: a jump to it from before is into a block.
        var ahead = LabelsJumpedForward(items);
        ahead.RemoveWhere(label => back.Values.Any(region =>
            Enumerable.Range(region.First + 1, region.Last - region.First).Any(i => LabelNames(items[i]).Contains(label))));
        if (ahead.Count == 0 && back.Count == 0 && _gotoTargets.Count == 0)
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
        for (int i = 0; i < items.Count; i++)
        {
            foreach (var label in LabelNames(items[i]).Where(ahead.Contains))
            {
                Flush();
                guards.RemoveAll(g => g.Label == label);
                _gotoTargets.Remove(label); // a goto from here on jumps backwards
            }
            var into = guards.Count > 0 ? guarded : list;
            int objects = _scopes.Count > 0 ? _scopes[^1].Objects.Count : 0;
            int last = i;
            if (LabelNames(items[i]).FirstOrDefault(back.ContainsKey) is { } loop)
            {
                last = back[loop].Last;
                into.AddRange(LiftBackwardJumps(items, i, last, loop, at));
            }
            else LiftStatementInto(items[i], into);
            if (into == guarded) FlagConstruction(objects, list, guarded, at);
            var leaving = new List<GotoTarget>();
            for (int k = i; k <= last; k++) leaving.AddRange(LeaveForGotos(items[k], into));
            // Each jump out of this item starts a new guarded run: the items after it test the flag it may have set.
            foreach (var target in leaving.Distinct())
            {
                Flush();
                if (!guards.Contains(target)) guards.Add(target);
            }
            i = last;
        }
        Flush();
        return list;
    }

    /// <summary>
    /// Items <paramref name="first"/> to <paramref name="last"/> of a block, the first labelled <paramref name="label"/>
    /// and the last holding a goto back to it: <c>(do-while loop.L (set loop.L #f) items…)</c>, each goto back a forward
    /// jump to the end of that body, which then runs again. Their declarations stay outside the loop (later items may
    /// use them). A break or continue among them that leaves a loop or switch around the block is refused: inside the
    /// do-while it would leave that instead.
    /// </summary>
    private List<Stmt> LiftBackwardJumps(IReadOnlyList<Cursor> items, int first, int last, string label, SourceLocation at)
    {
        var region = items.Skip(first).Take(last - first + 1).ToList();
        foreach (var item in region)
            if (EscapingJump(item, inLoop: false, inSwitch: false) is { } escaping)
                throw Unsupported(Codes.UnsupportedStatement, Locate(escaping),
                    $"a {(escaping.Kind == CursorKind.BreakStmt ? "break" : "continue")} between label '{label}' and a goto back to it leaves a loop or switch around both; this is not translated");
        var target = new GotoTarget(label, $"loop.{label}", _scopes.Count + 2); // the items are lifted inside the loop and its body block
        _hoisted.Add(new DeclareStmt(at, target.Flag, IrType.Bool));
        _gotoTargets[label] = target;
        List<Stmt> body;
        try
        {
            body = InScope(ScopeKind.Loop, at, () => InScope(ScopeKind.Block, at, () =>
                [new SetStmt(at, target.Flag, new BoolLit(at, false)), .. LiftItems(region, at)]));
        }
        finally { _gotoTargets.Remove(label); }
        var (declarations, rest) = SplitDeclarations(body);
        return [.. declarations, new DoWhileStmt(at, new VarRef(at, target.Flag), new Block(at, rest))];
    }

    /// <summary>A break or continue inside <paramref name="c"/> that leaves no loop or switch of its own, or null.</summary>
    private static Cursor? EscapingJump(Cursor c, bool inLoop, bool inSwitch)
    {
        if (c.Kind == CursorKind.BreakStmt && !inLoop && !inSwitch || c.Kind == CursorKind.ContinueStmt && !inLoop) return c;
        if (c.Kind == CursorKind.LambdaExpr) return null;
        bool loop = inLoop || c.Kind is CursorKind.ForStmt or CursorKind.WhileStmt or CursorKind.DoStmt or CursorKind.CXXForRangeStmt;
        bool sw = inSwitch || c.Kind == CursorKind.SwitchStmt;
        foreach (var child in c.Children)
            if (EscapingJump(child, loop, sw) is { } found) return found;
        return null;
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
            else if (jump == true) into.Add(new IfStmt(at, new VarRef(at, target.Flag), new Block(at, Break(at)), null));
        }
        return guards;
    }

    private IEnumerable<Stmt> LiftGoto(Cursor s, SourceLocation at)
    {
        string label = s.Children.Where(c => c.Kind == CursorKind.LabelRef).Select(c => c.Spelling).FirstOrDefault() ?? "";
        if (!_gotoTargets.TryGetValue(label, out var target))
            throw Unsupported(Codes.UnsupportedStatement, at,
                $"'goto {label}' jumps into a block; only a goto to a label in an enclosing block is translated");
        var list = new List<Stmt> { new SetStmt(at, target.Flag, new BoolLit(at, true)) };
        if (BreakableBetween(target)) list.AddRange(Break(at));
        return list;
    }

    /// <summary>A break out of the innermost loop or switch, destroying the objects of the scopes it leaves.</summary>
    private List<Stmt> Break(SourceLocation at) => [.. LeaveScopes(k => k is ScopeKind.Loop or ScopeKind.Switch, at), new BreakStmt(at)];

    /// <summary>
    /// The objects a guarded item declared (from index <paramref name="from"/> of the block's scope) are constructed only
    /// where no jump skipped them: each gets a flag, cleared where the block begins and set after its construction, and
    /// its destruction runs under it.
    /// </summary>
    private void FlagConstruction(int from, List<Stmt> block, List<Stmt> guarded, SourceLocation at)
    {
        var objects = _scopes[^1].Objects;
        for (int k = from; k < objects.Count; k++)
        {
            var (local, declared, _) = objects[k];
            string alive = $"alive.{local.Name}.{++_temps}";
            _hoisted.Add(new DeclareStmt(at, alive, IrType.Bool));
            block.Insert(0, new SetStmt(at, alive, new BoolLit(at, false)));
            guarded.Add(new SetStmt(at, alive, new BoolLit(at, true)));
            objects[k] = (local, declared, alive);
        }
    }

    /// <summary>Whether a loop or switch lies between the statement being lifted and the target's block.</summary>
    private bool BreakableBetween(GotoTarget target) =>
        _scopes.Skip(target.Depth).Any(scope => scope.Kind is ScopeKind.Loop or ScopeKind.Switch);

    /// <summary>The statements under guards: declarations stay outside (later items of the block may use them; C++ lets a
    /// jump pass only declarations without initializers, whose initialization stays inside).</summary>
    private static List<Stmt> Guarded(List<GotoTarget> guards, List<Stmt> statements, SourceLocation at)
    {
        Expr anyJump = guards.Select(g => (Expr)new VarRef(at, g.Flag)).Aggregate((a, b) => new BinaryExpr(at, BinaryOp.Or, a, b));
        var (declarations, rest) = SplitDeclarations(statements);
        return [.. declarations, new IfStmt(at, new UnaryExpr(at, UnaryOp.Not, anyJump), new Block(at, rest), null)];
    }

    /// <summary>The declarations among <paramref name="statements"/> (which a guard or a jump's loop around the rest must
    /// leave outside, for the items after it), and the rest.</summary>
    private static (List<Stmt> Declarations, List<Stmt> Others) SplitDeclarations(List<Stmt> statements) =>
        (statements.Where(s => s is DeclareStmt or SharedStmt).ToList(), statements.Where(s => s is not (DeclareStmt or SharedStmt)).ToList());

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

    /// <summary>The labels of <paramref name="items"/> that a goto in the same or a later item jumps back to, with the
    /// label's item and the last such item (a label being lifted as such already is not counted again).</summary>
    private Dictionary<string, (int First, int Last)> LabelsJumpedBackward(IReadOnlyList<Cursor> items)
    {
        var back = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (int j = 0; j < items.Count; j++)
            foreach (var label in LabelNames(items[j]).Where(l => !_gotoTargets.ContainsKey(l)))
                for (int i = items.Count - 1; i >= j; i--)
                    if (FindGoto(items[i], label, insideBreakable: false) is not null) { back[label] = (j, i); break; }
        return back;
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
