using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Virtual calls, resolved over the classes the program constructs. A translation unit holds every class whose objects
/// its code builds, so a virtual call needs no table: constructors store their class's number in the object's type tag
/// (<see cref="TypeMapper.TypeTagField"/>), and a call of virtual method <c>S::m</c> through a pointer or reference goes
/// to a dispatcher, <c>__tr_virtual_…</c>, that compares the tag with each constructed class derived from <c>S</c> and
/// calls that class's final overrider. The dispatchers are written once every function is lifted (an overrider may
/// construct further classes, so until nothing new appears). An object whose tag names no such class — built by host
/// code and copied to the device, which CUDA does not allow — prints what happened and stops the program (TR0311) rather than call anything.
/// </summary>
internal sealed partial class ModuleLifter
{
    private readonly Dictionary<string, int> _classIds = [];
    private readonly List<(ClangType Class, int Id)> _dynamicClasses = [];
    private readonly Dictionary<Cursor, PendingFunction> _dispatchers = [];

    /// <summary>One branch of a dispatcher: objects of class <c>Class</c> (tag <c>Id</c>) run <c>Callee</c>, or nothing (a
    /// destructor that does nothing); <c>Owner</c> is the class declaring the overrider.</summary>
    private sealed record DispatchTarget(int Id, ClangType Owner, PendingFunction? Callee);

    /// <summary>The type tag of polymorphic class <paramref name="record"/>, numbered the first time it is constructed.</summary>
    internal long ClassId(ClangType record)
    {
        var c = record.Canonical;
        string key = EntityKey.Of(c.Declaration.Definition.IsNull ? c.Declaration : c.Declaration.Definition);
        if (_classIds.TryGetValue(key, out int id)) return id;
        id = _classIds.Count + 1;
        _classIds[key] = id;
        _dynamicClasses.Add((c, id));
        return id;
    }

    /// <summary>The dispatcher of virtual method <paramref name="method"/>, written once every function is lifted.</summary>
    internal PendingFunction RequestDispatcher(Cursor method)
    {
        var key = method.Canonical;
        if (_dispatchers.TryGetValue(key, out var known)) return known;
        string baseName = "__tr_virtual_" + Names.Sanitize(method.SemanticParent.Type.Canonical.Spelling) + "_" + Names.ForFunction(method);
        string name = baseName;
        for (int k = 2; !_functionNames.Add(name); k++) name = $"{baseName}_{k}";
        var pending = new PendingFunction(method, name);
        _dispatchers[key] = pending;
        return pending;
    }

