using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Backends.OpenCl.Emission;

internal enum ResourceKind { Global, StaticShared, DynamicShared, WarpScratch, TrapStatus, ClockCounter }

/// <summary>
/// Memory a function reaches without a parameter for it in CUDA: a global, a shared variable, the
/// warp scratch. OpenCL C 1.2 has neither writable program-scope variables nor <c>__local</c>
/// declarations outside kernels, so kernels receive or declare these and pass them down to every
/// function that needs them as extra trailing parameters.
/// </summary>
internal sealed record Resource(ResourceKind Kind, Symbol? Symbol, string CName, int Order)
{
    /// <summary>The type of the variable the resource stands for.</summary>
    public IrType VariableType => Symbol?.Type ?? new ArrayType(0, IrType.Int64);

    public MemorySpace Space => Kind switch
    {
        ResourceKind.Global => FunctionInstance.StorageOf(Symbol!),
        ResourceKind.TrapStatus or ResourceKind.ClockCounter => MemorySpace.Global,
        _ => MemorySpace.Local,
    };

    /// <summary>The pointer a resource is passed as: to its first element for arrays, to itself otherwise.</summary>
    public IrType PassedAs => VariableType is ArrayType a ? new PointerType(a.Element, 0) : new PointerType(VariableType, 0);
}

/// <summary>Which resources each function instance needs, directly or through its callees.</summary>
internal sealed class ResourcePlan
{
    private readonly Dictionary<Symbol, Resource> _bySymbol = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FunctionInstance, List<Resource>> _needs = [];

    public Resource? Scratch { get; private set; }

    /// <summary>The status word a trap writes (OpenCL cannot stop a kernel), when some code can trap.</summary>
    public Resource? TrapStatus { get; private set; }

    /// <summary>The counter <c>clock()</c> reads (OpenCL C has no clock), when some code reads the clock.</summary>
    public Resource? ClockCounter { get; private set; }

    public IReadOnlyList<Resource> NeedsOf(FunctionInstance f) => _needs[f];

    public Resource? For(Symbol s) => _bySymbol.GetValueOrDefault(s);

    public static ResourcePlan Build(CheckedModule module, AddressSpacePlan plan, Func<string, string> uniqueName)
    {
        var rp = new ResourcePlan();
        int order = 0;
        foreach (var g in module.Globals) rp._bySymbol[g] = new Resource(ResourceKind.Global, g, uniqueName(g.Name), order++);
        var shared = module.SharedVariables.Concat(module.Module.Functions.SelectMany(f => f.Symbols.Where(s => s.Kind == SymbolKind.Shared)));
        foreach (var s in shared.Where(s => s.Type is not ArrayType { Length: 0 }))
            rp._bySymbol[s] = new Resource(ResourceKind.StaticShared, s, uniqueName(s.Name), order++);
        foreach (var s in module.SharedVariables.Concat(module.Module.Functions.SelectMany(f => f.Symbols.Where(s => s.Kind == SymbolKind.Shared)))
                     .Where(s => s.Type is ArrayType { Length: 0 }))
            rp._bySymbol[s] = new Resource(ResourceKind.DynamicShared, s, uniqueName(s.Name), order++);
        foreach (var inst in plan.Instances)
        {
            var needs = new HashSet<Resource>();
            var body = inst.Function.Body;
            if (body is not null)
            {
                foreach (var e in IrTraversal.Descendants(body))
                {
                    var sym = e switch { VarRef v => v.Symbol, PtrToExpr p => p.Symbol, _ => null };
                    if (sym is not null && rp._bySymbol.TryGetValue(sym, out var r)) needs.Add(r);
                    if (NeedsScratch(e)) needs.Add(rp.Scratch ??= new Resource(ResourceKind.WarpScratch, null, uniqueName("warpScratch"), int.MaxValue));
                    if (e is TrapExpr or ShuffleExpr or WarningExpr) needs.Add(rp.TrapStatus ??= new Resource(ResourceKind.TrapStatus, null, uniqueName("trapStatus"), int.MaxValue - 1));
                    if (e is ClockExpr) needs.Add(rp.ClockCounter ??= new Resource(ResourceKind.ClockCounter, null, uniqueName("clockCounter"), int.MaxValue - 2));
                }
            }
            // A callee not yet planned is on a call cycle, which the emitter refuses (plan.Recursive).
            foreach (var callee in inst.CalledInstances) needs.UnionWith(rp._needs.GetValueOrDefault(callee) ?? []);
            rp._needs[inst] = needs.OrderBy(r => r.Order).ToList();
        }
        return rp;
    }

    private static bool NeedsScratch(Expr e) => e is ShuffleExpr or VoteExpr or BarrierExpr { Kind: not BarrierKind.Plain };
}
