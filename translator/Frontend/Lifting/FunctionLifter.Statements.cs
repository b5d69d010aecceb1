using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

internal sealed partial class FunctionLifter
{
    /// <summary>The statements of a compound statement, each preceded by its CUDA source position.</summary>
    private List<Stmt> LiftBlockItems(Cursor compound) =>
        InScope(ScopeKind.Block, Locate(compound), () => LiftItems(compound.Children, Locate(compound)));

    private void LiftStatementInto(Cursor s, List<Stmt> into)
    {
        if (s.Kind is CursorKind.NullStmt) return;
        var at = Locate(s);
        if (s.Kind is not CursorKind.CompoundStmt) into.Add(new LocStmt(at, at));
        bool simple = s.Kind is CursorKind.DeclStmt or CursorKind.ReturnStmt || s.IsExpression;
        into.AddRange(_warpSynchronous && simple ? LiftInLockstep(s, at) : LiftStatement(s));
    }

    /// <summary>One C++ statement as IR statements (a declaration can give several).</summary>
    private IEnumerable<Stmt> LiftStatement(Cursor s)
    {
        var at = Locate(s);
        switch (s.Kind)
        {
            case CursorKind.CompoundStmt: return [new Block(at, LiftBlockItems(s))];
            case CursorKind.NullStmt: return [];
            case CursorKind.DeclStmt: return LiftDeclarations(s);
            case CursorKind.ReturnStmt: return [LiftReturn(s, at)];
            case CursorKind.IfStmt: return InScope(ScopeKind.Block, at, () => [LiftIf(s, at)]); // an init's objects live through the if
            case CursorKind.ForStmt: return InScope(ScopeKind.Block, at, () => [LiftFor(s, at)]); // the init's objects live through the loop
            case CursorKind.WhileStmt:
            {
                var c = s.Children;
                if (c.Count == 3 && c[0].Kind == CursorKind.VarDecl) return [LiftWhileDeclaring(c[0], c[1], c[2], at)];
                if (c.Count != 2) throw Unsupported(Codes.UnsupportedStatement, at, "this while loop's parts cannot be told apart");
                return [new WhileStmt(at, Condition(c[0]), LoopBody(c[1]))];
            }
            case CursorKind.DoStmt:
            {
                var c = s.Children;
                return [new DoWhileStmt(at, Condition(c[1]), LoopBody(c[0]))];
            }
            case CursorKind.BreakStmt: return [.. LeaveScopes(k => k is ScopeKind.Loop or ScopeKind.Switch, at), new BreakStmt(at)];
            case CursorKind.ContinueStmt: return [.. LeaveScopes(k => k is ScopeKind.Loop, at), new ContinueStmt(at)];
            case CursorKind.SwitchStmt: return InScope(ScopeKind.Block, at, () => [LiftSwitch(s, at)]); // an init's objects live through the switch
            case CursorKind.CaseStmt or CursorKind.DefaultStmt:
                throw Unsupported(Codes.UnsupportedStatement, at, "a case label that is not directly in its switch's body is not translated");
            case CursorKind.GotoStmt: return LiftGoto(s, at);
            case CursorKind.LabelStmt: return LiftStatement(s.Children[^1]); // the jumps to it are structured by LiftItems
            case CursorKind.AsmStmt: return LiftInlineAsm(s, at);
            case CursorKind.CXXForRangeStmt: return InScope(ScopeKind.Block, at, () => [LiftRangeFor(s, at)]);
            case CursorKind.CXXTryStmt:
                throw Unsupported(Codes.UnsupportedStatement, at, "try/catch is not translated");
            case CursorKind.UnexposedStmt when s.Children is [var inner] && inner.IsStatement:
                // An attributed statement such as one under #pragma unroll: the loop itself is lifted
                // (the hint has no IR form yet; dropping it does not change what the loop computes).
                return LiftStatement(inner);
            default:
                if (s.IsExpression) return LiftExpressionStatement(s);
                throw Unsupported(Codes.UnsupportedStatement, at, $"statement '{s.Kind}' is not translated");
        }
    }

