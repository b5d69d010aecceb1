using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Local objects whose destructors run when control leaves their scope, as C++'s automatic storage duration has it:
/// at the end of their block, and on a <c>return</c>, <c>break</c> or <c>continue</c> that leaves it, last constructed
/// first. A scope is a block, a loop body (what <c>continue</c> and <c>break</c> leave) or a switch body (what
/// <c>break</c> leaves).
/// </summary>
internal sealed partial class FunctionLifter
{
    private enum ScopeKind { Block, Loop, Switch }

    private sealed class Scope(ScopeKind kind)
    {
        public ScopeKind Kind { get; } = kind;
        /// <summary>The objects to destroy, in the order they were constructed; those a goto may have jumped over have a
        /// flag saying whether they were constructed (FunctionLifter.Goto.cs).</summary>
        public List<(Local Object, SourceLocation At, string? Alive)> Objects { get; } = [];
    }

    private readonly List<Scope> _scopes = [];

    /// <summary>Lifts <paramref name="lift"/> inside a new scope; for a block, the destructors of the objects it
    /// declared are appended (unless its statements end by leaving it, which ran them already).</summary>
    private List<Stmt> InScope(ScopeKind kind, SourceLocation at, Func<List<Stmt>> lift)
    {
        var scope = new Scope(kind);
        _scopes.Add(scope);
        try
        {
            var list = lift();
            if (scope.Objects.Count > 0 && !EndsByLeaving(list)) list.AddRange(Destroy(scope, at, spared: null));
            return list;
        }
        finally { _scopes.RemoveAt(_scopes.Count - 1); }
    }

    private static bool EndsByLeaving(List<Stmt> list) => list.LastOrDefault() switch
    {
        ReturnStmt or BreakStmt or ContinueStmt => true,
        Block b => EndsByLeaving(b.Statements.ToList()),
        _ => false,
    };

    /// <summary>Records a local whose destruction runs code, for its scope to destroy.</summary>
    private void RegisterDestruction(Local local, ClangType type, SourceLocation at)
    {
        if (local.IsReference || !HasUserDestruction(type, at)) return;
        if (_scopes.Count == 0 || _scopes[^1].Kind != ScopeKind.Block)
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"'{local.Name}' has a destructor and is declared directly in a switch body or an unbraced loop body; this is not translated");
        _scopes[^1].Objects.Add((local, at, null));
    }

    /// <summary>What leaving scopes runs: the destructors of the scopes from the innermost outwards, up to (not
    /// including) the innermost scope of kind <paramref name="until"/> (all scopes when null). A returned local,
    /// <paramref name="spared"/>, is not destroyed: it becomes the result (clang elides the copy).</summary>
    private List<Stmt> LeaveScopes(Func<ScopeKind, bool>? until, SourceLocation at, Local? spared = null)
    {
        var list = new List<Stmt>();
        for (int k = _scopes.Count - 1; k >= 0 && !(until?.Invoke(_scopes[k].Kind) ?? false); k--)
            list.AddRange(Destroy(_scopes[k], at, spared));
        return list;
    }

    /// <summary>Class-typed expressions that initialize an object in place (a variable, member, element, new object or
    /// result), so are no temporaries.</summary>
    private readonly HashSet<Cursor> _inPlace = [];

    /// <summary>Notes that <paramref name="init"/> builds the object it initializes in place: with its elements and
    /// members for a brace list, and the source of a copy or move clang elides.</summary>
    private void MarkInPlace(Cursor init)
    {
        var e = init;
        while (e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr && e.Children is [var inner]) e = inner;
        if (!_inPlace.Add(e)) return;
        if (e.Kind == CursorKind.InitListExpr) foreach (var c in e.Children) MarkInPlace(c);
        else if (ElidedCopySource(e) is { } source) MarkInPlace(source);
    }

    /// <summary>The operand of a copy or move construction clang elides (<c>T x = make();</c>, <c>return g;</c>), or null.</summary>
    private static Cursor? ElidedCopySource(Cursor e) =>
        e.Kind == CursorKind.CallExpr && e.Referenced.Kind == CursorKind.Constructor && e.Children is [var source]
        && TypeMapper.SameClass(source.Type, e.Type) ? source : null;

    /// <summary>TR0404 for a temporary whose destruction runs code (a class object made for an argument or a
    /// subexpression): its destructor would run at the end of the full-expression, and that is not translated.</summary>
    private void RefuseDestructibleTemporary(Cursor e, SourceLocation at)
    {
        if (e.Type.Canonical.Kind != TypeKind.Record || _inPlace.Contains(e)) return;
        if (e.Kind == CursorKind.CallExpr && e.Referenced is { IsNull: false } callee && callee.Kind != CursorKind.Constructor && callee.ResultType.Canonical.IsReference) return;
        if (HasUserDestruction(e.Type, at))
            throw Unsupported(Codes.UnsupportedExpression, at, $"a temporary '{e.Type.Spelling}' is destroyed at the end of its full-expression, and its destructor runs code; this is not translated (name the object: a local is destroyed at the end of its block)");
    }

    /// <summary>The local a <c>return</c> names (its object becomes the result), or null.</summary>
    private Local? ReturnedLocal(Cursor value)
    {
        var e = StripTransparent(value);
        // `return g;` of a class is a copy or move construction of the result from g (through a cast to const or to an
        // rvalue), which clang elides.
        if (ElidedCopySource(e) is { } source)
            for (e = source; e.Kind == CursorKind.UnexposedExpr && e.Children is [var inner]; e = inner) { }
        return e.Kind == CursorKind.DeclRefExpr && _locals.TryGetValue(e.Referenced.Canonical, out var local) ? local : null;
    }

    private bool HasObjectsToDestroy => _scopes.Any(s => s.Objects.Count > 0);

    private List<Stmt> Destroy(Scope scope, SourceLocation at, Local? spared)
    {
        var list = new List<Stmt>();
        for (int k = scope.Objects.Count - 1; k >= 0; k--)
        {
            var (local, declared, alive) = scope.Objects[k];
            if (ReferenceEquals(local, spared)) continue;
            var destroy = DestroyAt(AddressOf(PlaceOf(local, declared), at), local.CType, at);
            if (alive is null) list.AddRange(destroy);
            else list.Add(new IfStmt(at, new VarRef(at, alive), new Block(at, destroy), null));
        }
        return list;
    }

    /// <summary>Runs the destructor of the object (or each element of the array, last first) at <paramref name="address"/>.</summary>
    private List<Stmt> DestroyAt(Expr address, ClangType type, SourceLocation at)
    {
        var t = type.Canonical;
        if (t.Kind == TypeKind.ConstantArray)
            return LastToFirst(Literal(t.ArraySize, IrType.Int64, at), i => DestroyAt(new ArrayPtrAddExpr(at, ArrayBase(address, at), i), t.ArrayElement, at), at);
        if (ModuleLifter.WrittenDestructor(t) is { IsDefaultedMethod: false } && UserDestructor(t, at) is { } destructor)
            return [new ExprStmt(at, new CallExpr(at, destructor, [address]))];
        // The compiler's destructor: the members' (refused when they run code), then the bases'.
        RequireTrivialFieldDestruction(t, at);
        return DestroyBases(t, address, at);
    }
}
