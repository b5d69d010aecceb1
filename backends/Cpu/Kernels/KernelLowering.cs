using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Lowering;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// A kernel as a block function <c>void (ptr args, ptr launch)</c> that runs every thread of one block.
/// The structured body is split at barriers into regions, each a counted loop over the block's threads
/// (MCUDA/PoCL fission, done on the IR tree). A loop or <c>if</c> containing a barrier runs once per
/// block: its condition is evaluated per thread and must agree (else TR0307). Inside a region, warp
/// collectives split the same way one level down: a loop over warps around loops over 32 lanes, values
/// exchanged through 32-entry buffers (COX's hierarchical collapsing). Split by concern: regions,
/// synchronizing statements, warp operations.
/// </summary>
internal sealed partial class KernelLowering : CpuFunctionLowering
{
    private readonly KernelAnalysis _analysis;
    private readonly AffineCounters _counters;
    private readonly HashSet<Symbol> _sharedOnlyLocals;
    private readonly BlockShape? _shape;
    private LValue _launch;
    private LValue _ctx;
    private LValue _sharedBase;
    private LValue _dynamicShared;
    private LValue _threads;          // threads per block
    private readonly LValue[] _blockDim = new LValue[3];
    private LValue _states;           // per-thread i32: 0 running, 1 returned, 2L / 2L+1 broke / continued sync loop L
    private LValue? _lin;             // linear thread index inside a thread loop
    private LValue? _tidX, _tidRow;   // threadIdx.x and y + z·blockDim.y inside a row-nested thread loop
    private LValue? _warp;            // warp index inside a warp loop
    private LValue? _heapFrame;       // per-thread variables too large for the stack, freed at the block's end

    /// <summary>Bytes of per-thread variables a block may keep on its stack; beyond this they live on the heap.
    /// Threads that launch blocks have stacks of a few MiB (the program's main thread 8), and a per-thread array
    /// of 32 KiB in a 256-thread block alone needs 8 MiB.</summary>
    private const long StackFrameLimit = 256 * 1024;
    private JumpTarget? _nextThread;  // where a thread that leaves the region goes
    private int _syncDepth;

    public KernelLowering(CpuModuleLowering module, FunctionDef kernel, LFunction block, BlockShape? shape) : base(module, kernel, block)
    {
        _analysis = new KernelAnalysis(kernel, module.Options.Lockstep);
        _sharedOnlyLocals = BlockPrivatePointers.SharedOnlyLocals(kernel.Body!);
        _counters = new AffineCounters(kernel);
        _shape = shape;
    }

    // One OS thread runs the whole block, so its shared memory needs no atomic instructions.
    protected override bool IsBlockPrivate(Expr pointer) => BlockPrivatePointers.PointsIntoShared(pointer, _sharedOnlyLocals);

    protected override LValue Context => _ctx;

    /// <summary>A sync loop's identity for break/continue emitted inside one of its regions.</summary>
    private sealed record SyncLoop(int Level);

