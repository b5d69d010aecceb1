using Translate.Backends.OpenCl.Naming;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Backends.OpenCl.Emission;

/// <summary>What every function's emission shares: types, the address-space plan, resources, requested helpers, diagnostics.</summary>
internal sealed class ModuleContext(CheckedModule module, OpenClTarget target, AddressSpacePlan plan, OpenClTypes types)
{
    public CheckedModule Module { get; } = module;
    public OpenClTarget Target { get; } = target;
    public AddressSpacePlan Plan { get; } = plan;
    public OpenClTypes Types { get; } = types;
    public ResourcePlan Resources { get; set; } = null!;

    /// <summary>Loops whose work-items may run different iterations, wherever they are (for <see cref="LoopValuesAcrossBarriers"/>).</summary>
    public IReadOnlySet<Ir.Model.Stmt> DivergentLoops { get; set; } = new HashSet<Ir.Model.Stmt>();

    /// <summary>Functions that reach a work-group barrier, directly or through calls.</summary>
    private readonly HashSet<Ir.Model.FunctionDef> _synchronizing =
        IrTraversal.FunctionsUsing(module.Module.Functions.Where(f => !f.IsDeclaration), Ir.Transformations.Inliner.Synchronizes);

    /// <summary>Whether evaluating <paramref name="e"/> itself reaches a work-group barrier: a barrier, a collective (OpenCL 1.2
    /// exchanges warp values through barriers), or a call of a function that does.</summary>
    public bool Synchronizes(Ir.Model.Expr e) =>
        Ir.Transformations.Inliner.Synchronizes(e) || e is Ir.Model.CallExpr { Target.Function: { } g } && _synchronizing.Contains(g);
    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>Names visible in every function: functions, structs, resources.</summary>
    public HashSet<string> ModuleNames { get; } = [];

    /// <summary>Helper functions of the prelude the code calls, dependencies first (see <see cref="Prelude.PreludeLibrary"/>).</summary>
    public List<string> Helpers { get; } = [];

    /// <summary>Asks for a prelude helper (and what it calls) and returns its name.</summary>
    public string Helper(string name)
    {
        if (Helpers.Contains(name)) return name;
        foreach (var dep in Prelude.PreludeLibrary.Dependencies(name)) Helper(dep);
        Helpers.Add(name);
        return name;
    }

    public bool UsesInt64Atomics { get; set; }

    /// <summary>Sizes of the byte carriers struct parameters holding pointers travel in (<c>tr_bytes_N</c>).</summary>
    public SortedSet<long> StructByteSizes { get; } = [];

    /// <summary>The type a struct of <paramref name="size"/> bytes is passed as when it holds pointers: its bytes, aligned to 1.</summary>
    public string StructBytes(long size)
    {
        StructByteSizes.Add(size);
        return $"tr_bytes_{size}";
    }

    /// <summary>Where each trap of the program is; a trap writes its number (index + 1) to the trap status.</summary>
    public List<Ir.Syntax.SourceLocation> Traps { get; } = [];

    /// <summary>Traps that are not the program's own <c>__trap</c>/assert: their number → the error to report.</summary>
    public Dictionary<int, Diagnostic> TrapErrors { get; } = [];

    public int Trap(Ir.Syntax.SourceLocation at)
    {
        Traps.Add(at);
        return Traps.Count;
    }

    /// <summary>A trap our own emitted checks raise (e.g. an undefined shuffle), reported as <paramref name="code"/>.</summary>
    public int Trap(Ir.Syntax.SourceLocation at, DiagnosticCode code, string message)
    {
        int id = Trap(at);
        TrapErrors[id] = new Diagnostic(code, at, message);
        return id;
    }

    public string UniqueModuleName(string wanted)
    {
        var name = Identifiers.Sanitize(wanted);
        var candidate = name;
        for (int k = 2; ModuleNames.Contains(candidate); k++) candidate = $"{name}_{k}";
        ModuleNames.Add(candidate);
        return candidate;
    }

    /// <summary>Whether the grid barriers of kernels that could not be split were already reported, with the reason.</summary>
    public bool GridSyncRefused { get; set; }

    public void Unsupported(SourceLocation at, string what) =>
        Diagnostics.Add(Codes.OpenClUnsupported, at, what);
}
