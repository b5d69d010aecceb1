using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    private sealed partial class Writer
    {
        /// <summary>Statements to run before the statement being written, or null where there is no before (loop
        /// conditions and <c>for</c> parts, which run again on every iteration).</summary>
        private List<SExpr>? _prelude;

        /// <summary>Writes a statement whose short-circuit operators may become statements before it: the statement's
        /// other operands must have no effect, so that evaluating the short-circuit first changes nothing.</summary>
        private SExpr WithPrelude(Stmt s, Func<SExpr> write)
        {
            var saved = _prelude;
            var top = Analysis.IrTraversal.TopExpressions(s).ToList();
            _prelude = top.All(OutsideHasNoEffect) && !Interferes(top) ? [] : null;
            try
            {
                var form = write();
                return _prelude is { Count: > 0 } before ? L(before.Append(form)) : form;
            }
            finally { _prelude = saved; }
        }

        /// <summary>Runs <paramref name="write"/> with no prelude: loop conditions and steps.</summary>
        private T WithoutPrelude<T>(Func<T> write)
        {
            var saved = _prelude;
            _prelude = null;
            try { return write(); }
            finally { _prelude = saved; }
        }

        /// <summary>No call, store, atomic, barrier or other effect outside the short-circuit operators (a store at the
        /// top is the statement's own effect, which comes last).</summary>
        private static bool OutsideHasNoEffect(Expr e) => e switch
        {
            LogicalExpr or CondExpr or BeginExpr => true,
            StoreExpr s => NoEffect(s.Pointer) && NoEffect(s.Value),
            _ => NoEffect(e),
        };

        private static bool NoEffect(Expr e) => e switch
        {
            LogicalExpr or CondExpr or BeginExpr => true,
            CallExpr or StoreExpr or AsmExpr or AtomicRmwExpr or AtomicCasExpr or AtomicStoreExpr or BarrierExpr
                or SyncWarpExpr or FenceExpr or ShuffleExpr or VoteExpr or TrapExpr or LaunchExpr or GridSyncExpr or AllocExpr => false,
            _ => Analysis.IrTraversal.Operands(e).All(NoEffect),
        };

        /// <summary>Whether moving the short-circuit operators and <c>begin</c>s of a statement before it could change what
        /// the rest of the statement reads: a variable they assign that the rest reads, or memory they may write
        /// (a store, call or atomic) while the rest reads memory.</summary>
        private static bool Interferes(IReadOnlyList<Expr> top)
        {
            var islands = new List<Node>();
            var outside = new List<Expr>();
            void Split(Expr e)
            {
                if (e is LogicalExpr or CondExpr or BeginExpr) { islands.Add(e); return; }
                outside.Add(e);
                foreach (var o in Analysis.IrTraversal.Operands(e)) Split(o);
            }
            foreach (var e in top) Split(e);
            if (islands.Count == 0) return false;
            var inside = islands.SelectMany(Analysis.IrTraversal.AllNodes).ToList();
            var assigned = inside.OfType<SetStmt>().Select(x => x.Name).ToHashSet();
            bool writesMemory = inside.Any(n => n is StoreExpr or CallExpr or AsmExpr or AtomicRmwExpr or AtomicCasExpr or AtomicStoreExpr);
            return outside.Any(e => e is VarRef v && assigned.Contains(v.Name) || writesMemory && e is LoadExpr or AtomicLoadExpr);
        }

        /// <summary><c>(begin STMT... E)</c>: the statements before the statement being written, then E.</summary>
        private Up Sequence(BeginExpr b)
        {
            var prelude = _prelude!;
            foreach (var s in b.Statements.Statements)
                if (Statement(s) is { } form) prelude.Add(form);
            return Expr(b.Result);
        }

        /// <summary>C's <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> as statements before the one being written:
        /// <c>(set t A) (if t (set t B))</c>, <c>(if (not t) (set t B))</c>, <c>(if C (set t A) (set t B))</c>.</summary>
        private Up ShortCircuit(Expr e, SourceLocation at)
        {
            var prelude = _prelude!;
            string t = Fresh("sc");
            switch (e)
            {
                case LogicalExpr l:
                {
                    prelude.Add(L(A("declare"), A(t), A("bool")));
                    prelude.Add(L(A("set"), A(t), Condition(l.Left)));
                    var right = Nested(() => L(A("set"), A(t), Condition(l.Right)));
                    prelude.Add(L(A("if"), l.IsAnd ? A(t) : L(A("not"), A(t)), right));
                    return new(A(t), IrType.Bool);
                }
                case CondExpr c:
                {
                    prelude.Add(L(A("declare"), A(t), Type(c.Type, at)));
                    var condition = Condition(c.Condition);
                    var then = Nested(() => L(A("set"), A(t), Expect(c.IfTrue, c.Type)));
                    var @else = Nested(() => L(A("set"), A(t), Expect(c.IfFalse, c.Type)));
                    prelude.Add(L(A("if"), condition, then, @else));
                    return new(A(t), c.Type);
                }
                default:
                    throw new InvalidOperationException(e.GetType().Name);
            }
        }

        /// <summary>One statement with its own prelude, as a block: <c>((before...) (statement))</c>.</summary>
        private SExpr Nested(Func<SExpr> write)
        {
            var saved = _prelude;
            _prelude = [];
            try
            {
                var form = write();
                return L(_prelude.Append(form));
            }
            finally { _prelude = saved; }
        }
    }
}
