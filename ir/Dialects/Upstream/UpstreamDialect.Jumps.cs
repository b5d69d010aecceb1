using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    private sealed partial class Writer
    {
        /// <summary>A loop or switch being written whose body leaves it: <see cref="Run"/> is true while the rest of the
        /// current iteration (or arm) runs; <see cref="Go"/> (loops) while the loop goes on.</summary>
        private sealed record Frame(bool IsLoop, string Run, string? Go);

        /// <summary>The loops and switches around the statement being written, innermost on top.</summary>
        private readonly Stack<Frame> _frames = new();

        /// <summary>Whether a <c>break</c> or <c>continue</c> in <paramref name="s"/> leaves the statement (not one a loop
        /// or switch inside it takes).</summary>
        private static bool Escapes(Stmt s) => s switch
        {
            BreakStmt or ContinueStmt => true,
            WhileStmt or ForStmt or DoWhileStmt => false,
            SwitchStmt sw => sw.Cases.Any(c => ContinueEscapes(c.Body)),
            _ => Analysis.IrTraversal.ChildStatements(s).Any(Escapes),
        };

        private static bool ContinueEscapes(Stmt s) => s switch
        {
            ContinueStmt => true,
            WhileStmt or ForStmt or DoWhileStmt => false,
            _ => Analysis.IrTraversal.ChildStatements(s).Any(ContinueEscapes),
        };

        /// <summary>Whether a loop condition holds a short-circuit operator that must become statements (which a loop
        /// condition cannot have before it, but the flagged loop's if can).</summary>
        private static bool HasUnsafeShortCircuit(Expr? condition) =>
            condition is not null && Analysis.IrTraversal.Descendants(condition).Any(IsUnsafeShortCircuit);

        private static bool IsUnsafeShortCircuit(Expr e) =>
            e is LogicalExpr l && !IsSafeToEvaluate(l.Right) || e is CondExpr c && !(IsSafeToEvaluate(c.IfTrue) && IsSafeToEvaluate(c.IfFalse));

        /// <summary>Whether the loop body holds a break or continue of this loop.</summary>
        private static bool LeftEarly(Block body) => body.Statements.Any(Escapes);

        /// <summary><c>break</c>: every frame up to the innermost loop or switch stops its run; a loop also stops going.
        /// <c>continue</c>: every frame up to the innermost loop stops its run (the loop goes on).</summary>
        private SExpr Jump(Stmt s)
        {
            bool isBreak = s is BreakStmt;
            var sets = new List<SExpr>();
            foreach (var frame in _frames)
            {
                sets.Add(L(A("set"), A(frame.Run), A("#f")));
                if (isBreak || frame.IsLoop)
                {
                    if (isBreak && frame.Go is not null) sets.Add(L(A("set"), A(frame.Go), A("#f")));
                    return L(sets);
                }
            }
            throw new NoSpelling(At(s), "a 'break' or 'continue' outside a loop");
        }

        /// <summary>A loop left by break or continue, as upstream's one loop form with flags:
        /// <c>(set go #t) (while go (if COND ((set run #t) BODY (if go STEP)) (set go #f)))</c>; the statements after one
        /// that may leave run only under <c>(if run ...)</c>. A do-while tests its condition after the body instead.</summary>
        private SExpr FlaggedLoop(Stmt loop, Stmt? init, Expr? condition, Stmt? step, Block body, bool testAfter)
        {
            string go = Fresh("go"), run = Fresh("run");
            var items = new List<SExpr>();
            if (init is not null && Statement(init) is { } i) items.Add(i);
            items.Add(L(A("declare"), A(go), A("bool")));
            items.Add(L(A("declare"), A(run), A("bool")));
            items.Add(L(A("set"), A(go), A("#t")));
            _frames.Push(new(true, run, go));
            List<SExpr> iteration;
            try
            {
                iteration = [L(A("set"), A(run), A("#t")), .. Statements(body.Statements)];
            }
            finally { _frames.Pop(); }
            if (step is not null && Statement(step) is { } st) iteration.Add(L(A("if"), A(go), L(st)));
            SExpr loopBody;
            if (testAfter)
            {
                iteration.Add(L(A("if"), A(go), L(WithPrelude(loop, () => L(A("set"), A(go), Condition(condition!))))));
                loopBody = L(iteration);
            }
            else if (condition is null)
                loopBody = L(iteration);
            else
            {
                var test = WithPreludeCondition(condition, c => L(A("if"), c, L(iteration), L(L(A("set"), A(go), A("#f")))));
                loopBody = test;
            }
            items.Add(L(A("while"), A(go), loopBody));
            return L(items);
        }

        /// <summary>An if on <paramref name="condition"/>, whose short-circuit operators may become statements before it.</summary>
        private SExpr WithPreludeCondition(Expr condition, Func<SExpr, SExpr> makeIf)
        {
            var saved = _prelude;
            _prelude = OutsideHasNoEffect(condition) ? [] : null;
            try
            {
                var c = Condition(condition);
                var form = makeIf(c);
                return _prelude is { Count: > 0 } before ? L(before.Append(form)) : form;
            }
            finally { _prelude = saved; }
        }

        /// <summary>C's switch: the value once, then each arm in order under <c>(if (and run (or matched MATCH)) ...)</c>, which
        /// sets matched, so control falls into the next arm as C's does; <c>default</c> matches when no case value does;
        /// <c>break</c> clears run.</summary>
        private SExpr Switch(SwitchStmt s)
        {
            var t = s.Value.Type;
            if (!t.IsInteger) throw new NoSpelling(At(s), $"a switch on {t}");
            string value = Fresh("sw"), matched = Fresh("matched"), run = Fresh("run");
            var items = new List<SExpr>
            {
                L(A("declare"), A(value), Type(t, At(s))),
                WithPrelude(s, () => L(A("set"), A(value), Expect(s.Value, t))),
                L(A("declare"), A(matched), A("bool")), L(A("set"), A(matched), A("#f")),
                L(A("declare"), A(run), A("bool")), L(A("set"), A(run), A("#t")),
            };
            SExpr Any(IEnumerable<Int128> values)
            {
                var tests = values.Select(v => (SExpr)L(A("eq"), A(value), IntConst(v, t, At(s)))).ToList();
                return tests.Count == 0 ? A("#f") : tests.Skip(1).Aggregate(tests[0], (a, b) => L(A("or"), a, b));
            }
            var all = s.Cases.SelectMany(c => c.Values).ToList();
            _frames.Push(new(false, run, null));
            try
            {
                foreach (var arm in s.Cases)
                {
                    SExpr match = arm.IsDefault ? L(A("not"), Any(all)) : Any(arm.Values);
                    if (arm.IsDefault && arm.Values.Count > 0) match = L(A("or"), match, Any(arm.Values));
                    var body = new List<SExpr> { L(A("set"), A(matched), A("#t")) };
                    body.AddRange(Statements(arm.Body.Statements));
                    items.Add(L(A("if"), L(A("and"), A(run), L(A("or"), A(matched), match)), L(body)));
                }
            }
            finally { _frames.Pop(); }
            return L(items);
        }
    }
}
