using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>What a name in a PTX module stands for, besides registers.</summary>
internal abstract record PtxSymbol;

/// <summary>A <c>.global</c> or <c>.const</c> variable: the IR global <see cref="IrName"/>, whose generic address is its address
/// in either window (our devices give both spaces generic addresses).</summary>
internal sealed record PtxGlobalSymbol(string IrName) : PtxSymbol;

/// <summary>A <c>.shared</c> or <c>.local</c> variable: <see cref="Offset"/> bytes into its state space's window.</summary>
internal sealed record PtxWindowSymbol(string Space, long Offset) : PtxSymbol;

/// <summary>A <c>.param</c> variable (a parameter, a result, or a call's argument) held in the IR variable <see cref="Variable"/>;
/// <see cref="Bytes"/> is set for an aggregate passed by value, read by ld.param at byte offsets through its address.</summary>
internal sealed record PtxParamSymbol(string Variable, IrType Type, long? Bytes = null) : PtxSymbol;

/// <summary>
/// A state space whose addresses are offsets, <c>.shared</c> and <c>.local</c>: PTX code computes them in 32 or 64 bits
/// (<c>mov.u32 %r1, smem;</c>), so each is one IR byte array (per block, per thread) and an address is an offset into it.
/// Dynamic shared memory (<c>.extern .shared x[]</c>) starts at <see cref="StaticSize"/>, in a second array sized at launch.
/// </summary>
internal sealed record PtxWindow(string Space, string? StaticArray, long StaticSize, string? DynamicArray);

/// <summary>The module-wide names: variables, the shared window, and the functions calls can reach.</summary>
internal sealed class PtxModuleScope
{
    public Dictionary<string, PtxSymbol> Symbols { get; } = [];
    /// <summary>The <c>.global</c>/<c>.const</c> variables as declared, by PTX name (a printf format is read from its initializer).</summary>
    public Dictionary<string, PtxVariable> Variables { get; } = [];
    public Dictionary<string, PtxFunction> Functions { get; } = [];
    /// <summary>The IR name of each function, by PTX name.</summary>
    public Dictionary<string, string> FunctionNames { get; } = [];
    public PtxWindow? Shared { get; set; }
    /// <summary>The <c>.shared</c> variables declared inside a function's body, by function and name (their window is the
    /// module's: a block's shared memory holds every kernel's, as a GPU's would hold the one launched).</summary>
    public Dictionary<string, Dictionary<string, PtxSymbol>> FunctionShared { get; } = [];
    /// <summary>IR names every function must avoid (globals, functions).</summary>
    public HashSet<string> TakenNames { get; } = [];

    /// <summary>An IR name for PTX name <paramref name="ptx"/> not in <paramref name="taken"/>: '%' dropped, '$' spelled out
    /// (neither is in C identifiers, which the OpenCL C backend writes), a number added when it would clash.</summary>
    public static string IrName(string ptx, ISet<string> taken)
    {
        string name = ptx.TrimStart('%').Replace("$", "_D_", StringComparison.Ordinal).Replace('.', '_');
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) name = "_" + name;
        string candidate = name;
        for (int k = 1; !taken.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }
}

/// <summary>One function being lifted: its parameters, local windows and registers over the module's names.</summary>
internal sealed class PtxFunctionScope(PtxModuleScope module, bool isKernel)
{
    private readonly Dictionary<string, PtxSymbol> _symbols = [];
    private readonly HashSet<string> _names = [.. module.TakenNames];

    public PtxModuleScope Module { get; } = module;
    public bool IsKernel { get; } = isKernel;
    /// <summary>Declarations that go first in the function body (registers, parameters of calls, the local window).</summary>
    public List<Stmt> Hoisted { get; } = [];
    /// <summary>The function's <c>.local</c> window, if it declares local variables.</summary>
    public PtxWindow? Local { get; set; }
    /// <summary>The function's <c>.local</c> frame as one variable per slot, when its address never escapes.</summary>
    public PtxFrameSlots? Frame { get; set; }
    /// <summary>The IR variable of the function's result (<c>func_retval0</c>), which <c>ret</c> returns.</summary>
    public PtxParamSymbol? Result { get; set; }

    public PtxSymbol? Symbol(string name) => _symbols.TryGetValue(name, out var s) ? s : Module.Symbols.GetValueOrDefault(name);

    public void Add(string name, PtxSymbol symbol) => _symbols[name] = symbol;

    /// <summary>A new IR variable name for PTX name <paramref name="ptx"/>, unique in the function.</summary>
    public string NewVariable(string ptx) => PtxModuleScope.IrName(ptx, _names);

    public PtxWindow? Window(string space) => space == "shared" ? Module.Shared : Local;
}
