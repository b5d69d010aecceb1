using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    private sealed partial class Writer
    {
        /// <summary>Statements as upstream's C-Lisp reads them; <c>loc</c> forms are dropped (upstream keeps no positions).
        /// Inside a loop or switch that is left early, the statements after one that may leave run under <c>(if run ...)</c>.</summary>
        private IEnumerable<SExpr> Statements(IEnumerable<Stmt> statements)
        {
            var list = statements.ToList();
            var result = new List<SExpr>();
            for (int i = 0; i < list.Count; i++)
            {
                if (Statement(list[i]) is { } form) result.Add(form);
                if (_frames.Count > 0 && i < list.Count - 1 && Escapes(list[i]))
                {
                    result.Add(L(A("if"), A(_frames.Peek().Run), L(Statements(list.Skip(i + 1)))));
                    break;
                }
            }
            return result;
        }

        /// <summary>A block: upstream writes a list of statements <c>((s1) (s2))</c>, and <c>()</c> for none.</summary>
        private SExpr Block(Block b) => L(Statements(b.Statements));

        /// <summary>A loop or if branch: one statement stays one, a block becomes a compound statement.</summary>
        private SExpr Branch(Stmt s) => s is Block b ? Block(b) : Statement(s) ?? L();

        private SExpr? Statement(Stmt s)
        {
            switch (s)
            {
                case LocStmt loc:
                    _cudaLocation = loc.Source;
                    return null;
                case Block b:
                    return Block(b);
                case DeclareStmt d:
                    return L(A("declare"), A(d.Name), Type(d.Type, At(d)));
                case SetStmt set:
                    return WithPrelude(s, () => Assign(set));
                case IfStmt i:
                    return WithPrelude(s, () =>
                    {
                        var condition = Condition(i.Condition);
                        var (then, @else) = WithoutPrelude(() => (Branch(i.Then), i.Else is null ? null : Branch(i.Else)));
                        return @else is null ? L(A("if"), condition, then) : L(A("if"), condition, then, @else);
                    });
                case WhileStmt w when LeftEarly(w.Body) || HasUnsafeShortCircuit(w.Condition):
                    return WithoutPrelude(() => FlaggedLoop(w, null, w.Condition, null, w.Body, testAfter: false));
                case ForStmt f when LeftEarly(f.Body) || HasUnsafeShortCircuit(f.Condition) || f.Step is not null && !IsPlainExpression(f.Step):
                    return WithoutPrelude(() => FlaggedLoop(f, f.Init, f.Condition, f.Step, f.Body, testAfter: false));
                case DoWhileStmt d when LeftEarly(d.Body) || HasUnsafeShortCircuit(d.Condition):
                    return WithoutPrelude(() => FlaggedLoop(d, null, d.Condition, null, d.Body, testAfter: true));
                case WhileStmt w:
                    return WithoutPrelude(() => L(new SExpr[] { A("while"), Condition(w.Condition) }.Concat(LoopBody(w.Body))));
                case ForStmt f:
                    return WithoutPrelude(() => For(f));
                case DoWhileStmt d:
                    return WithoutPrelude(() => DoWhile(d));
                case ReturnStmt r:
                    return r.Value is null ? L(A("ret")) : WithPrelude(s, () => L(A("ret"), Expect(r.Value, _function.ReturnType)));
                case ExprStmt e:
                    return WithPrelude(s, () => Expr(e.Expression).Form);
                case SharedStmt sh:
                    HoistShared(sh.Definition);
                    return null;
                case BreakStmt or ContinueStmt:
                    return Jump(s);
                case SwitchStmt sw:
                    return WithoutPrelude(() => Switch(sw));
                default:
                    Refuse(At(s), $"the statement {s.GetType().Name}");
                    return null;
            }
        }

        /// <summary>A loop body; upstream needs at least one item after the head, so an empty body is <c>()</c>.</summary>
        private IEnumerable<SExpr> LoopBody(Block body)
        {
            var items = Statements(body.Statements).ToList();
            return items.Count == 0 ? [L()] : items;
        }

        /// <summary>Upstream's <c>for</c> takes three expressions: an init that is not one runs before the loop, an
        /// empty part is a constant (the condition <c>#t</c>).</summary>
        private SExpr For(ForStmt f)
        {
            SExpr? before = null;
            SExpr init = L(A("sext"), A("0"), A("int64"));
            if (f.Init is not null)
            {
                if (AsExpression(f.Init) is { } e) init = e;
                else before = Statement(f.Init);
            }
            SExpr step = L(A("sext"), A("0"), A("int64"));
            if (f.Step is not null)
                step = AsExpression(f.Step) ?? throw new NoSpelling(At(f), "a 'for' step that is not an expression");
            SExpr condition = f.Condition is null ? A("#t") : Condition(f.Condition);
            var loop = L(new SExpr[] { A("for"), L(init, condition, step) }.Concat(LoopBody(f.Body)));
            return before is null ? loop : L(before, loop);
        }

        /// <summary><c>(set NAME V)</c>; a boxed global (<see cref="_boxed"/>) is stored through its one element.</summary>
        private SExpr Assign(SetStmt set)
        {
            var value = Expect(set.Value, set.Symbol.Type);
            return _boxed.Contains(set.Name) && set.Symbol.Kind is SymbolKind.Global or SymbolKind.Shared
                ? L(A("store"), L(A("aptradd"), A(NameOf(set.Symbol)), A("0")), value)
                : L(A("set"), A(set.Name), value);
        }

        /// <summary>A <c>for</c> step upstream's for can hold: one assignment or expression with nothing to move before it.</summary>
        private static bool IsPlainExpression(Stmt s) => s switch
        {
            SetStmt or ExprStmt => !Analysis.IrTraversal.Descendants(s).Any(e => e is BeginExpr || IsUnsafeShortCircuit(e)),
            Block { Statements.Count: 1 } b => IsPlainExpression(b.Statements[0]),
            _ => false,
        };

        private SExpr? AsExpression(Stmt s) => s switch
        {
            SetStmt set => Assign(set),
            ExprStmt e => Expr(e.Expression).Form,
            Block { Statements.Count: 1 } b => AsExpression(b.Statements[0]),
            _ => null,
        };

        /// <summary><c>(do-while C BODY)</c> as <c>(set go #t) (while go BODY (set go C))</c>: the body runs once
        /// before the first test, and C is evaluated after each run, as C's do-while does.</summary>
        private SExpr DoWhile(DoWhileStmt d)
        {
            string go = Fresh("go");
            var body = Statements(d.Body.Statements).Append(L(A("set"), A(go), Condition(d.Condition)));
            return L(L(A("declare"), A(go), A("bool")), L(A("set"), A(go), A("#t")),
                L(new SExpr[] { A("while"), A(go) }.Concat(body)));
        }

        private SExpr Condition(Expr e) => Expect(e, IrType.Bool);

        /// <summary>A function's own shared variable becomes a global in (addrspace 3), as upstream writes shared memory;
        /// a name another shared variable or global has already is suffixed with the function's.</summary>
        private void HoistShared(SharedDef def)
        {
            string name = def.Name;
            // Upstream's llvm.py reads a global for a local of the same name too, so a local's name is taken as well.
            if (_sharedNames.Contains(name) || _module.Globals.Any(g => g.Name == name) || _localNames.Contains(name))
            {
                name = $"{def.Name}_{_function.Name}";
                for (int k = 2; _localNames.Contains(name); k++) name = $"{def.Name}_{_function.Name}_{k}";
                _renamed[def.Symbol] = name;
            }
            if (!_sharedNames.Add(name))
                Refuse(At(def), $"a second shared variable named '{name}' (upstream's shared memory is global: one name, one variable)");
            _hoistedShared.Add(Shared(name, def.Type, At(def), def.Name));
        }

        /// <summary>The name a variable is written with (a hoisted shared variable may have been renamed).</summary>
        private string NameOf(Symbol symbol) => _renamed.GetValueOrDefault(symbol) ?? symbol.Name;
    }
}