    public override void Lower()
    {
        var entry = B.AppendBlock(F, "entry");
        B.PositionAtEnd(entry);
        _launch = LlvmModule.Param(F, 1);
        for (int k = 0; k < 3; k++)
            _blockDim[k] = _shape is { } s ? I32(k == 0 ? s.X : k == 1 ? s.Y : s.Z) : B.Load(C.I32, B.ByteOffset(_launch, C.I64Const(CpuAbi.LaunchBdim + 4 * k)), 4);
        _threads = _shape is { } sh ? I32(sh.Threads) : B.Binary(Opcode.Mul, B.Binary(Opcode.Mul, _blockDim[0], _blockDim[1]), _blockDim[2]);
        _sharedBase = B.Alloca(C.I8, C.I64Const(Math.Max(Cpu.StaticSharedBytes, 1)), 16);
        _dynamicShared = B.Load(C.Ptr, B.ByteOffset(_launch, C.I64Const(CpuAbi.LaunchDynamicShared)), 8);
        _ctx = B.Alloca(C.I8, C.I64Const(CpuAbi.CtxSize), 16);
        for (int k = 0; k < 3; k++)
        {
            B.Store(B.Load(C.I32, B.ByteOffset(_launch, C.I64Const(CpuAbi.LaunchBid + 4 * k)), 4), CtxField(CpuAbi.CtxBid + 4 * k), 4);
            B.Store(_blockDim[k], CtxField(CpuAbi.CtxBdim + 4 * k), 4);
            B.Store(B.Load(C.I32, B.ByteOffset(_launch, C.I64Const(CpuAbi.LaunchGdim + 4 * k)), 4), CtxField(CpuAbi.CtxGdim + 4 * k), 4);
        }
        B.Store(_sharedBase, CtxField(CpuAbi.CtxSharedBase), 8);
        B.Store(_dynamicShared, CtxField(CpuAbi.CtxDynamicShared), 8);
        if (_analysis.NeedsThreadStates)
        {
            _states = B.Alloca(C.I32, B.Cast(Opcode.ZExt, _threads, C.I64), 16);
            B.Call(M.Module.Intrinsic("llvm.memset", C.Ptr, C.I64), _states, LlvmContext.ConstInt(C.I8, 0),
                B.Binary(Opcode.Mul, B.Cast(Opcode.ZExt, _threads, C.I64), C.I64Const(4)), C.Bool(false));
        }
        AllocateKernelVariables();
        ReadDefinitionsAfterTheirAssignments();
        Sequence(Def.Body!.Statements, SyncLevel.Block);
        if (!B.IsTerminated)
        {
            // A block that stops with a runtime error unwinds past this; the run has failed by then.
            if (_heapFrame is { } frame) B.Call(M.RuntimeFunction("free", C.Void, C.Ptr), frame);
            B.RetVoid();
        }
    }

    /// <summary>Scalars in allocas; per-thread variables in arrays of one element per thread; parameters from the argument buffer.</summary>
    private void AllocateKernelVariables()
    {
        var (offsets, _) = ArgumentLayout(Def, T);
        var args = LlvmModule.Param(F, 0);
        var variables = Def.Symbols.Where(s => s.Kind is SymbolKind.Parameter or SymbolKind.Local).ToList();
        var perThread = variables.Where(_analysis.PerThread.Contains).ToList();
        // One array per variable, one element per thread, elements at their size (a stride of 64 bytes per
        // element once made a block of 29 ints and 256 threads need 464 KiB instead of 29 KiB, on the heap).
        long bytesPerThread = perThread.Sum(s => T.SizeOf(s.Type));
        long mostThreads = _shape?.Threads ?? Translate.DeviceContract.CudaLimits.MaxThreadsPerBlock; // no shape yet: the largest block CUDA allows
        if (bytesPerThread * mostThreads > StackFrameLimit)
        {
            var total = B.Binary(Opcode.Mul, B.Cast(Opcode.ZExt, _threads, C.I64), C.I64Const(bytesPerThread));
            long frameAlign = Math.Max(64, perThread.Max(s => (long)T.AlignOf(s.Type)));
            _heapFrame = B.Call(M.RuntimeFunction("aligned_alloc", C.Ptr, C.I64, C.I64), C.I64Const(frameAlign),
                B.Binary(Opcode.And, B.Binary(Opcode.Add, total, C.I64Const(frameAlign - 1)), C.I64Const(-frameAlign))); // a multiple of the alignment, as C11 asks
            // Arrays in order of decreasing alignment: each starts at threads × (the sizes before it), a multiple of its alignment.
            var ordered = perThread.OrderByDescending(s => T.AlignOf(s.Type)).ToList();
            long frameOffset = 0;
            foreach (var s in ordered)
            {
                Slots[s] = B.ByteOffset(_heapFrame.Value, B.Binary(Opcode.Mul, B.Cast(Opcode.ZExt, _threads, C.I64), C.I64Const(frameOffset)));
                frameOffset += T.SizeOf(s.Type);
            }
        }
        foreach (var s in variables)
        {
            int align = T.AlignOf(s.Type);
            if (_analysis.PerThread.Contains(s))
            {
                if (_heapFrame is null) Slots[s] = B.Alloca(C.I8, B.Binary(Opcode.Mul, B.Cast(Opcode.ZExt, _threads, C.I64), C.I64Const(T.SizeOf(s.Type))), Math.Max(16, align));
            }
            else
                Slots[s] = B.EntryAlloca(F, T.Value(s.Type), align, s.Name);
            if (s.Kind != SymbolKind.Parameter) continue;
            var value = B.Load(T.Value(s.Type), B.ByteOffset(args, C.I64Const(offsets[s.Index])), align);
            if (_analysis.PerThread.Contains(s))
                ThreadLoop(SyncLevel.Block, skipStopped: false, () => B.Store(value, VariableAddress(s), align));
            else
                B.Store(value, Slots[s], align);
        }
    }