    /// <summary><c>while (T v = e) body</c>: v is declared and tested before each round and lives through the round,
    /// as <c>while (true) { T v = e; if (!v) break; body }</c>.</summary>
    private Stmt LiftWhileDeclaring(Cursor variable, Cursor test, Cursor body, SourceLocation at)
    {
        var bodyAt = Locate(body);
        var statements = InScope(ScopeKind.Loop, bodyAt, () => InScope(ScopeKind.Block, bodyAt, () =>
        {
            var list = LiftVariable(variable, Locate(variable)).ToList();
            list.Add(new IfStmt(at, new UnaryExpr(at, UnaryOp.Not, Condition(test)), new Block(at, [.. LeaveScopes(k => k is ScopeKind.Loop, at), new BreakStmt(at)]), null));
            list.Add(BodyBlock(body));
            return list;
        }));
        return new WhileStmt(at, new BoolLit(at, true), new Block(bodyAt, statements));
    }

    private Block BodyBlock(Cursor body)
    {
        var at = Locate(body);
        if (body.Kind == CursorKind.CompoundStmt) return new Block(at, LiftBlockItems(body));
        var list = new List<Stmt>();
        LiftStatementInto(body, list);
        LeaveForGotos(body, list); // an unbraced body is one item, with nothing after it to guard
        return new Block(at, list);
    }

    /// <summary>A loop's body, the scope <c>break</c> and <c>continue</c> leave.</summary>
    private Block LoopBody(Cursor body) => new(Locate(body), InScope(ScopeKind.Loop, Locate(body), () => BodyBlock(body).Statements.ToList()));

    private Expr Condition(Cursor e) => ToBool(Lift(e), Locate(e));

    private Stmt LiftReturn(Cursor s, SourceLocation at)
    {
        var value = s.Children.FirstOrDefault(c => c.IsExpression);
        bool noValue = value.IsNull || value.Kind == 0;
        if (!noValue) MarkInPlace(value); // the result is built where the caller receives it
        if (HasObjectsToDestroy)
        {
            // The result is computed before the locals are destroyed; a returned local is the result itself.
            var spared = noValue ? null : ReturnedLocal(value);
            var list = new List<Stmt>();
            Expr? result = null;
            if (!noValue && _returnType.IsVoid) list.AddRange(LiftExpressionStatement(value));
            else if (!noValue)
            {
                string temp = HoistedTemp(_returnType, at);
                list.Add(new SetStmt(at, temp, _returnCType.Canonical.IsReference ? AddressOf(LiftPlace(value), at) : Read(Lift(value), at)));
                result = new VarRef(at, temp);
            }
            list.AddRange(LeaveScopes(null, at, spared));
            list.Add(new ReturnStmt(at, result));
            return new Block(at, list);
        }
        if (noValue) return new ReturnStmt(at, null);
        if (_returnType.IsVoid)
            return new Block(at, [.. LiftExpressionStatement(value), new ReturnStmt(at, null)]);
        // A function returning a reference returns the address of what it names.
        if (_returnCType.Canonical.IsReference) return new ReturnStmt(at, AddressOf(LiftPlace(value), at));
        return new ReturnStmt(at, Read(Lift(value), at));
    }

    /// <summary>
    /// <c>if (init; T v = e) then else</c>: libclang gives the init-statement, the condition variable, the condition, the
    /// then and the else, each only when written. The declarations go in a block around the if, which gives them C++'s
    /// scope (the whole statement, else included).
    /// </summary>
    private Stmt LiftIf(Cursor s, SourceLocation at)
    {
        var c = s.Children;
        var outer = new List<Stmt>();
        int k = 0;
        if (HasInitStatement(s, c)) LiftStatementInto(c[k++], outer);
        if (c[k].Kind == CursorKind.VarDecl) outer.AddRange(LiftVariable(c[k], Locate(c[k++])));
        var condition = Condition(c[k++]);
        var then = BodyBlock(c[k++]);
        var @else = k < c.Count ? BodyBlock(c[k]) : null;
        var statement = new IfStmt(at, condition, then, @else);
        if (outer.Count == 0) return statement;
        outer.Add(statement);
        return new Block(at, outer);
    }

