using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Drops the statements that follow an unconditional <c>break</c>, <c>continue</c> or <c>return</c> in the same block:
/// they never run (the IR has no labels), and the cpu device's barrier and warp lowering split regions at a collective
/// there as if it could (fuzz seed 72406: a <c>__syncwarp</c> after a <c>break</c> in a loop holding a barrier lost the
/// iteration's increment on cpu). Declarations stay, in case a later statement of an enclosing group names them.
/// </summary>
public static class UnreachableStatements
{
    public static CheckedModule Run(CheckedModule program)
    {
        bool changed = false;
        var definitions = program.Module.Definitions.Select(d =>
        {
            if (d is not FunctionDef { Body: { } body } f || !HasUnreachable(body)) return d;
            changed = true;
            return new FunctionDef(f.Location, f.Kind, f.Name, f.ReturnType, f.Parameters, (Block)Rewrite(body));
        }).ToList();
        if (!changed) return program;
        return Rebuild.Checked(new IrModule(program.Module.File, definitions) { Head = program.Module.Head }, program);
    }

    private static bool Ends(Stmt s) => s is BreakStmt or ContinueStmt or ReturnStmt;

    private static bool HasUnreachable(Stmt s) =>
        Analysis.IrTraversal.Statements(s).OfType<Block>().Any(b => b.Statements.SkipWhile(x => !Ends(x)).Skip(1).Any(x => x is not DeclareStmt));

    private static Stmt Rewrite(Stmt s) => s switch
    {
        Block b => new Block(b.Location, Kept(b.Statements)),
        IfStmt i => new IfStmt(i.Location, i.Condition, Rewrite(i.Then), i.Else is null ? null : Rewrite(i.Else)),
        ForStmt f => new ForStmt(f.Location, f.Init, f.Condition, f.Step, (Block)Rewrite(f.Body)),
        WhileStmt w => new WhileStmt(w.Location, w.Condition, (Block)Rewrite(w.Body)),
        DoWhileStmt d => new DoWhileStmt(d.Location, d.Condition, (Block)Rewrite(d.Body)),
        SwitchStmt sw => new SwitchStmt(sw.Location, sw.Value,
            sw.Cases.Select(c => new SwitchCase(c.Location, c.Values, c.IsDefault, (Block)Rewrite(c.Body))).ToList()),
        _ => s,
    };

    private static List<Stmt> Kept(IReadOnlyList<Stmt> statements)
    {
        var kept = new List<Stmt>();
        bool ended = false;
        foreach (var s in statements)
        {
            if (ended && s is not DeclareStmt) continue;
            kept.Add(Rewrite(s));
            ended |= Ends(s);
        }
        return kept;
    }
}
