using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Rewrites <c>if (c) { …; continue; } rest</c> in a loop body, where <c>rest</c> reaches a barrier, as
/// <c>if (c) { … } else { rest }</c>: the same meaning for every condition, but no path to the next iteration skips the
/// barriers of the body. PoCL 3.1's work-group compiler got the skipping form wrong even when every work-item took the
/// same path (fuzz seed 73553: <c>if (__syncthreads_or(p)) continue;</c> before a barrier phase lost the phase in every
/// work-item). Applied where the <c>if</c> is a statement of the loop body itself; a <c>continue</c> deeper in groups or
/// in the middle of an arm stays as it is, and so does one before warp collectives only.
/// </summary>
public static class SynchronizingContinues
{
    public static CheckedModule Run(CheckedModule program)
    {
        var synchronizes = IrTraversal.UsesOrCalls(program.Module.Functions, IsBarrier);
        bool Synchronizes(Stmt s) => IrTraversal.Descendants(s).Any(synchronizes);
        var rewriter = new Rewriter(Synchronizes);
        return Rebuild.Bodies(program, body => IrTraversal.Statements(body).Any(rewriter.Applies), body => (Block)rewriter.Rewrite(body));
    }

    /// <summary>
    /// Block barriers only: a warp collective after a continue under a thread-dependent condition is if-converted
    /// (<see cref="CollectiveIfConversion"/>), which needs the loop's break and continue where they are.
    /// </summary>
    private static bool IsBarrier(Expr e) => e is BarrierExpr or GridSyncExpr;

    private sealed class Rewriter(Func<Stmt, bool> synchronizes)
    {
        /// <summary>Whether <paramref name="s"/> is a loop whose body has an if this pass rewrites.</summary>
        public bool Applies(Stmt s) => LoopBody(s) is { } body && First(body.Statements) >= 0;

        public Stmt Rewrite(Stmt s)
        {
            var inner = StatementMap.Children(s, Rewrite);
            return inner switch
            {
                ForStmt f when Applies(f) => new ForStmt(f.Location, f.Init, f.Condition, f.Step, Body(f.Body)),
                WhileStmt w when Applies(w) => new WhileStmt(w.Location, w.Condition, Body(w.Body)),
                DoWhileStmt d when Applies(d) => new DoWhileStmt(d.Location, d.Condition, Body(d.Body)),
                _ => inner,
            };
        }

        private static Block? LoopBody(Stmt s) => s switch
        {
            ForStmt f => f.Body,
            WhileStmt w => w.Body,
            DoWhileStmt d => d.Body,
            _ => null,
        };

        private Block Body(Block body) => new(body.Location, Statements(body.Statements));

        /// <summary>The statements with the first rewritable if given the rest as its other arm, and so on within that rest.</summary>
        private List<Stmt> Statements(IReadOnlyList<Stmt> statements)
        {
            int k = First(statements);
            if (k < 0) return statements.ToList();
            var x = (IfStmt)statements[k];
            var rest = Statements(statements.Skip(k + 1).ToList());
            var (continuing, other) = EndsInContinue(x.Then) ? (x.Then, x.Else) : (x.Else!, x.Then);
            var kept = new Block(continuing.Location, Arm(continuing).SkipLast(1).ToList());
            var joined = new Block(x.Location, [.. other is null ? [] : Arm(other), .. rest]);
            var rewritten = ReferenceEquals(continuing, x.Then)
                ? new IfStmt(x.Location, x.Condition, kept, joined)
                : new IfStmt(x.Location, x.Condition, joined, kept);
            return [.. statements.Take(k), rewritten];
        }

        /// <summary>The index of the first if one of whose arms ends in <c>continue</c> with a barrier after it, or −1.</summary>
        private int First(IReadOnlyList<Stmt> statements)
        {
            for (int k = 0; k < statements.Count; k++)
                if (statements[k] is IfStmt x && (EndsInContinue(x.Then) || x.Else is not null && EndsInContinue(x.Else))
                    && statements.Skip(k + 1).Any(synchronizes))
                    return k;
            return -1;
        }

        private static IReadOnlyList<Stmt> Arm(Stmt s) => s is Block b ? b.Statements : [s];

        private static bool EndsInContinue(Stmt s) => Arm(s) is [.., ContinueStmt];
    }
}
