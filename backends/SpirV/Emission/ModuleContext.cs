using Translate.Backends.SpirV.Grammar;
using Translate.DeviceContract;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.SpirV.Emission;

/// <summary>What every function of one module shares: the builder, types, function ids, module-scope variables and built-ins.</summary>
internal sealed class ModuleContext(CheckedModule module, AddressSpacePlan plan)
{
    public CheckedModule Module { get; } = module;
    public AddressSpacePlan Plan { get; } = plan;
    public ModuleBuilder Builder { get; } = new();
    public SpirVTypes Types => _types ??= new SpirVTypes(Builder, Module.Layout);
    private SpirVTypes? _types;

    public Dictionary<FunctionInstance, uint> FunctionIds { get; } = [];

    /// <summary>
    /// Whether a function reaches dynamic shared memory (<c>extern __shared__</c>), itself or through what it calls: such a
    /// function takes the work-group's dynamic buffer as a last parameter (a kernel gets it as a <c>__local</c> argument).
    /// </summary>
    public bool NeedsDynamicShared(FunctionInstance inst)
    {
        if (_needsDynamicShared.TryGetValue(inst, out bool known)) return known;
        _needsDynamicShared[inst] = false; // recursion: no device function recurses, but stay finite
        bool needs = (inst.Function.IsKernel && Module.SharedVariables.Any(IsDynamicShared))
            || inst.Function.Symbols.Any(IsDynamicShared)
            || IrTraversal.SymbolsUsed(inst.Function.Body!).Any(IsDynamicShared)
            || inst.CalledInstances.Any(NeedsDynamicShared);
        return _needsDynamicShared[inst] = needs;
    }

    public static bool IsDynamicShared(Symbol s) => s.Kind == SymbolKind.Shared && s.Definition is SharedDef { IsDynamic: true };

    private readonly Dictionary<FunctionInstance, bool> _needsDynamicShared = new(ReferenceEqualityComparer.Instance);

    /// <summary>Shared and device variables at module scope, by symbol.</summary>
    public Dictionary<Symbol, uint> ModuleVariables { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Built-in Input variables by built-in; every entry point lists them all.</summary>
    public SortedDictionary<BuiltIn, uint> BuiltIns { get; } = [];

    /// <summary>CUDA's block size limit: the warp exchange has one 8-byte slot per work-item.</summary>
    public const int MaxWorkGroupSize = CudaLimits.MaxThreadsPerBlock;
    private uint _warpScratch;

    /// <summary>The Workgroup array warp collectives exchange values through (made on first use).</summary>
    public uint WarpScratch()
    {
        if (_warpScratch != 0) return _warpScratch;
        var m = Builder;
        uint arr = m.TypeArray(m.TypeInt(64), MaxWorkGroupSize);
        _warpScratch = m.GlobalVariable(m.TypePointer(StorageClass.Workgroup, arr), StorageClass.Workgroup);
        m.Name(_warpScratch, "__warp_scratch");
        return _warpScratch;
    }

    private uint _trapStatus, _clockCounter;

    /// <summary>
    /// The program-scope ulong <c>[clock64]</c> counts readings in (made on first use, 0 at the start), as the OpenCL C target
    /// does: OpenCL has no clock, and SPIR-V's (SPV_KHR_shader_clock) needs the Shader capability (docs/ir/thread-index.md).
    /// </summary>
    public uint ClockCounter() => ProgramScopeInteger(ref _clockCounter, 64, "__clock_counter");

    /// <summary>
    /// The program-scope int a trap records itself in (made on first use, 0 at the start): 1 for <c>__trap()</c>, -1 for a
    /// failed assert, which CUDA reports as cudaErrorAssert. OpenCL kernels cannot abort, so the work-item then leaves the
    /// function it is in; a host reads the variable after the launch, as it reads the program's <c>__device__</c> variables.
    /// </summary>
    public uint TrapStatus() => ProgramScopeInteger(ref _trapStatus, 32, "__trap_status");

    /// <summary>A program-scope CrossWorkgroup integer starting at 0, made on first use.</summary>
    private uint ProgramScopeInteger(ref uint id, int bits, string name)
    {
        if (id != 0) return id;
        var m = Builder;
        id = m.GlobalVariable(m.TypePointer(StorageClass.CrossWorkgroup, m.TypeInt(bits)), StorageClass.CrossWorkgroup, m.ConstInt(bits, 0));
        m.Name(id, name);
        return id;
    }

    public uint BuiltIn(BuiltIn b)
    {
        if (BuiltIns.TryGetValue(b, out var id)) return id;
        var m = Builder;
        uint type = b == Grammar.BuiltIn.LocalInvocationIndex ? m.TypeInt(64) : m.TypeVector(m.TypeInt(64), 3);
        id = m.GlobalVariable(m.TypePointer(StorageClass.Input, type), StorageClass.Input);
        m.Name(id, "__spirv_BuiltIn" + b);
        m.Decorate(id, Decoration.BuiltIn, (uint)b);
        m.Decorate(id, Decoration.Constant);
        BuiltIns[b] = id;
        return id;
    }
}
