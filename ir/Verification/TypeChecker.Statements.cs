using Translate.Ir.Parsing;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Ir.Verification;

internal sealed partial class Checker
{
    private void CheckStatementGuarded(Stmt s) => Guard(() => CheckStatement(s));

    private void InScope(Action body)
    {
        var saved = _scope;
        _scope = new Scope(saved);
        try { body(); }
        finally { _scope = saved; }
    }

    private void CheckBlock(Block b, bool newScope = true)
    {
        if (newScope) InScope(() => { foreach (var s in b.Statements) CheckStatementGuarded(s); });
        else foreach (var s in b.Statements) CheckStatementGuarded(s);
    }

    private void CheckStatement(Stmt s)
    {
        switch (s)
        {
            case Block b:
                CheckBlock(b);
                break;
            case DeclareStmt d:
                ValidateType(d.Type, d.Location, allowVoid: false);
                if (_scope.DeclaresHere(d.Name))
                    throw Error(Codes.Redeclared, d.Location, $"'{d.Name}' is already declared in this scope");
                d.Symbol = NewSymbol(d.Name, d.Type, SymbolKind.Local, d.Location);
                _scope.Add(d.Symbol);
                break;
            case SetStmt set:
            {
                var sym = Lookup(set.Name, set.Location);
                set.Symbol = sym;
                CheckExpr(set.Value, sym.Type);
                Require(set.Value, sym.Type, $"'{set.Name}' has type {sym.Type}");
                if (sym.Kind == SymbolKind.Shared) _usage.DeviceOnly(set.Location, "shared memory");
                break;
            }
            case IfStmt i:
                CheckCondition(i.Condition);
                InScope(() => CheckStatement(i.Then));
                if (i.Else is not null) InScope(() => CheckStatement(i.Else));
                break;
            case ForStmt f:
                InScope(() =>
                {
                    // Declarations in the header are visible in the loop, as in C's for (int i = 0; ...).
                    if (f.Init is Block initBlock) CheckBlock(initBlock, newScope: false);
                    else if (f.Init is not null) CheckStatement(f.Init);
                    if (f.Condition is not null) CheckCondition(f.Condition);
                    if (f.Step is not null) CheckStatement(f.Step);
                    InLoop(() => CheckBlock(f.Body));
                });
                break;
            case WhileStmt w:
                CheckCondition(w.Condition);
                InLoop(() => CheckBlock(w.Body));
                break;
            case DoWhileStmt d:
                InLoop(() => CheckBlock(d.Body));
                CheckCondition(d.Condition);
                break;
            case BreakStmt:
                if (_loopDepth == 0 && _switchDepth == 0)
                    throw Error(Codes.BreakOutsideLoop, s.Location, "(break) is only allowed inside a loop or switch");
                break;
            case ContinueStmt:
                if (_loopDepth == 0)
                    throw Error(Codes.BreakOutsideLoop, s.Location, "(continue) is only allowed inside a loop");
                break;
            case SwitchStmt sw:
                CheckSwitch(sw);
                break;
            case ReturnStmt r:
                CheckReturn(r);
                break;
            case ExprStmt e:
                CheckExpr(e.Expression, null);
                break;
            case SharedStmt sh:
            {
                var def = sh.Definition;
                ValidateType(def.Type, def.Location, allowVoid: false, allowDynamicArray: true);
                if (_scope.DeclaresHere(def.Name))
                    throw Error(Codes.Redeclared, def.Location, $"'{def.Name}' is already declared in this scope");
                var sym = NewSymbol(def.Name, def.Type, SymbolKind.Shared, def.Location);
                sym.NeedsMemory = true;
                sym.Definition = def;
                def.Symbol = sym;
                _scope.Add(sym);
                _usage.DeviceOnly(def.Location, "define-shared");
                break;
            }
            case LocStmt:
                break;
            default:
                throw new InvalidOperationException(s.GetType().Name);
        }
    }

    private void InLoop(Action body)
    {
        _loopDepth++;
        try { body(); }
        finally { _loopDepth--; }
    }

    private void CheckCondition(Expr cond)
    {
        CheckExpr(cond, IrType.Bool);
        Require(cond, IrType.Bool, "a condition is a bool; compare with (ne X 0) to test a number");
    }

    private void CheckSwitch(SwitchStmt sw)
    {
        var t = CheckExpr(sw.Value, null);
        if (!t.IsInteger) throw Error(Codes.TypeMismatch, sw.Value.Location, $"switch needs an integer value, not {t}");
        _switchDepth++;
        try
        {
            // Arms share one scope, as the cases of a C switch share its block.
            InScope(() =>
            {
                foreach (var c in sw.Cases)
                {
                    foreach (var v in c.Values) RequireFits(v, t, c.Location);
                    CheckBlock(c.Body, newScope: false);
                }
            });
        }
        finally { _switchDepth--; }
    }

    private void CheckReturn(ReturnStmt r)
    {
        var want = _function.ReturnType;
        if (r.Value is null)
        {
            if (!want.IsVoid) throw Error(Codes.MissingReturn, r.Location, $"'{_function.Name}' returns {want}; (ret) needs a value");
            return;
        }
        if (want.IsVoid) throw Error(Codes.MissingReturn, r.Location, $"'{_function.Name}' returns void; write (ret) without a value");
        CheckExpr(r.Value, want);
        Require(r.Value, want, $"'{_function.Name}' returns {want}");
    }

    private Symbol Lookup(string name, Syntax.SourceLocation at) =>
        _scope.Find(name) ?? throw (Literals.StartsLikeNumber(name)
            ? Error(Codes.BadLiteral, at, $"'{name}' is not a number this language can spell (nor a declared name)")
            : Error(Codes.UndeclaredVariable, at, $"'{name}' is not declared"));

    /// <summary>Reports a mismatch between an expression's type and the one its place needs.</summary>
    private static void Require(Expr e, IrType want, string why)
    {
        if (e.Type != want)
            throw Error(Codes.TypeMismatch, e.Location, $"expected {want}, found {e.Type}: {why}");
    }
}
