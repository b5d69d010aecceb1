using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Drops what never runs: the arm an if on a constant condition does not take, and the statements that follow one that
/// always leaves its block (a <c>break</c>, <c>continue</c> or <c>return</c>, a group holding one, an if whose arms both
/// leave). The IR has no labels, so nothing jumps back in; the cpu device's barrier and warp lowering split regions at a
/// collective there as if it could run (fuzz seed 72406: a <c>__syncwarp</c> after a <c>break</c>, also after
/// <c>if (true) break;</c>, in a loop holding a barrier lost the iteration's increment on cpu). Declarations stay, in
/// case a later statement of an enclosing group names them.
/// </summary>
public static class UnreachableStatements
{
    public static CheckedModule Run(CheckedModule program) => Rebuild.Bodies(program, HasUnreachable, body => (Block)Rewrite(body));

    /// <summary>Whether control never goes on past <paramref name="s"/>: a jump, a group holding one, an if whose arms both jump.</summary>
    private static bool AlwaysLeaves(Stmt s) => s switch
    {
        BreakStmt or ContinueStmt or ReturnStmt => true,
        Block b => b.Statements.Any(AlwaysLeaves),
        IfStmt { Condition: BoolLit { Value: true } } i => AlwaysLeaves(i.Then),
        IfStmt { Condition: BoolLit { Value: false }, Else: { } e } => AlwaysLeaves(e),
        IfStmt { Else: { } e } i => AlwaysLeaves(i.Then) && AlwaysLeaves(e),
        _ => false,
    };

    private static bool HasUnreachable(Stmt s) =>
        Analysis.IrTraversal.Statements(s).Any(x => x is IfStmt { Condition: BoolLit }
            || x is Block b && b.Statements.SkipWhile(y => !AlwaysLeaves(y)).Skip(1).Any(y => y is not DeclareStmt));

    private static Stmt Rewrite(Stmt s) => s switch
    {
        Block b => new Block(b.Location, Kept(b.Statements)),
        // A constant condition (the generator's #t, a folded macro) leaves one arm: the other never runs.
        IfStmt { Condition: BoolLit { Value: true } } i => Rewrite(i.Then),
        IfStmt { Condition: BoolLit { Value: false } } i => i.Else is null ? new Block(i.Location, []) : Rewrite(i.Else),
        _ => StatementMap.Children(s, Rewrite),
    };

    private static List<Stmt> Kept(IReadOnlyList<Stmt> statements)
    {
        var kept = new List<Stmt>();
        bool ended = false;
        foreach (var s in statements)
        {
            if (ended && s is not DeclareStmt) continue;
            var rewritten = Rewrite(s);
            kept.Add(rewritten);
            ended |= AlwaysLeaves(rewritten);
        }
        return kept;
    }
}
