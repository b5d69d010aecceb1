using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Verification;

/// <summary>
/// Checks names and types of a module and annotates it (expression types, symbols, call targets)
/// so every later stage can trust it. All errors found are reported together, each with a TR02xx
/// (or TR01xx) code at its node. The typing rules are written down in docs/ir/.
/// </summary>
public static class TypeChecker
{
    /// <summary>
    /// Checks <paramref name="module"/>; throws <see cref="DiagnosticException"/> listing every error.
    /// <paramref name="nativeFunctions"/> are the body-less declarations a native library provides
    /// (name → address); host code may call them, device code may not.
    /// </summary>
    public static CheckedModule Check(IrModule module, IReadOnlyDictionary<string, nint>? nativeFunctions = null)
    {
        var checker = new Checker(module, nativeFunctions ?? new Dictionary<string, nint>());
        return checker.Run();
    }

    /// <summary>Checks a module rebuilt from <paramref name="original"/> (a transformation's result), linked as it was.</summary>
    public static CheckedModule Recheck(IrModule module, CheckedModule original) => Check(module, original.NativeFunctions);
}

internal sealed partial class Checker
{
    private readonly IrModule _module;
    private readonly DiagnosticBag _bag = new();
    private readonly TypeLayout _layout;
    private readonly Dictionary<string, FunctionDef> _functions = [];
    private readonly Scope _globalScope = new(null);
    private readonly List<Symbol> _globals = [];
    private readonly List<Symbol> _shared = [];

    // State of the function being checked.
    private FunctionDef _function = null!;
    private List<Symbol> _symbols = null!;
    private Scope _scope = null!;
    private int _loopDepth;
    private int _switchDepth;
    private FunctionUsage _usage = null!;
    private readonly Dictionary<FunctionDef, FunctionUsage> _usages = [];

    private readonly IReadOnlyDictionary<string, nint> _natives;

    public Checker(IrModule module, IReadOnlyDictionary<string, nint> natives)
    {
        _module = module;
        _natives = natives;
        _layout = new TypeLayout(module.Structs);
    }

    public CheckedModule Run()
    {
        CheckStructs();
        CollectFunctions();
        foreach (var def in _module.Definitions)
        {
            Guard(() =>
            {
                switch (def)
                {
                    case GlobalDef g: CheckGlobal(g); break;
                    case SharedDef s: DeclareTopLevelShared(s); break;
                }
            });
        }
        foreach (var f in _module.Functions)
            CheckFunction(f);
        HostDeviceRules.Check(_module, _usages, _bag);
        if (_bag.HasErrors) throw new DiagnosticException(_bag.Items);
        return new CheckedModule(_module, _layout, _globals, _shared, _bag.Items) { NativeFunctions = _natives };
    }

    /// <summary>Runs a check; a failure is recorded and checking goes on with the next item.</summary>
    private void Guard(Action check)
    {
        try { check(); }
        catch (DiagnosticException e) { _bag.AddRange(e.Diagnostics); }
    }

    private static DiagnosticException Error(DiagnosticCode code, SourceLocation at, string message) =>
        new(new Diagnostic(code, at, message));

    // ---- structs and types ----

    private void CheckStructs()
    {
        var seen = new HashSet<string>();
        foreach (var s in _module.Structs)
        {
            Guard(() =>
            {
                if (!seen.Add(s.Name)) throw Error(Codes.Redeclared, s.Location, $"struct '{s.Name}' is defined twice");
                var names = new HashSet<string>();
                foreach (var f in s.Fields)
                {
                    if (!names.Add(f.Name)) throw Error(Codes.Redeclared, f.Location, $"field '{f.Name}' appears twice in struct '{s.Name}'");
                    ValidateType(f.Type, f.Location, allowVoid: false);
                    if (f.Type is ArrayType { Length: 0 }) throw Error(Codes.BadType, f.Location, "a struct field cannot be a zero-length array");
                }
                if (ContainsByValue(s.Name, s, []))
                    throw Error(Codes.BadType, s.Location, $"struct '{s.Name}' contains itself by value; use a pointer");
            });
        }
    }