    /// <summary>Finds each dispatcher's classes and their overriders (lifting those), then writes the dispatchers.</summary>
    private void ResolveVirtualCalls()
    {
        var targets = new Dictionary<PendingFunction, List<DispatchTarget>>();
        var seen = new HashSet<(PendingFunction, int)>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var d in _dispatchers.Values.ToList())
            {
                if (!targets.TryGetValue(d, out var list)) targets[d] = list = [];
                var at = _source.Locate(d.Definition);
                var owner = d.Definition.SemanticParent.Type;
                foreach (var (cls, id) in _dynamicClasses.ToList())
                {
                    if (!seen.Add((d, id))) continue;
                    changed = true;
                    try
                    {
                        if (!TypeMapper.SameClass(cls, owner) && Types.BasePath(cls, owner, at) is null) continue;
                        // A final overrider that is pure: the class is abstract, its objects exist only while constructed.
                        if (FinalOverrider(cls, d.Definition, at) is not { } overrider || overrider.IsPureVirtualMethod) continue;
                        bool trivial = overrider.Kind == CursorKind.Destructor && (overrider.IsDefaultedMethod || !FunctionLifter.HasBody(overrider));
                        var callee = trivial ? null : Request(overrider);
                        if (callee is not null) d.Uses.Add(callee);
                        list.Add(new DispatchTarget(id, overrider.SemanticParent.Type, callee));
                    }
                    catch (LiftException e)
                    {
                        d.Failure ??= e.Diagnostic;
                        _bag.Add(e.Diagnostic);
                    }
                }
            }
            if (changed) LiftQueued();
        }
        foreach (var (d, list) in targets)
        {
            if (d.Failure is not null) continue;
            try { d.Lifted = Dispatcher(d, list); }
            catch (LiftException e)
            {
                d.Failure = e.Diagnostic;
                _bag.Add(e.Diagnostic);
            }
        }
    }

    /// <summary>
    /// The method that runs for <paramref name="method"/> on an object of class <paramref name="record"/>: the nearest
    /// declaration of the same name, parameters and constness along the class's chain of polymorphic first bases (the
    /// nearest destructor, for a destructor).
    /// </summary>
    private Cursor? FinalOverrider(ClangType record, Cursor method, SourceLocation at)
    {
        for (ClangType? c = record.Canonical; c is { } x; c = Types.DynamicBase(x, at))
        {
            if (TypeMapper.SameClass(x, method.SemanticParent.Type)) return method;
            if (MemberlessPattern(x) is { } pattern)
            {
                // An implicit instantiation shows no members: one its template declares is found by a probe.
                if (!pattern.Children.Any(m => Overrides(m, method, byName: true))) continue;
                var found = InstantiatedMember(x, method, at);
                if (TypeMapper.SameClass(found.SemanticParent.Type, x)) return found;
                continue; // the template's member of that name overrides nothing here
            }
            var decl = TypeMapper.DefinitionOf(x);
            foreach (var m in decl.Children)
                if (Overrides(m, method, byName: false)) return m;
        }
        return null;
    }

    /// <summary>Whether <paramref name="m"/> is a destructor like <paramref name="method"/>, or a method of its name (and,
    /// unless <paramref name="byName"/>, its parameters and constness).</summary>
    private static bool Overrides(Cursor m, Cursor method, bool byName) =>
        method.Kind == CursorKind.Destructor ? m.Kind == CursorKind.Destructor
        : m.Kind is CursorKind.CXXMethod or CursorKind.FunctionTemplate && m.Spelling == method.Spelling && (byName || SameParameters(m, method));

    private static bool SameParameters(Cursor a, Cursor b) =>
        a.ArgumentCount == b.ArgumentCount && a.IsConstMethod == b.IsConstMethod
        && Enumerable.Range(0, a.ArgumentCount).All(i => a.Argument(i).Type.Canonical.Spelling == b.Argument(i).Type.Canonical.Spelling);

    /// <summary>
    /// <c>(define ((NAME R) (this (ptr S)) (a0 T0) …) (declare tag i64) (set tag (load …)) (if (eq tag ID) (ret (call F this a0 …))) … (trap))</c>.
    /// </summary>
    private FunctionDef Dispatcher(PendingFunction d, List<DispatchTarget> targets)
    {
        var method = d.Definition;
        var at = _source.Locate(method);
        var owner = method.SemanticParent.Type;
        var ownerType = Types.Map(owner, at);
        var returnType = Types.Map(method.ResultType, at);
        var parameters = new List<Parameter> { new("this", new PointerType(ownerType, AddressSpace.Generic), at) };
        for (int i = 0; i < method.ArgumentCount; i++) parameters.Add(new Parameter($"a{i}", ParameterType(method.Argument(i).Type, at), at));
        Expr tag = new VarRef(at, "this");
        foreach (var f in Types.TypeTagPath(owner, at)) tag = new StructPtrAddExpr(at, tag, f);
        var body = new List<Stmt> { new DeclareStmt(at, "tag", IrType.Int64), new SetStmt(at, "tag", new LoadExpr(at, tag)) };
        var cases = targets.Select(target =>
        {
            if (target.Callee is not { } callee) return ((long)target.Id, (Stmt)new ReturnStmt(at, null));
            Expr self = TypeMapper.SameClass(target.Owner, owner) ? new VarRef(at, "this")
                : new CastExpr(at, CastOp.Bitcast, new VarRef(at, "this"), new PointerType(Types.Map(target.Owner, at), AddressSpace.Generic));
            Expr call = new CallExpr(at, callee.Name, [self, .. parameters.Skip(1).Select(p => (Expr)new VarRef(at, p.Name))]);
            // A covariant return (Derived* for Base*) is the same address: the pointer is retyped.
            if (returnType is PointerType && Types.Map(callee.Definition.ResultType, at) is PointerType own && own != returnType)
                call = new CastExpr(at, CastOp.Bitcast, call, returnType);
            return ((long)target.Id, Returning(call, returnType, at));
        });
        // An object no device constructor made (built by host code and copied, which CUDA does not allow either).
        body.AddRange(Dispatch("tag", cases,
            $"virtual call of '{owner.Canonical.Spelling}::{method.Spelling}' on an object whose class no device code constructs (type tag %lld): objects with virtual functions must be built in device code\n", at));
        return new FunctionDef(at, FunctionKind.Function, d.Name, returnType, parameters, new Block(at, body));
    }

    /// <summary>
    /// The end of a dispatcher (virtual calls, calls through function pointers): <c>(if (eq SELECTOR ID) THEN)</c> for
    /// each case, then, for a selector no case has, <paramref name="unknown"/> printed with it (<c>%lld</c>) and a trap (TR0311).
    /// </summary>
    private static IEnumerable<Stmt> Dispatch(string selector, IEnumerable<(long Id, Stmt Then)> cases, string unknown, SourceLocation at)
    {
        foreach (var (id, then) in cases)
            yield return new IfStmt(at, new BinaryExpr(at, BinaryOp.Eq, new VarRef(at, selector), new IntLit(at, id, IrType.Int64)), then, null);
        yield return new ExprStmt(at, new CallExpr(at, "printf", [new StringLit(at, unknown), new VarRef(at, selector)]));
        yield return new ExprStmt(at, new TrapExpr(at));
    }

    /// <summary>Returns what <paramref name="call"/> gives (a void call, then returns).</summary>
    private static Stmt Returning(Expr call, IrType returnType, SourceLocation at) =>
        returnType.IsVoid ? new Block(at, [new ExprStmt(at, call), new ReturnStmt(at, null)]) : new ReturnStmt(at, call);

    /// <summary>A parameter's IR type as lifted functions take it: an array parameter is a pointer, a reference its address.</summary>
    private IrType ParameterType(ClangType t, SourceLocation at) =>
        t.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray
            ? new PointerType(Types.Map(t.Canonical.ArrayElement, at), AddressSpace.Generic) : Types.Map(t, at);
}