    /// <summary>Whether an if's first child is its init-statement. An expression init and an else both make three
    /// children of expressions; the tokens then tell: an init ends in a ';' inside the if's parentheses.</summary>
    private bool HasInitStatement(Cursor s, IReadOnlyList<Cursor> c)
    {
        if (c[0].Kind == CursorKind.DeclStmt || c.Count >= 4 && c[0].Kind != CursorKind.VarDecl || c.Count > 1 && c[1].Kind == CursorKind.VarDecl) return true;
        if (c.Count < 3 || c[0].Kind == CursorKind.VarDecl || !c[1].IsExpression) return false;
        return SemicolonInParentheses(s, "if");
    }

    /// <summary>Whether the parentheses after an <c>if</c> or <c>switch</c> hold a ';' of their own: an init-statement.</summary>
    private bool SemicolonInParentheses(Cursor s, string keyword)
    {
        var tokens = s.Tokens;
        int open = 0;
        while (open < tokens.Count && tokens[open].Spelling != "(") open++;
        if (open == tokens.Count || tokens.Count == 0 || tokens[0].Spelling != keyword)
        {
            // Written by a macro: a switch is taken to have none (its other parts are unambiguous); for an if, whose
            // init and else both make three children, the doubt is said.
            if (keyword == "switch") return false;
            throw Unsupported(Codes.UnsupportedStatement, Locate(s), $"whether this {keyword} has an init-statement cannot be told (is it inside a macro?)");
        }
        for (int i = open + 1, depth = 1; i < tokens.Count && depth > 0; i++)
        {
            string t = tokens[i].Spelling;
            if (t is "(" or "[" or "{") depth++;
            else if (t is ")" or "]" or "}") depth--;
            else if (t == ";" && depth == 1) return true;
        }
        return false;
    }

    /// <summary>
    /// <c>for (init; cond; step) body</c> → <c>((declare …) (for ((set …) COND STEP) BODY…))</c>: the
    /// declarations of the init go in an enclosing block, which gives them C++'s scope.
    /// </summary>
    private Stmt LiftFor(Cursor s, SourceLocation at)
    {
        var children = s.Children;
        var body = children[^1];
        var (init, cond, step) = ForParts(s, children);
        var outer = new List<Stmt>();
        Stmt? initStmt = null;
        if (init is { } i)
        {
            var stmts = LiftStatement(i).ToList();
            var declares = stmts.OfType<DeclareStmt>().ToList();
            var rest = stmts.Where(x => x is not DeclareStmt).ToList();
            outer.AddRange(declares);
            if (rest.Count == 1) initStmt = rest[0];
            else outer.AddRange(rest);
        }
        var condition = cond is { } c ? Condition(c) : null;
        Stmt? stepStmt = null;
        if (step is { } st)
        {
            var stmts = LiftExpressionStatement(st).ToList();
            stepStmt = stmts.Count == 1 ? stmts[0] : new Block(Locate(st), stmts);
        }
        var loop = new ForStmt(at, initStmt, condition, stepStmt, LoopBody(body));
        if (outer.Count == 0) return loop;
        outer.Add(loop);
        return new Block(at, outer);
    }

    /// <summary>Which children of a for statement are its init, condition and step (libclang skips absent ones).</summary>
    private (Cursor? Init, Cursor? Cond, Cursor? Step) ForParts(Cursor s, IReadOnlyList<Cursor> children)
    {
        var parts = children.Take(children.Count - 1).ToList();
        if (parts.Count == 3) return (parts[0], parts[1], parts[2]);
        if (parts.Count == 0) return (null, null, null);
        var semicolons = SourceText.ForSemicolons(s.Start);
        if (semicolons is { } semis)
        {
            Cursor? init = null, cond = null, step = null;
            foreach (var p in parts)
            {
                var start = p.Start;
                var pos = (start.Line, start.Column);
                if (Before(pos, semis.First)) init = p;
                else if (Before(pos, semis.Second)) cond = p;
                else step = p;
            }
            return (init, cond, step);
        }
        throw Unsupported(Codes.UnsupportedStatement, Locate(s), "the parts of this for statement cannot be told apart (is it inside a macro?)");
    }

