using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Lifts one C++ function body into an IR function. Split by concern: statements, expressions,
/// operators, calls, CUDA built-ins, conversions. Anything it cannot lift exactly throws
/// <see cref="LiftException"/>, and the function is reported as not translated.
/// </summary>
internal sealed partial class FunctionLifter
{
    private readonly ModuleLifter _module;
    private readonly ModuleLifter.PendingFunction _pending;
    private readonly Cursor _function;
    private readonly SourceMap _source;
    private readonly TypeMapper _types;
    private readonly Dictionary<Cursor, Local> _locals = [];
    private readonly HashSet<Cursor> _addressTaken = [];
    private int _temps;
    private IrType _returnType = IrType.Void;
    private ClangType _returnCType;

    /// <summary>A local variable or parameter: in a register (read by name, written with <c>set</c>),
    /// in memory (its address is <c>(ptr-to NAME)</c>), or a reference (NAME holds the address).</summary>
    /// <summary>A parameter declared as an array (<c>float x[]</c>, <c>T a[N][M]</c>) is the pointer it decays to: its
    /// IR type is that pointer, and uses take the decayed C++ type from the expression naming it.</summary>
    private sealed record Local(string Name, IrType Type, ClangType CType, bool InMemory, bool IsReference, bool IsDecayedArray = false);

    /// <summary>Declarations of temporaries whose address outlives the expression that makes them (a temporary
    /// bound to a reference parameter): declared once at the top of the function, reused by each evaluation.</summary>
    private readonly List<Stmt> _hoisted = [];

    public FunctionLifter(ModuleLifter module, ModuleLifter.PendingFunction pending)
    {
        _module = module;
        _pending = pending;
        _function = pending.Definition;
        _source = module.Source;
        _types = module.Types;
    }

    private SourceLocation Locate(Cursor c) => _source.Locate(c);

    private static LiftException Unsupported(DiagnosticCode code, SourceLocation at, string message) => new(code, at, message);

    public FunctionDef Lift()
    {
        var at = Locate(_function);
        if (_function.Kind is CursorKind.Destructor) RequireTrivialFieldDestruction(_function.SemanticParent.Type, at);
        var body = _function.Children.LastOrDefault(c => c.Kind == CursorKind.CompoundStmt);
        if (body.Kind != CursorKind.CompoundStmt)
            throw Unsupported(Codes.UndefinedFunction, at, $"'{_function.DisplayName}' has no body");
        FindAddressTakenVariables(body);
        FindSharedPointerVariables(body);
        _warpSynchronous = IsWarpSynchronous(_function, body);
        bool kernel = ModuleLifter.Has(_function, CursorKind.CUDAGlobalAttr);
        _returnCType = _function.ResultType;
        _returnType = _types.Map(_returnCType, at);
        var parameters = new List<Parameter>();
        var prologue = new List<Stmt>();
        if (IsMemberWithObject(_function))
        {
            var record = _types.Map(_function.SemanticParent.Type, at);
            parameters.Add(new Parameter("this", new PointerType(record, AddressSpace.Generic), at));
        }
        int count = _function.ArgumentCount;
        for (int i = 0; i < count; i++)
        {
            var p = _function.Argument(i);
            string name = p.Spelling.Length > 0 ? p.Spelling : $"arg{i}";
            // An expanded parameter pack (template <typename... A> f(A... args)) gives every element the pack's name.
            if (parameters.Any(q => q.Name == name)) name = $"{name}.{i}";
            var local = DeclareLocal(p, name);
            parameters.Add(new Parameter(name, local.Type, Locate(p)));
        }
        var statements = new List<Stmt>(prologue);
        if (_function.Kind is CursorKind.Constructor) statements.AddRange(LiftMemberInitializers(at));
        // As C++ resets the virtual table pointer on entering a destructor: from here on the object is of this class
        // again, so virtual calls in this destructor and in the bases' reach this class's overriders, not a derived one's.
        if (_function.Kind is CursorKind.Destructor && _types.IsPolymorphic(_function.SemanticParent.Type))
            statements.Add(StoreTypeTag(_function.SemanticParent.Type, new VarRef(at, "this"), at));
        statements.AddRange(LiftBlockItems(body));
        if (_function.Kind is CursorKind.Destructor) statements.AddRange(DestructorEpilogue(body, at));
        if (_unanswered is { } unanswered) throw unanswered;
        statements.InsertRange(0, _hoisted);
        if (kernel) statements = WarpReconvergence.AtTopLevel(statements, _module.SharedVariableNames);
        if (_function.Spelling == "main" && _returnType == IrType.Int32 && statements.LastOrDefault() is not ReturnStmt)
            statements.Add(new ReturnStmt(at, new IntLit(at, 0, null))); // C++: falling off main returns 0
        else if (!_returnType.IsVoid && ReturnFlow.CanFallOffEnd(new Block(at, statements), _ => false))
        {
            // C++ leaves falling off a value-returning function undefined (clang warns -Wreturn-type,
            // reported as TR0402); as clang does at -O0, the path stops the program (TR0311) rather
            // than hand back an undefined value. The lifter defines no exit or abort of its own.
            statements.Add(new LocStmt(at, at));
            statements.Add(new ExprStmt(at, new TrapExpr(at)));
        }
        var kind = kernel ? FunctionKind.Kernel : ModuleLifter.IsForceInline(_function) ? FunctionKind.Inline : FunctionKind.Function;
        return new FunctionDef(at, kind, _pending.Name, _returnType, parameters, new Block(at, statements));
    }

