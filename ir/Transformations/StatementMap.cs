using Translate.Ir.Model;

namespace Translate.Ir.Transformations;

/// <summary>The rebuilding twin of <see cref="Analysis.IrTraversal.ChildStatements"/>, for passes that rewrite statements.</summary>
internal static class StatementMap
{
    /// <summary>
    /// <paramref name="s"/> rebuilt with each statement it holds (a group's statements, an if's arms, a loop's or a switch
    /// case's body) replaced by <paramref name="map"/>'s, in order; any other statement as it is.
    /// </summary>
    public static Stmt Children(Stmt s, Func<Stmt, Stmt> map) => s switch
    {
        Block b => new Block(b.Location, b.Statements.Select(map).ToList()),
        IfStmt i => new IfStmt(i.Location, i.Condition, map(i.Then), i.Else is null ? null : map(i.Else)),
        ForStmt f => new ForStmt(f.Location, f.Init, f.Condition, f.Step, (Block)map(f.Body)),
        WhileStmt w => new WhileStmt(w.Location, w.Condition, (Block)map(w.Body)),
        DoWhileStmt d => new DoWhileStmt(d.Location, d.Condition, (Block)map(d.Body)),
        SwitchStmt sw => new SwitchStmt(sw.Location, sw.Value,
            sw.Cases.Select(c => new SwitchCase(c.Location, c.Values, c.IsDefault, (Block)map(c.Body))).ToList()),
        _ => s,
    };
}