    protected override LValue VariableAddress(Symbol s)
    {
        if (!_analysis.PerThread.Contains(s)) return base.VariableAddress(s);
        if (_lin is not { } lin) throw new InvalidOperationException($"per-thread variable '{s.Name}' used outside a thread loop");
        var offset = B.Binary(Opcode.Mul, B.Cast(Opcode.ZExt, lin, C.I64), C.I64Const(T.SizeOf(s.Type)));
        return B.ByteOffset(Slots[s], offset);
    }

    /// <summary>Divisors built from literals, block and grid indices and sizes and parameters the kernel never assigns are
    /// the same in every thread of the block: division by them is multiplication, hoisted out of the thread loops.
    /// A literal divisor is left to LLVM, which does the same at compile time.</summary>
    protected override bool DivisorIsInvariant(Expr divisor) => divisor is not IntLit && UniformVariables.IsUniform(divisor, _counters.InvariantParameters);

    protected override LValue SharedAddress(Symbol s) =>
        ((SharedDef)s.Definition!).IsDynamic ? _dynamicShared : B.ByteOffset(_sharedBase, C.I64Const(Cpu.SharedOffset(s)));

    protected override LValue EmitSpecialRegister(SpecialRegister r)
    {
        switch (r)
        {
            case SpecialRegister.BlockDimX or SpecialRegister.BlockDimY or SpecialRegister.BlockDimZ:
                return _blockDim[r - SpecialRegister.BlockDimX];
            case SpecialRegister.ThreadIdxX or SpecialRegister.ThreadIdxY or SpecialRegister.ThreadIdxZ or SpecialRegister.LaneId:
            {
                var lin = _lin ?? throw new InvalidOperationException("thread index outside a thread loop");
                if (r == SpecialRegister.LaneId) return B.Binary(Opcode.And, lin, I32(31));
                if (_tidX is { } x && _tidRow is { } row && _shape is { } shape)
                    return r switch
                    {
                        SpecialRegister.ThreadIdxX => x,
                        SpecialRegister.ThreadIdxY => shape.Z == 1 ? row : B.Binary(Opcode.URem, row, I32(shape.Y)),
                        _ => B.Binary(Opcode.UDiv, row, I32(shape.Y)),
                    };
                // A 1-D block of known shape: the thread's linear index is threadIdx.x itself (no remainder, so
                // LLVM sees base + t in `if (i < n)` and its range-check elimination drops the test where it holds).
                if (_shape is { Y: 1, Z: 1 })
                    return r == SpecialRegister.ThreadIdxX ? lin : I32(0);
                return r switch
                {
                    SpecialRegister.ThreadIdxX => B.Binary(Opcode.URem, lin, _blockDim[0]),
                    SpecialRegister.ThreadIdxY => B.Binary(Opcode.URem, B.Binary(Opcode.UDiv, lin, _blockDim[0]), _blockDim[1]),
                    _ => B.Binary(Opcode.UDiv, lin, B.Binary(Opcode.Mul, _blockDim[0], _blockDim[1])),
                };
            }
            default: return base.EmitSpecialRegister(r);
        }
    }

    protected override void EmitReturn(ReturnStmt r)
    {
        if (_analysis.NeedsThreadStates) SetState(I32(1));
        B.Br(_nextThread!.Block);
    }

    protected override void EmitJump(JumpTarget target, bool isBreak)
    {
        if (target.Tag is not SyncLoop loop) { B.Br(target.Block); return; }
        SetState(I32(2 * loop.Level + (isBreak ? 0 : 1)));
        B.Br(_nextThread!.Block);
    }

    private LValue StateAddress() => B.Gep(C.I32, _states, _lin!.Value);
    private void SetState(LValue v) => B.Store(v, StateAddress(), 4);
}