    /// <summary>Methods, constructors and conversion functions take their object's address as <c>this</c>.</summary>
    internal static bool IsMemberWithObject(Cursor f) =>
        f.Kind is CursorKind.Constructor or CursorKind.ConversionFunction or CursorKind.Destructor || f.Kind == CursorKind.CXXMethod && !f.IsStaticMethod;

    /// <summary>Registers a local or parameter, choosing register or memory.</summary>
    private Local DeclareLocal(Cursor variable, string name)
    {
        var at = Locate(variable);
        var ctype = variable.Type;
        // libclang gives a parameter's type as written; C++ adjusts an array parameter to a pointer.
        bool decayed = IsArrayParameter(variable);
        var type = decayed ? new PointerType(_types.Map(ctype.Canonical.ArrayElement, at), AddressSpace.Generic) : _types.Map(ctype, at);
        bool reference = ctype.Canonical.IsReference;
        bool memory = !reference && (type.IsAggregate || _addressTaken.Contains(variable.Canonical));
        var local = new Local(name, type, ctype, memory, reference, decayed);
        _locals[variable.Canonical] = local;
        return local;
    }

    /// <summary>A fresh name for a temporary; the dot keeps it apart from every C++ identifier.</summary>
    private string NewTemp() => $"tmp.{++_temps}";

    /// <summary>Variables whose address is taken (with &amp;, or by binding a reference) live in memory.</summary>
    private void FindAddressTakenVariables(Cursor c)
    {
        switch (c.Kind)
        {
            case CursorKind.LambdaExpr:
                FindAddressTakenInLambda(c);
                return;
            case CursorKind.UnaryOperator when c.UnaryOperator == UnaryOperatorKind.AddrOf:
                MarkVariable(c.Children.FirstOrDefault());
                break;
            case CursorKind.VarDecl when c.Type.Canonical.IsReference && ModuleLifter.InitializerOf(c) is { } init:
                MarkVariable(init);
                break;
            case CursorKind.InitListExpr when c.Type.Canonical.Kind == TypeKind.Record:
                // A brace list binding a reference member (`R x{n}` with `int &r`).
                foreach (var member in Records.InitializedMembers(c, c.Type) ?? [])
                    if (member.Field.Type.Canonical.IsReference && member.Elided is null) MarkVariable(member.Value);
                break;
            case CursorKind.InitListExpr when c.Type.Canonical.Kind == TypeKind.Void:
                // A list a constructor takes (FunctionLifter.ListConstruction), which may bind any lvalue by reference.
                foreach (var element in c.Children)
                    if (IsLvalue(element)) MarkVariable(element);
                break;
            case CursorKind.CallExpr:
            {
                var callee = c.Referenced;
                if (!callee.IsNull && callee.ArgumentCount > 0)
                {
                    int n = Math.Min(c.ArgumentCount, callee.ArgumentCount);
                    for (int i = 0; i < n; i++)
                        if (callee.Argument(i).Type.Canonical.IsReference) MarkVariable(c.Argument(i));
                }
                // The object of a method call is passed by address (p->method() passes p's value).
                if (callee.Kind is CursorKind.CXXMethod or CursorKind.ConversionFunction
                    && c.Children.FirstOrDefault() is { Kind: CursorKind.MemberRefExpr } m
                    && m.Children.FirstOrDefault() is { IsNull: false } obj && Records.Unwrapped(obj).Type.Canonical.Kind != TypeKind.Pointer)
                    MarkVariable(obj);
                break;
            }
        }
        foreach (var child in c.Children) FindAddressTakenVariables(child);
    }

    /// <summary>A parameter declared as an array (<c>float3 colors[16]</c>): a pointer, which libclang shows with the array type.</summary>
    private static bool IsArrayParameter(Cursor declaration) =>
        declaration.Kind == CursorKind.ParmDecl && declaration.Type.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray;

    private void MarkVariable(Cursor e)
    {
        e = Records.Unwrapped(e);
        if (!e.IsNull && e.Kind is CursorKind.DeclRefExpr or CursorKind.MemberRefExpr or CursorKind.ArraySubscriptExpr)
        {
            if (e.Kind == CursorKind.DeclRefExpr) _addressTaken.Add(e.Referenced.Canonical);
            // a[i] and s.m are inside the variable a or s; p[i] and p->m only use the pointer p's value, so p
            // stays a register (in memory, a pointer to shared memory would lose its space on OpenCL: TR0502); so does an
            // array parameter, a pointer libclang shows with the array type.
            else if (e.Children.FirstOrDefault() is { IsNull: false } inner && Records.Unwrapped(inner) is var named
                     && named.Type.Canonical.Kind != TypeKind.Pointer && !(named.Kind == CursorKind.DeclRefExpr && IsArrayParameter(named.Referenced)))
                MarkVariable(inner);
        }
    }

}