    private bool ContainsByValue(string target, StructDef s, HashSet<string> visiting)
    {
        if (!visiting.Add(s.Name)) return false;
        foreach (var f in s.Fields)
        {
            var t = f.Type;
            while (t is ArrayType a) t = a.Element;
            if (t is StructType st)
            {
                if (st.Name == target) return true;
                if (_layout.FindStruct(st.Name) is { } inner && ContainsByValue(target, inner, visiting)) return true;
            }
        }
        return false;
    }

    /// <summary>Reports types naming unknown structs, void where a value is needed, or (arr 0 T) outside shared memory.</summary>
    private void ValidateType(IrType t, SourceLocation at, bool allowVoid, bool allowDynamicArray = false)
    {
        switch (t)
        {
            case ScalarType { Kind: ScalarKind.Void } when !allowVoid:
                throw Error(Codes.BadType, at, "void is not a value type");
            case PointerType p:
                ValidateType(p.Pointee, at, allowVoid: true);
                break;
            case ArrayType a:
                if (a.Length == 0 && !allowDynamicArray)
                    throw Error(Codes.BadType, at, "(arr 0 T) is only for dynamic shared memory (define-shared)");
                ValidateType(a.Element, at, allowVoid: false);
                break;
            case StructType s when _layout.FindStruct(s.Name) is null:
                throw Error(Codes.UnknownStruct, at, $"no struct named '{s.Name}' is defined");
        }
    }

    // ---- functions ----

    private void CollectFunctions()
    {
        foreach (var f in _module.Functions)
        {
            Guard(() =>
            {
                ValidateType(f.ReturnType, f.Location, allowVoid: true);
                foreach (var p in f.Parameters) ValidateType(p.Type, p.Location, allowVoid: false);
                if (!_functions.TryGetValue(f.Name, out var existing))
                {
                    _functions[f.Name] = f;
                    return;
                }
                if (!existing.IsDeclaration && !f.IsDeclaration)
                    throw Error(Codes.Redeclared, f.Location, $"function '{f.Name}' is defined twice (first at {existing.Location})");
                if (!SameSignature(existing, f))
                    throw Error(Codes.TypeMismatch, f.Location, $"this declaration of '{f.Name}' does not match the one at {existing.Location}");
                if (!f.IsDeclaration) _functions[f.Name] = f;
            });
        }
        foreach (var f in _module.Functions.Where(f => f.IsDeclaration))
        {
            if (Externals.Find(f.Name) is { } ext && !MatchesExternal(f, ext))
                _bag.Add(Codes.TypeMismatch, f.Location,
                    $"'{f.Name}' is a library function with signature {Describe(ext)}; this declaration does not match");
        }
    }

    private static bool SameSignature(FunctionDef a, FunctionDef b) =>
        a.ReturnType == b.ReturnType && a.Kind == b.Kind && a.Parameters.Select(p => p.Type).SequenceEqual(b.Parameters.Select(p => p.Type));

    private static bool MatchesExternal(FunctionDef f, ExternalFunction ext) =>
        Compatible(ext.Return, f.ReturnType) && f.Parameters.Count == ext.Parameters.Count
        && f.Parameters.Zip(ext.Parameters).All(z => Compatible(z.Second, z.First.Type));

    /// <summary>Library signatures are C's: a pointer parameter is <c>void*</c> and accepts any pointer.</summary>
    private static bool Compatible(IrType libraryType, IrType actual) =>
        libraryType == actual || libraryType is PointerType && actual is PointerType;

    private static string Describe(ExternalFunction e) =>
        $"({e.Return}) ({string.Join(" ", e.Parameters)}{(e.Variadic ? " ..." : "")})";

