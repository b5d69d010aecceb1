using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Kernels;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Lowering;

/// <summary>What one cpu module contains.</summary>
/// <param name="Host">Defines the globals, the session global, every program function and the main entry.</param>
/// <param name="Kernels">Kernels to compile as block functions, each for a block shape (null: read at run time).</param>
public sealed record CpuModuleContents(bool Host, IReadOnlyList<(FunctionDef Kernel, BlockShape? Shape)> Kernels);

/// <summary>
/// Lowers a program for the cpu device. The host module defines globals and the program's functions;
/// each kernel module holds one kernel specialized for one block shape, with its own private copies
/// of the functions it calls (so LLVM can inline them) and references to the host module's globals.
/// </summary>
public sealed class CpuModuleLowering : ModuleLowering
{
    /// <summary>Where the first inline assembly of the module is: an error LLVM reports while assembling it is reported there.</summary>
    public Ir.Syntax.SourceLocation? FirstAsm { get; set; }

    private readonly CpuModuleContents _contents;
    private readonly Dictionary<Symbol, long> _sharedOffsets = [];

    public CpuModuleLowering(CheckedModule program, LlvmContext context, string name, CpuModuleContents contents, FailureTable failures,
        CpuCompileOptions? options = null)
        : base(program, context, name)
    {
        _contents = contents;
        Failures = failures;
        Options = options ?? CpuCompileOptions.Default;
        LayoutSharedMemory();
    }

    public FailureTable Failures { get; }

    /// <summary>Memory checks and floating-point mode.</summary>
    public CpuCompileOptions Options { get; }

    /// <summary>Bytes of static shared memory every block gets (all shared variables of the program, laid end to end).</summary>
    public long StaticSharedBytes { get; private set; }

    public override IReadOnlyList<LType> HiddenParameters => [Context.Ptr];
    protected override bool DefinesGlobals => _contents.Host;

    public override string GlobalSymbol(Symbol g) => CpuAbi.GlobalSymbol(g.Name);

    /// <summary>Builds the module's contents.</summary>
    public LlvmModule Build()
    {
        Session();
        if (Options.CheckMemory)
        {
            RuntimeGlobal(CpuAbi.CheckedBaseGlobal);
            RuntimeGlobal(CpuAbi.CheckedSizeGlobal);
        }
        if (_contents.Host)
        {
            foreach (var g in Program.Globals) Global(g);
            foreach (var f in Program.Module.Functions.Where(f => !f.IsDeclaration && !f.IsKernel)) LowerFunction(f);
            MainEntry.Emit(this);
        }
        else
        {
            foreach (var f in Program.Module.Functions.Where(f => !f.IsDeclaration && !f.IsKernel && f.Name != "main")) LowerFunction(f);
        }
        foreach (var (kernel, shape) in _contents.Kernels) KernelEntry.Emit(this, kernel, shape);
        return Module;
    }

    /// <summary>The session handle global (defined by the host module).</summary>
    public LValue Session()
    {
        var g = Module.AddGlobalOrGet(CpuAbi.SessionGlobal, Context.I64);
        if (_contents.Host && !_sessionDefined)
        {
            LlvmModule.SetInitializer(g, Context.I64Const(0));
            _sessionDefined = true;
        }
        return g;
    }

    private bool _sessionDefined;

    /// <summary>An i64 global the runtime sets before main (defined, as 0, by the host module; declared by kernel modules).</summary>
    public LValue RuntimeGlobal(string name)
    {
        var existing = Module.AddGlobalOrGet(name, Context.I64);
        if (_contents.Host && _definedGlobals.Add(name)) LlvmModule.SetInitializer(existing, Context.I64Const(0));
        return existing;
    }

    private readonly HashSet<string> _definedGlobals = [];

    /// <summary>Offset of a shared variable in the block's static shared memory.</summary>
    public long SharedOffset(Symbol s) => _sharedOffsets[s];

    private void LayoutSharedMemory()
    {
        var (offsets, size) = SharedMemoryLayout.Compute(Program);
        foreach (var (symbol, offset) in offsets) _sharedOffsets[symbol] = offset;
        StaticSharedBytes = size;
    }

    protected override FunctionLowering CreateFunctionLowering(FunctionDef f, LFunction llvm) => new CpuFunctionLowering(this, f, llvm);

    /// <summary>Lowers a kernel's body into <paramref name="block"/> (a block function).</summary>
    internal void LowerKernel(FunctionDef kernel, LFunction block, BlockShape? shape) =>
        new KernelLowering(this, kernel, block, shape).Lower();
}
