using Translate.Ir.Model;

namespace Translate.Ir.Verification;

/// <summary>
/// Decides whether control can reach the end of a function body without a <c>ret</c>, so a
/// non-void function cannot silently return an undefined value. The rules are structural and
/// conservative in the safe direction (docs/ir/control-flow.md, "Reaching the end"):
/// a loop whose condition is absent or the literal <c>#t</c> ends only through a reachable
/// <c>break</c>; an <c>if</c> falls through if either branch does (without <c>else</c>, always);
/// a <c>switch</c> falls through without a <c>default</c>, from its last arm, or through a
/// <c>break</c>; <c>(trap)</c>, <c>(call exit …)</c> and <c>(call abort)</c> never return.
/// Only reachable <c>break</c>s and <c>continue</c>s count.
/// </summary>
public sealed class ReturnFlow
{
    /// <summary>Library functions that never return (C's <c>exit</c> and <c>abort</c>).</summary>
    private static readonly HashSet<string> NoReturnLibraryFunctions = ["exit", "abort"];

    private readonly Func<string, bool> _isDefinedInModule;
    private readonly HashSet<Stmt> _broken = [];
    private readonly HashSet<Stmt> _continued = [];
    // Innermost first: the statements a break (loops and switches) or a continue (loops) leaves.
    private readonly Stack<Stmt> _breakTargets = new();
    private readonly Stack<Stmt> _continueTargets = new();

    private ReturnFlow(Func<string, bool> isDefinedInModule) => _isDefinedInModule = isDefinedInModule;

    /// <summary>
    /// True when control can run off the end of <paramref name="body"/>.
    /// <paramref name="isDefinedInModule"/> tells whether a called name is a function the module
    /// defines (a module's own <c>exit</c> is an ordinary function, not the library's).
    /// </summary>
    public static bool CanFallOffEnd(Block body, Func<string, bool> isDefinedInModule) =>
        new ReturnFlow(isDefinedInModule).CompletesNormally(body);

    private bool CompletesNormally(Stmt s) => s switch
    {
        Block b => Sequence(b.Statements),
        ReturnStmt => false,
        BreakStmt => Leave(_breakTargets, _broken),
        ContinueStmt => Leave(_continueTargets, _continued),
        ExprStmt e => !NeverReturns(e.Expression),
        IfStmt i => If(i),
        WhileStmt w => Loop(w, w.Body, IsTrue(w.Condition)),
        ForStmt f => Loop(f, f.Body, f.Condition is null || IsTrue(f.Condition)),
        DoWhileStmt d => DoWhile(d),
        SwitchStmt sw => Switch(sw),
        _ => true, // declare, set, define-shared, loc
    };

    /// <summary>Statements after one that cannot complete are unreachable and not looked at.</summary>
    private bool Sequence(IReadOnlyList<Stmt> statements)
    {
        foreach (var s in statements)
            if (!CompletesNormally(s)) return false;
        return true;
    }

    private static bool Leave(Stack<Stmt> targets, HashSet<Stmt> left)
    {
        // A break outside any loop is the type checker's error (TR0109), not a path out.
        if (targets.Count > 0) left.Add(targets.Peek());
        return false;
    }

    private bool If(IfStmt i)
    {
        // Both branches are walked, so the breaks in each are recorded.
        bool thenEnds = CompletesNormally(i.Then);
        bool elseEnds = i.Else is null || CompletesNormally(i.Else);
        return thenEnds || elseEnds;
    }

    private bool Loop(Stmt loop, Block body, bool conditionAlwaysTrue)
    {
        Inside(loop, isLoop: true, () => CompletesNormally(body));
        return !conditionAlwaysTrue || _broken.Contains(loop);
    }

    private bool DoWhile(DoWhileStmt d)
    {
        bool bodyEnds = Inside(d, isLoop: true, () => CompletesNormally(d.Body));
        bool testReached = bodyEnds || _continued.Contains(d);
        return (testReached && !IsTrue(d.Condition)) || _broken.Contains(d);
    }

    private bool Switch(SwitchStmt sw)
    {
        // Every arm is an entry; an arm that ends falls into the next, the last one out of the switch.
        bool lastArmEnds = true;
        Inside(sw, isLoop: false, () =>
        {
            foreach (var arm in sw.Cases) lastArmEnds = CompletesNormally(arm.Body);
            return true;
        });
        bool hasDefault = sw.Cases.Any(c => c.IsDefault);
        return !hasDefault || lastArmEnds || _broken.Contains(sw);
    }

    private bool Inside(Stmt target, bool isLoop, Func<bool> body)
    {
        _breakTargets.Push(target);
        if (isLoop) _continueTargets.Push(target);
        try { return body(); }
        finally
        {
            _breakTargets.Pop();
            if (isLoop) _continueTargets.Pop();
        }
    }

    private bool NeverReturns(Expr e) => e switch
    {
        TrapExpr => true,
        CallExpr c => NoReturnLibraryFunctions.Contains(c.Function) && !_isDefinedInModule(c.Function),
        _ => false,
    };

    /// <summary>Only the literal <c>#t</c>: the lifter folds C++ constant conditions (<c>while (1)</c>) to it.</summary>
    private static bool IsTrue(Expr condition) => condition is BoolLit { Value: true };
}
