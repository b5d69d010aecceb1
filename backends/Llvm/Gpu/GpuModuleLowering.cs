using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.GpuMath;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.Llvm.Gpu;

/// <summary>
/// The target-neutral part of lowering a program for a GPU: only kernels and the device functions
/// they reach are lowered (host code never enters a device module); shared variables become globals
/// in the target's shared address space; kernels are marked as entry points by the target.
/// </summary>
public abstract class GpuModuleLowering : ModuleLowering
{
    private readonly Queue<FunctionDef> _pending = new();
    private readonly Dictionary<Symbol, LValue> _shared = [];

    protected GpuModuleLowering(CheckedModule program, LlvmContext context, LlvmTargetMachine machine)
        : base(program, context, program.Module.File)
    {
        Machine = machine;
        // The data layout must be known before lowering: allocas take its address space (5 on AMDGPU).
        Module.SetTarget(machine.Triple, machine.DataLayout);
    }

    public LlvmTargetMachine Machine { get; }

    private DeviceMath? _math;

    /// <summary>The device math functions this module uses, added to it on first use.</summary>
    public DeviceMath MathLibrary => _math ??= new DeviceMath(Module, GlobalAddressSpace);

    /// <summary>The address space of block-shared memory (3 on both NVPTX and AMDGPU).</summary>
    public const uint SharedSpace = 3;

    protected override bool DefinesGlobals => true;

    protected override string FunctionSymbol(FunctionDef f)
    {
        // Called once, when the function is first declared: whatever a kernel calls gets lowered too.
        if (!f.IsKernel && !f.IsDeclaration) _pending.Enqueue(f);
        return f.Name;
    }

    protected override Linkage FunctionLinkage(FunctionDef f) => f.IsKernel ? Linkage.External : Linkage.Internal;

    /// <summary>Makes <paramref name="kernel"/> an entry point the driver can launch.</summary>
    protected abstract void MarkKernel(LFunction kernel);

    /// <summary>Lowers every kernel and the functions they call, then verifies the module.</summary>
    public LlvmModule Build()
    {
        foreach (var k in Program.Kernels)
        {
            MarkKernel(Function(k));
            LowerFunction(k);
        }
        while (_pending.Count > 0) LowerFunction(_pending.Dequeue());
        if (Module.Verify() is { } report) throw new LlvmException("the lowered GPU module does not verify:\n" + report);
        return Module;
    }

    /// <summary>The device-global arrival word of grid barriers (<see cref="GpuFunctionLowering"/>), zero when the module loads.</summary>
    public LValue GridArrivals()
    {
        if (!_gridArrivals.IsNull) return _gridArrivals;
        _gridArrivals = Module.AddGlobalIn("__trg_grid_arrivals", Context.I32, GlobalAddressSpace);
        LlvmModule.SetLinkage(_gridArrivals, Linkage.Internal);
        LlvmModule.SetInitializer(_gridArrivals, LlvmContext.ConstInt(Context.I32, 0));
        LlvmModule.SetAlignment(_gridArrivals, 4);
        return _gridArrivals;
    }

    private LValue _gridArrivals;

    /// <summary>The shared-memory global (address space 3) of a shared variable; dynamic shared memory is an external zero-length array.</summary>
    public LValue SharedGlobal(Symbol s)
    {
        if (_shared.TryGetValue(s, out var done)) return done;
        var def = (SharedDef)s.Definition!;
        string name = $"__trg_shared_{s.Name}_{_shared.Count}";
        LValue g;
        if (def.IsDynamic)
        {
            g = Module.AddGlobalIn(name, LlvmContext.Array(Context.I8, 0), SharedSpace);
            LlvmModule.SetLinkage(g, Linkage.External);
        }
        else
        {
            var type = Types.Nested(s.Type);
            g = Module.AddGlobalIn(name, type, SharedSpace);
            LlvmModule.SetLinkage(g, Linkage.Internal);
            // Shared memory cannot be initialized on either target: undef is the only initializer they accept.
            LlvmModule.SetInitializer(g, LlvmContext.Undef(type));
        }
        LlvmModule.SetAlignment(g, Math.Max(16, Types.AlignOf(s.Type)));
        return _shared[s] = g;
    }

    /// <summary>Runs LLVM's <c>default&lt;O3&gt;</c> pipeline for this target (after <see cref="Build"/>).</summary>
    public void Optimize() => Module.RunPasses("default<O3>", Machine);
}