    private void CheckFunction(FunctionDef f)
    {
        _function = f;
        _symbols = [];
        _scope = new Scope(_globalScope);
        _loopDepth = _switchDepth = 0;
        _usage = new FunctionUsage(f);
        _usages[f] = _usage;
        Guard(() => CheckSignatureRules(f));
        foreach (var p in f.Parameters)
        {
            if (_scope.DeclaresHere(p.Name))
            {
                _bag.Add(Codes.Redeclared, p.Location, $"parameter '{p.Name}' is declared twice");
                continue;
            }
            var sym = NewSymbol(p.Name, p.Type, SymbolKind.Parameter, p.Location);
            _scope.Add(sym);
        }
        if (f.Body is not null)
        {
            // The body shares the parameters' scope: redeclaring a parameter is an error, as in C.
            foreach (var s in f.Body.Statements) CheckStatementGuarded(s);
            CheckReachableEnd(f, f.Body);
        }
        f.Symbols = _symbols;
    }

    /// <summary>
    /// A function that returns a value must not run off its end: the devices would hand back an
    /// undefined value without a word. <c>main</c> is exempt: falling off it returns 0, as in C.
    /// </summary>
    private void CheckReachableEnd(FunctionDef f, Block body)
    {
        if (f.ReturnType.IsVoid || f.Name == "main") return;
        if (ReturnFlow.CanFallOffEnd(body, name => _functions.TryGetValue(name, out var d) && !d.IsDeclaration))
            _bag.Add(Codes.FallsOffEnd, f.Location,
                $"'{f.Name}' returns {f.ReturnType}, but control can reach the end of its body without (ret); end every path with (ret VALUE) or (trap)");
    }

    private void CheckSignatureRules(FunctionDef f)
    {
        if (f.IsKernel && !f.ReturnType.IsVoid)
            throw Error(Codes.BadKernel, f.Location, $"kernel '{f.Name}' must return void");
        if (f.Name == "main" && !f.IsDeclaration)
        {
            if (!(f.ReturnType.IsVoid || f.ReturnType == IrType.Int32))
                throw Error(Codes.TypeMismatch, f.Location, "main returns int or void");
            // As C (and upstream, which hands main to clang) passes them: argc, then argv. argv may be
            // declared with any pointee type, as upstream's programs write (ptr (ptr int)).
            bool argcFits = f.Parameters.Count < 1 || f.Parameters[0].Type == IrType.Int32;
            bool argvFits = f.Parameters.Count < 2 || f.Parameters[1].Type is PointerType { AddressSpace: AddressSpace.Generic };
            if (f.Parameters.Count > 2 || !argcFits || !argvFits)
                throw Error(Codes.TypeMismatch, f.Location, "main takes no parameters, (argc int), or (argc int) (argv (ptr (ptr int8)))");
            if (f.IsKernel) throw Error(Codes.BadKernel, f.Location, "main cannot be a kernel");
        }
    }

    private Symbol NewSymbol(string name, IrType type, SymbolKind kind, SourceLocation at)
    {
        var sym = new Symbol(name, type, kind, at) { Index = _symbols.Count, NeedsMemory = type.IsAggregate };
        _symbols.Add(sym);
        return sym;
    }

    // ---- globals and shared memory ----