    private static bool Before((int Line, int Column) a, (int Line, int Column) b) =>
        a.Line < b.Line || a.Line == b.Line && a.Column < b.Column;

    private Stmt LiftSwitch(Cursor s, SourceLocation at)
    {
        // libclang gives the condition variable (when written), the condition and the body.
        var c = s.Children;
        if (c.Count < 2 || c.Count > 3 || c[^1].Kind != CursorKind.CompoundStmt)
            throw Unsupported(Codes.UnsupportedStatement, at, "a switch without a braced body is not translated");
        // libclang 19 does not show a switch's init-statement: found by its ';' in the tokens, and refused.
        if (SemicolonInParentheses(s, "switch"))
            throw Unsupported(Codes.UnsupportedStatement, at, "a switch with an init-statement is not translated (libclang does not show the init-statement)");
        var outer = new List<Stmt>();
        int k = 0;
        if (c[k].Kind == CursorKind.VarDecl) outer.AddRange(LiftVariable(c[k], Locate(c[k++])));
        var value = Read(Lift(c[k]), Locate(c[k]));
        var valueType = c[k].Type;
        var statement = InScope(ScopeKind.Switch, at, () => [LiftSwitchArms(c[^1], value, valueType, at)]);
        if (outer.Count == 0) return statement[0];
        outer.AddRange(statement);
        return new Block(at, outer);
    }

    private Stmt LiftSwitchArms(Cursor body, Expr value, ClangType valueType, SourceLocation at)
    {
        var arms = new List<(List<Int128> Values, bool IsDefault, List<Stmt> Body, SourceLocation At)>();
        foreach (var item in body.Children)
        {
            var current = item;
            if (current.Kind is CursorKind.CaseStmt or CursorKind.DefaultStmt)
            {
                var values = new List<Int128>();
                bool isDefault = false;
                var armAt = Locate(current);
                // case 1: case 2: default: stmt — nested labels share one arm.
                while (current.Kind is CursorKind.CaseStmt or CursorKind.DefaultStmt)
                {
                    var parts = current.Children;
                    if (current.Kind == CursorKind.CaseStmt)
                    {
                        var v = parts[0].Evaluate()?.Integer
                            ?? throw Unsupported(Codes.UnsupportedStatement, Locate(current), "a case value clang cannot fold is not translated");
                        if (parts.Count > 2) throw Unsupported(Codes.UnsupportedStatement, Locate(current), "case ranges are not translated");
                        values.Add(CaseValue(v, valueType));
                        current = parts[^1];
                    }
                    else
                    {
                        isDefault = true;
                        current = parts[0];
                    }
                }
                if (isDefault && values.Count > 0)
                {
                    // `case 1: default:` — the default arm also takes 1; the IR keeps them as an empty case arm falling into default.
                    arms.Add((values, false, [], armAt));
                    values = [];
                }
                arms.Add((values, isDefault, [], armAt));
            }
            if (arms.Count == 0)
                throw Unsupported(Codes.UnsupportedStatement, Locate(item), "statements before the first case label are not translated");
            LiftStatementInto(current, arms[^1].Body);
            LeaveForGotos(current, arms[^1].Body); // the switch stands between a goto in it and any label outside
        }
        var cases = arms.Select(a => new SwitchCase(a.At, a.Values, a.IsDefault, new Block(a.At, a.Body))).ToList();
        return new SwitchStmt(at, value, cases);
    }

    /// <summary>A case value in the range the checker accepts for the switch's type.</summary>
    private Int128 CaseValue(Int128 v, ClangType type)
    {
        var ir = _types.Map(type, SourceLocation.None);
        return LiteralValue(v, ir, type.IsUnsignedInteger);
    }
}
