using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Ir.Transformations;

/// <summary>
/// Statements with their returns turned into "set the result, set the flag, leave": inside a loop a
/// return breaks out (and each enclosing loop breaks when the flag is set after an inner one); outside
/// loops the statements after one that may return run only while the flag is clear. The
/// <see cref="Inliner"/> uses it for a callee's returns, <see cref="ExitedWorkItems"/> for a kernel's.
/// </summary>
internal sealed class EarlyReturns(string flag, string? result)
{
    /// <summary>A return inside a <c>switch</c>: a break there would leave the switch, not the loop around it.</summary>
    public sealed class ReturnInSwitch(SourceLocation at) : Exception("a return inside a switch")
    {
        public SourceLocation At { get; } = at;
    }

    public static bool Returns(Stmt s) => IrTraversal.Statements(s).OfType<ReturnStmt>().Any();

    public List<Stmt> Guard(IReadOnlyList<Stmt> statements, bool inLoop)
    {
        var output = new List<Stmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!Returns(s)) { output.Add(s); continue; }
            output.AddRange(Rewrite(s, inLoop));
            if (s is ReturnStmt) break;
            var at = s.Location;
            // An inner loop's return only left that loop: leave this one too, even from its last statement.
            if (inLoop) output.Add(new IfStmt(at, new VarRef(at, flag), new Block(at, [new BreakStmt(at)]), null));
            else if (i < statements.Count - 1)
            {
                var rest = Guard(statements.Skip(i + 1).ToList(), inLoop);
                output.Add(new IfStmt(at, new UnaryExpr(at, UnaryOp.Not, new VarRef(at, flag)), new Block(at, rest), null));
                break;
            }
        }
        return output;
    }

    private Block GuardBlock(Stmt s, bool inLoop) => new(s.Location, Guard(s is Block b ? b.Statements : [s], inLoop));

    private List<Stmt> Rewrite(Stmt s, bool inLoop)
    {
        var at = s.Location;
        switch (s)
        {
            case ReturnStmt r:
            {
                var output = new List<Stmt>();
                if (r.Value is not null && result is not null) output.Add(new SetStmt(at, result, r.Value));
                output.Add(new SetStmt(at, flag, new BoolLit(at, true)));
                if (inLoop) output.Add(new BreakStmt(at));
                return output;
            }
            case Block b: return [GuardBlock(b, inLoop)];
            case IfStmt x: return [new IfStmt(at, x.Condition, GuardBlock(x.Then, inLoop), x.Else is null ? null : GuardBlock(x.Else, inLoop))];
            case WhileStmt x: return [new WhileStmt(at, x.Condition, GuardBlock(x.Body, inLoop: true))];
            case DoWhileStmt x: return [new DoWhileStmt(at, x.Condition, GuardBlock(x.Body, inLoop: true))];
            case ForStmt x: return [new ForStmt(at, x.Init, x.Condition, x.Step, GuardBlock(x.Body, inLoop: true))];
            default: throw new ReturnInSwitch(at);
        }
    }
}