    private void CheckGlobal(GlobalDef g)
    {
        ValidateType(g.Type, g.Location, allowVoid: false);
        if (g.AddressSpace is not (AddressSpace.Generic or AddressSpace.Global or AddressSpace.Constant))
            throw Error(Codes.BadGlobal, g.Location,
                "a global lives in address space 0 (host), 1 (__device__) or 4 (__constant__); shared memory is define-shared");
        if (_globalScope.DeclaresHere(g.Name))
            throw Error(Codes.Redeclared, g.Location, $"global '{g.Name}' is defined twice");
        if (g.Initializer is not null && g.PointsTo is not null)
            throw Error(Codes.BadGlobal, g.Location, "a global has either (const V) or (ptr-to G), not both");
        if (g.Initializer is not null) CheckConstant(g.Initializer, g.Type);
        if (g.PointsTo is not null)
        {
            if (g.Type is not PointerType) throw Error(Codes.BadGlobal, g.Location, "(ptr-to G) initializes a pointer global");
            if (_globalScope.Find(g.PointsTo) is not { Kind: SymbolKind.Global })
                throw Error(Codes.UndeclaredVariable, g.Location, $"(ptr-to {g.PointsTo}) names no global defined before this one");
        }
        var sym = new Symbol(g.Name, g.Type, SymbolKind.Global, g.Location) { Index = _globals.Count, NeedsMemory = true, Definition = g };
        g.Symbol = sym;
        _globals.Add(sym);
        _globalScope.Add(sym);
    }

    private void CheckConstant(Constant c, IrType type)
    {
        switch (c, type)
        {
            case (IntConstant i, _) when type.IsInteger:
                RequireFits(i.Value, type, i.Location);
                break;
            case (IntConstant or FloatConstant, _) when type.IsFloat:
                break;
            case (BoolConstant, _) when type.IsBool:
                break;
            case (IntConstant { Value: var v }, PointerType) when v == 0:
                break;
            case (StringConstant s, ArrayType { Element: ScalarType { Kind: ScalarKind.Int8 } } a):
                if (System.Text.Encoding.UTF8.GetByteCount(s.Value) > a.Length)
                    throw Error(Codes.TypeMismatch, s.Location, $"the string needs {System.Text.Encoding.UTF8.GetByteCount(s.Value)} bytes; the array holds {a.Length}");
                break;
            case (ListConstant l, ArrayType a):
                if (l.Items.Count > a.Length) throw Error(Codes.TypeMismatch, l.Location, $"{l.Items.Count} initializers for an array of {a.Length}");
                foreach (var item in l.Items) CheckConstant(item, a.Element);
                break;
            case (ListConstant l, VectorType v):
                if (l.Items.Count != v.Length) throw Error(Codes.TypeMismatch, l.Location, $"a {v} needs {v.Length} initializers");
                foreach (var item in l.Items) CheckConstant(item, v.Element);
                break;
            case (ListConstant l, StructType st):
                var def = StructOf(st, l.Location);
                if (l.Items.Count != def.Fields.Count) throw Error(Codes.TypeMismatch, l.Location, $"struct '{st.Name}' needs {def.Fields.Count} initializers");
                for (int k = 0; k < l.Items.Count; k++) CheckConstant(l.Items[k], def.Fields[k].Type);
                break;
            default:
                throw Error(Codes.TypeMismatch, c.Location, $"this constant cannot initialize a value of type {type}");
        }
    }

    private void DeclareTopLevelShared(SharedDef s)
    {
        ValidateType(s.Type, s.Location, allowVoid: false, allowDynamicArray: true);
        if (_globalScope.DeclaresHere(s.Name))
            throw Error(Codes.Redeclared, s.Location, $"'{s.Name}' is defined twice");
        var sym = new Symbol(s.Name, s.Type, SymbolKind.Shared, s.Location) { Index = _shared.Count, NeedsMemory = true, Definition = s };
        s.Symbol = sym;
        _shared.Add(sym);
        _globalScope.Add(sym);
    }

    /// <summary>Integer literals must fit the type as a signed or an unsigned value.</summary>
    private static void RequireFits(Int128 value, IrType type, SourceLocation at)
    {
        int bits = type.Bits;
        Int128 min = -(Int128.One << (bits - 1));
        Int128 max = (Int128.One << bits) - 1;
        if (type.IsBool) { min = 0; max = 1; }
        if (value < min || value > max)
            throw Error(Codes.BadLiteral, at, $"{value} does not fit in {type}");
    }
}
