using Translate.Ir.Model;

namespace Translate.Ir.Analysis;

/// <summary>
/// One function as a target without a generic address space compiles it: a kernel, or a device function
/// cloned for one combination of its pointer arguments' spaces. Knows the space of every pointer
/// value in the body.
/// </summary>
public sealed class FunctionInstance
{
    internal FunctionInstance(FunctionDef function, IReadOnlyList<MemorySpace?> parameterSpaces)
    {
        Function = function;
        ParameterSpaces = parameterSpaces;
        Name = function.Name;
    }

    public FunctionDef Function { get; }

    /// <summary>The emitted name: the function's own, or with a suffix naming the spaces when it has several clones.</summary>
    public string Name { get; set; }

    /// <summary>Per parameter: where a pointer parameter points; null for non-pointers.</summary>
    public IReadOnlyList<MemorySpace?> ParameterSpaces { get; }

    /// <summary>Where a returned pointer points (null when the function does not return a pointer).</summary>
    public MemorySpace? ReturnSpace { get; internal set; }

    internal SpaceSet ReturnSet;
    internal readonly Dictionary<Expr, MemorySpace> ExprSpaces = new(ReferenceEqualityComparer.Instance);
    internal readonly Dictionary<Symbol, MemorySpace> SymbolSpaces = new(ReferenceEqualityComparer.Instance);
    internal readonly Dictionary<CallExpr, FunctionInstance> Callees = new(ReferenceEqualityComparer.Instance);
    internal readonly List<Diagnostics.Diagnostic> Diagnostics = [];
    internal bool Analyzed;

    /// <summary>Where the pointer <paramref name="e"/> evaluates to points (global for values loaded from memory).</summary>
    public MemorySpace SpaceOf(Expr e) => ExprSpaces.TryGetValue(e, out var s) ? s : MemorySpace.Global;

    /// <summary>Where the pointer held by variable <paramref name="s"/> points.</summary>
    public MemorySpace SpaceOf(Symbol s) => SymbolSpaces.TryGetValue(s, out var sp) ? sp : MemorySpace.Global;

    /// <summary>The instance a call in this body goes to (null for external functions).</summary>
    public FunctionInstance? CalleeOf(CallExpr c) => Callees.GetValueOrDefault(c);

    /// <summary>The distinct instances this one calls, in order of first call.</summary>
    public IEnumerable<FunctionInstance> CalledInstances => Callees.Values.Distinct();

    /// <summary>Where the variable itself lives (not what it points to).</summary>
    public static MemorySpace StorageOf(Symbol s) => s.Kind switch
    {
        SymbolKind.Shared => MemorySpace.Local,
        SymbolKind.Global when s.Definition is GlobalDef { AddressSpace: Types.AddressSpace.Constant } => MemorySpace.Constant,
        SymbolKind.Global => MemorySpace.Global,
        _ => MemorySpace.Private,
    };

    public override string ToString() => Name;
}
