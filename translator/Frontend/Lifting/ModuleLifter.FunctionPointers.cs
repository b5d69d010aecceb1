using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Pointers to functions, resolved over the functions whose address the program takes. A translation unit holds every
/// function a pointer in it can reach (device code cannot take the address of a function in another unit without
/// separate compilation), so a pointer needs no address: it is the function's number in the program (int64, 0 for null),
/// the same wherever it is stored, copied to the host and back or passed to a kernel. A call through a pointer goes to a
/// dispatcher, <c>__tr_indirect_…</c>, one per function type and side (host code, device code), that compares the number
/// with each function of that type whose address is taken and calls it. The dispatchers are written once every
/// function is lifted. A number that names no such function — a pointer made on the other side, or never set — prints
/// what happened and stops the program (TR0311), as a GPU stops at an illegal instruction, rather than call anything.
/// </summary>
internal sealed partial class ModuleLifter
{
    /// <summary>Each function whose address is taken: its number, what a call runs, the function type it has (what
    /// dispatchers match), and for a lambda's invoker the closure whose <c>operator()</c> runs in its place.</summary>
    private readonly Dictionary<Cursor, (long Id, PendingFunction Function, string Type, ClangType? Closure)> _functionIds = [];
    private readonly Dictionary<(string Type, bool Device), (PendingFunction Dispatcher, ClangType Type)> _indirect = [];

    /// <summary>The number of function <paramref name="function"/> as a pointer's value, queuing it for lifting.</summary>
    internal long FunctionId(Cursor function, SourceLocation at)
    {
        var def = function.Definition.IsNull ? function : function.Definition;
        if (Has(def, CursorKind.CUDAGlobalAttr))
            throw new LiftException(Codes.UnsupportedExpression, at, $"the address of kernel '{def.Spelling}' as a value is not translated (launch it with <<<…>>>)");
        if (def.Kind == CursorKind.CXXMethod && !def.IsStaticMethod)
            throw new LiftException(Codes.UnsupportedExpression, at, $"pointers to member functions ('{def.Spelling}') are not translated");
        var key = def.Canonical;
        if (_functionIds.TryGetValue(key, out var known)) return known.Id;
        long id = _functionIds.Count + 1;
        string type = def.Type.Canonical.Spelling;
        // A lambda without captures converts to a pointer to its invoker, which clang writes only when it generates code:
        // the call runs the closure's operator() (on a closure of no state) instead.
        if (def.Kind == CursorKind.CXXMethod && def.Spelling == "__invoke" && LambdaClosures.IsClosure(def.SemanticParent.Type)
            && def.SemanticParent.Children.FirstOrDefault(c => c.Kind == CursorKind.CXXMethod && c.Spelling == "operator()") is { IsNull: false } call)
            _functionIds[key] = (id, Request(call), type, def.SemanticParent.Type);
        else _functionIds[key] = (id, Request(def), type, null);
        return id;
    }

    /// <summary>The dispatcher of calls through pointers to <paramref name="functionType"/> made on one side, written once every function is lifted.</summary>
    internal PendingFunction RequestIndirect(ClangType functionType, bool device, Cursor site)
    {
        var key = (functionType.Canonical.Spelling, device);
        if (_indirect.TryGetValue(key, out var known)) return known.Dispatcher;
        string baseName = "__tr_indirect_" + (device ? "device_" : "host_") + Names.Sanitize(functionType.Canonical.Spelling);
        string name = baseName;
        for (int k = 2; !_functionNames.Add(name); k++) name = $"{baseName}_{k}";
        var pending = new PendingFunction(site, name);
        _indirect[key] = (pending, functionType);
        return pending;
    }

    /// <summary>Writes each dispatcher over the functions of its type whose address was taken on its side.</summary>
    private void ResolveIndirectCalls()
    {
        foreach (var ((typeName, device), (d, type)) in _indirect)
        {
            var at = _source.Locate(d.Definition);
            var targets = _functionIds
                .Where(f => f.Value.Type == typeName && OnSide(f.Value.Function.Definition, device))
                .OrderBy(f => f.Value.Id).Select(f => (f.Value.Id, f.Value.Function, f.Value.Closure)).ToList();
            foreach (var (_, f, _) in targets) d.Uses.Add(f);
            try { d.Lifted = IndirectDispatcher(d.Name, type, device, targets, at); }
            catch (LiftException e)
            {
                d.Failure = e.Diagnostic;
                _bag.Add(e.Diagnostic);
            }
        }
    }

    /// <summary>Whether a function may be called from a dispatcher on that side (host functions from host code only, device
    /// functions from device code only). A lambda's functions carry no attribute: clang makes them host and device.</summary>
    private static bool OnSide(Cursor function, bool device) =>
        function.Kind == CursorKind.CXXMethod && LambdaClosures.IsClosure(function.SemanticParent.Type) || RoleOf(function) switch
    {
        FunctionRole.Host => !device,
        FunctionRole.Device => device,
        _ => true,
    };

    /// <summary>
    /// <c>(define ((NAME R) (fn int64) (a0 T0) …) (if (eq fn ID) (ret (call F a0 …))) … (trap))</c>.
    /// </summary>
    private FunctionDef IndirectDispatcher(string name, ClangType type, bool device, List<(long Id, PendingFunction Function, ClangType? Closure)> targets,
        SourceLocation at)
    {
        var returnType = Types.Map(type.Result, at);
        var parameters = new List<Parameter> { new("fn", IrType.Int64, at) };
        var argumentTypes = type.ArgumentTypes;
        for (int i = 0; i < argumentTypes.Count; i++) parameters.Add(new Parameter($"a{i}", ParameterType(argumentTypes[i], at), at));
        var body = new List<Stmt>();
        var cases = new List<(long, Stmt)>();
        int closures = 0;
        foreach (var (id, f, closure) in targets)
        {
            var args = parameters.Skip(1).Select(p => (Expr)new VarRef(at, p.Name)).ToList();
            if (closure is { } c)
            {
                string self = $"closure{closures++}";
                body.Add(new DeclareStmt(at, self, Types.Map(c, at)));
                args.Insert(0, new PtrToExpr(at, self));
            }
            cases.Add((id, Returning(new CallExpr(at, f.Name, args), returnType, at)));
        }
        body.AddRange(Dispatch("fn", cases,
            $"call through a pointer to '{type.Canonical.Spelling}' whose value (%lld) is no {(device ? "device" : "host")} function of that type whose address this program takes\n", at));
        return new FunctionDef(at, FunctionKind.Function, name, returnType, parameters, new Block(at, body));
    }
}
