using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Rewrites a kernel's last statement <c>if (c) { … }</c>, when that arm holds a loop, as <c>if (!c) return; …</c>
/// (with an else arm: <c>if (!c) { else-arm; return; } …</c>), and so on within the arm. The two mean the same in a
/// kernel, where nothing follows. The cpu device runs a loop in lockstep across the block (one thread loop per round,
/// vectorized) only where the block runs statements together; under an <c>if</c> its threads may disagree on (the usual
/// <c>if (i &lt; n) { for (…) … }</c>) it stays one loop per thread, while threads that returned are threads it already
/// runs loops around (HeCBench pnpoly: its base kernel, 600 rounds per thread under <c>if (i &lt; n)</c>, ran 15 times
/// slower than its OpenMP twin). Ifs holding barriers or warp collectives are left as they are: a barrier some threads
/// skip is another matter (<c>docs/ir/barriers.md</c>).
/// </summary>
public static class GuardedTails
{
    public static CheckedModule Run(CheckedModule program)
    {
        var rewriter = new Rewriter(IrTraversal.UsesOrCalls(program.Module.Functions, Synchronizes));
        return Rebuild.Functions(program, f => f.Kind == FunctionKind.Kernel && !HoldsArrays(f.Body!) && rewriter.Applies(f.Body!.Statements),
            body => new Block(body.Location, rewriter.Rewrite(body.Statements)));
    }

    /// <summary>
    /// A kernel with local arrays is left as it is: an array living across a lockstep loop's rounds is one copy per thread
    /// in memory, and the cpu device's rounds over such copies did not vectorize (HeCBench pnpoly's tiled kernels,
    /// <c>int c[TILE]; float2 p[TILE];</c> under <c>if (i &lt; n)</c>, ran twice as slow in lockstep as per thread).
    /// </summary>
    private static bool HoldsArrays(Block body) => IrTraversal.Statements(body).OfType<DeclareStmt>().Any(d => d.Type is ArrayType);

    private static bool Synchronizes(Expr e) => e is BarrierExpr or GridSyncExpr || WorkGroupUniformity.IsCollective(e);

    private sealed class Rewriter(Func<Expr, bool> synchronizes)
    {
        /// <summary>Whether the statements end (trailing <c>return;</c> and source markers aside) in an if this pass rewrites.</summary>
        public bool Applies(IReadOnlyList<Stmt> statements) => Last(statements) is { } k && Rewritable((IfStmt)statements[k]);

        /// <summary>The index of the if the statements end in, ignoring a trailing <c>return;</c> and source markers; or null.</summary>
        private static int? Last(IReadOnlyList<Stmt> statements)
        {
            int k = statements.Count - 1;
            while (k >= 0 && statements[k] is LocStmt or ReturnStmt { Value: null }) k--;
            return k >= 0 && statements[k] is IfStmt ? k : null;
        }

        private bool Rewritable(IfStmt x) =>
            x.Condition.Type.IsBool && (HoldsLoop(x.Then) || x.Else is { } e && HoldsLoop(e)) && !IrTraversal.Descendants(x).Any(synchronizes);

        /// <summary>An arm with a loop among its statements (not under a further if, unless that if is its own rewritable tail).</summary>
        private bool HoldsLoop(Stmt arm)
        {
            var statements = Arm(arm);
            return statements.Any(s => s is ForStmt or WhileStmt or DoWhileStmt || s is Block b && HoldsLoop(b)) || Applies(statements);
        }

        public List<Stmt> Rewrite(IReadOnlyList<Stmt> statements)
        {
            if (Last(statements) is not { } k || !Rewritable((IfStmt)statements[k])) return [.. statements];
            var x = (IfStmt)statements[k];
            var at = x.Location;
            bool thenGoesOn = HoldsLoop(x.Then);
            var (goesOn, leaves) = thenGoesOn ? (x.Then, x.Else) : (x.Else!, x.Then);
            var test = thenGoesOn ? new UnaryExpr(at, UnaryOp.Not, x.Condition) : x.Condition;
            var guard = new IfStmt(at, test, new Block(at, [.. leaves is null ? [] : Arm(leaves), new ReturnStmt(at, null)]), null);
            return [.. statements.Take(k), guard, new Block(goesOn.Location, Rewrite(Arm(goesOn)))];
        }
    }

    private static IReadOnlyList<Stmt> Arm(Stmt s) => s is Block b ? b.Statements : [s];
}
