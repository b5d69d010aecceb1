using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Ir.Model;

namespace Translate.Backends.Nvptx;

/// <summary>
/// CUDA forms as NVVM intrinsics: special registers (<c>llvm.nvvm.read.ptx.sreg.*</c>), <c>bar.sync</c>
/// (<c>llvm.nvvm.barrier0</c> and its popc/and/or forms), <c>shfl.sync</c> with CUDA's packed
/// clamp/segment operand, <c>vote.sync</c>, <c>activemask</c> and <c>bar.warp.sync</c>; device
/// <c>printf</c> as CUDA's <c>vprintf</c>.
/// </summary>
internal sealed class NvptxFunctionLowering(GpuModuleLowering module, FunctionDef def, LFunction function)
    : GpuFunctionLowering(module, def, function)
{
    /// <summary>Block- and system-scope atomic read-modify-writes and CAS (see <see cref="NvptxAtomics"/>); device scope is LLVM's own.</summary>
    protected override bool TryEmitTargetForm(Expr e, out LValue value)
    {
        value = default;
        switch (e)
        {
            case AtomicRmwExpr { Op: AtomicOp.UMax or AtomicOp.UMin } a when a.Scope != MemoryScope.Device:
                value = UnsignedMinMax(a);
                return true;
            case AtomicRmwExpr a when a.Scope != MemoryScope.Device:
            {
                var family = NvptxAtomics.Family(a.Op == AtomicOp.Sub ? AtomicOp.Add : a.Op)
                    ?? throw Unsupported(GpuCodes.Unsupported, a.Location,
                        $"atomic {a.Op} at {a.Scope} scope (NVVM has no scoped form of it; device scope works)");
                var p = EmitExpr(a.Pointer);
                var v = EmitExpr(a.Value);
                if (a.Op == AtomicOp.Sub) v = B.Neg(v);
                var t = T.Value(a.Type);
                bool exchFloat = a.Op == AtomicOp.Exch && a.Type.IsFloat;
                var it = exchFloat ? C.Int(a.Type.Bits) : t;
                if (exchFloat) v = B.Cast(Opcode.BitCast, v, it);
                var f = M.Module.Intrinsic($"llvm.nvvm.atomic.{family}.{NvptxAtomics.Suffix(a.Scope)}", it, C.Ptr);
                FenceBefore(a.Order, a.Scope);
                var r = B.Call(f, p, v);
                FenceAfter(a.Order, a.Scope);
                value = exchFloat ? B.Cast(Opcode.BitCast, r, t) : r;
                return true;
            }
            case FenceExpr f:
                // LLVM 19's NVPTX backend cannot select an IR fence (it stops the process): membar is the PTX fence,
                // sequentially consistent, at the fence's scope.
                Membar(f.Scope);
                value = default;
                return true;
            case AtomicCasExpr c when c.Scope != MemoryScope.Device && !c.Type.IsFloat:
            {
                var p = EmitExpr(c.Pointer);
                var expected = EmitExpr(c.Expected);
                var desired = EmitExpr(c.Desired);
                var f = M.Module.Intrinsic($"llvm.nvvm.atomic.cas.gen.i.{NvptxAtomics.Suffix(c.Scope)}", T.Value(c.Type), C.Ptr);
                FenceBefore(c.Order, c.Scope);
                value = B.Call(f, p, expected, desired);
                FenceAfter(c.Order, c.Scope);
                return true;
            }
            case AtomicCasExpr c when c.Scope != MemoryScope.Device:
                throw Unsupported(GpuCodes.Unsupported, c.Location, $"a floating-point atomic CAS at {c.Scope} scope");
            default:
                return false;
        }
    }

    /// <summary>
    /// Unsigned atomic max/min at block or system scope: NVVM's scoped intrinsics have only the signed form (clang maps
    /// <c>__nvvm_atom_cta_max_gen_ui</c> to it too), so a loop of the scoped CAS: <c>atom.cta.cas</c> / <c>atom.sys.cas</c>.
    /// </summary>
    private LValue UnsignedMinMax(AtomicRmwExpr a)
    {
        var p = EmitExpr(a.Pointer);
        var v = EmitExpr(a.Value);
        var t = T.Value(a.Type);
        var cas = M.Module.Intrinsic($"llvm.nvvm.atomic.cas.gen.i.{NvptxAtomics.Suffix(a.Scope)}", t, C.Ptr);
        FenceBefore(a.Order, a.Scope);
        var first = B.Load(t, p, a.Type.Bits / 8);
        LlvmBuilder.SetOrdering(first, AtomicOrdering.Monotonic);
        var entry = B.CurrentBlock;
        var loop = NewBlock("atomic.minmax");
        var done = NewBlock("atomic.minmax.done");
        B.Br(loop);
        B.PositionAtEnd(loop);
        var seen = B.Phi(t, [(first, entry)]);
        var keep = B.ICmp(a.Op == AtomicOp.UMax ? IntPredicate.Ugt : IntPredicate.Ult, seen, v);
        var found = B.Call(cas, p, seen, B.Select(keep, seen, v));
        LlvmBuilder.AddIncoming(seen, found, loop);
        B.CondBr(B.ICmp(IntPredicate.Eq, found, seen), done, loop);
        B.PositionAtEnd(done);
        FenceAfter(a.Order, a.Scope);
        return found;
    }

    protected override void DeviceFence() => Membar(MemoryScope.Device);

    private void FenceBefore(MemoryOrder o, MemoryScope scope)
    {
        if (o is MemoryOrder.Release or MemoryOrder.AcqRel or MemoryOrder.SeqCst) Membar(scope);
    }

    private void FenceAfter(MemoryOrder o, MemoryScope scope)
    {
        if (o is MemoryOrder.Acquire or MemoryOrder.AcqRel or MemoryOrder.SeqCst) Membar(scope);
    }

    /// <summary><c>membar.cta</c>, <c>membar.gl</c> or <c>membar.sys</c>: at least as strong as any fence of that scope.</summary>
    private void Membar(MemoryScope scope) => Intrinsic(scope switch
    {
        MemoryScope.Block => "llvm.nvvm.membar.cta",
        MemoryScope.System => "llvm.nvvm.membar.sys",
        _ => "llvm.nvvm.membar.gl",
    });

    private LValue Sreg(string name) => Intrinsic("llvm.nvvm.read.ptx.sreg." + name);

    protected override LValue LaneId() => Sreg("laneid");

    /// <summary>
    /// Device printf is CUDA's <c>vprintf(format, arguments)</c>, which the driver links: the arguments after the
    /// format (already promoted: int, int64, double, pointers) are stored in one local buffer, each at an offset
    /// aligned to its own size, as clang lays them out for CUDA. Other C library calls stay refused.
    /// </summary>
    protected override LValue EmitExternalCall(CallExpr c, Translate.Ir.Semantics.ExternalFunction external)
    {
        if (external.Name != "printf") return base.EmitExternalCall(c, external);
        var format = EmitExpr(c.Arguments[0]);
        var offsets = new long[c.Arguments.Count];
        long size = 0;
        for (int k = 1; k < c.Arguments.Count; k++)
        {
            long bytes = c.Arguments[k].Type.IsPointer ? 8 : c.Arguments[k].Type.Bits / 8;
            offsets[k] = size = (size + bytes - 1) / bytes * bytes;
            size += bytes;
        }
        var buffer = LlvmContext.Null(C.Ptr);
        if (size > 0)
        {
            buffer = B.EntryAlloca(F, C.I8, 8, "printf.args", C.I64Const(size));
            for (int k = 1; k < c.Arguments.Count; k++)
                B.Store(EmitExpr(c.Arguments[k]), B.ByteOffset(buffer, C.I64Const(offsets[k])), T.AlignOf(c.Arguments[k].Type));
        }
        return B.Call(M.RuntimeFunction("vprintf", C.I32, C.Ptr, C.Ptr), format, buffer);
    }

    protected override LValue EmitSpecialRegister(SpecialRegister r)
    {
        string[] axes = ["x", "y", "z"];
        return r switch
        {
            >= SpecialRegister.ThreadIdxX and <= SpecialRegister.ThreadIdxZ => Sreg("tid." + axes[r - SpecialRegister.ThreadIdxX]),
            >= SpecialRegister.BlockIdxX and <= SpecialRegister.BlockIdxZ => Sreg("ctaid." + axes[r - SpecialRegister.BlockIdxX]),
            >= SpecialRegister.BlockDimX and <= SpecialRegister.BlockDimZ => Sreg("ntid." + axes[r - SpecialRegister.BlockDimX]),
            >= SpecialRegister.GridDimX and <= SpecialRegister.GridDimZ => Sreg("nctaid." + axes[r - SpecialRegister.GridDimX]),
            SpecialRegister.LaneId => LaneId(),
            _ => I32(32),
        };
    }

    protected override LValue EmitBarrier(BarrierExpr b)
    {
        if (b.Kind == BarrierKind.Plain)
        {
            Intrinsic("llvm.nvvm.barrier0");
            return default;
        }
        var p = B.Cast(Opcode.ZExt, EmitExpr(b.Predicate!), C.I32);
        return b.Kind switch
        {
            BarrierKind.Count => Intrinsic("llvm.nvvm.barrier0.popc", p),
            BarrierKind.And => B.ICmp(IntPredicate.Ne, Intrinsic("llvm.nvvm.barrier0.and", p), I32(0)),
            _ => B.ICmp(IntPredicate.Ne, Intrinsic("llvm.nvvm.barrier0.or", p), I32(0)),
        };
    }

    /// <summary>[globaltimer]: PTX's %globaltimer, in nanoseconds.</summary>
    protected override LValue EmitGlobalTimer(GlobalTimerExpr g) => Intrinsic("llvm.nvvm.read.ptx.sreg.globaltimer");

    protected override LValue EmitWarpOperation(Expr e)
    {
        switch (e)
        {
            case SyncWarpExpr s:
                Intrinsic("llvm.nvvm.bar.warp.sync", EmitExpr(s.Mask));
                return default;
            case ActiveMaskExpr:
                return Intrinsic("llvm.nvvm.activemask");
            case VoteExpr v:
            {
                var mask = EmitExpr(v.Mask);
                var pred = EmitExpr(v.Predicate);
                return v.Mode switch
                {
                    VoteMode.Any => Intrinsic("llvm.nvvm.vote.any.sync", mask, pred),
                    VoteMode.All => Intrinsic("llvm.nvvm.vote.all.sync", mask, pred),
                    VoteMode.Uni => Intrinsic("llvm.nvvm.vote.uni.sync", mask, pred),
                    _ => Intrinsic("llvm.nvvm.vote.ballot.sync", mask, pred),
                };
            }
            case ShuffleExpr s:
            {
                var mask = EmitExpr(s.Mask);
                var value = EmitExpr(s.Value);
                var lane = EmitExpr(s.Lane);
                var width = EmitExpr(s.Width);
                // CUDA's c operand: ((32 - width) << 8) is the segment mask; the low bits are the clamp,
                // 31 for idx/down/xor (stay inside the segment's top) and 0 for up (its bottom).
                var segment = B.Binary(Opcode.Shl, B.Binary(Opcode.Sub, I32(32), width), I32(8));
                var c = s.Mode == ShuffleMode.Up ? segment : B.Binary(Opcode.Or, segment, I32(0x1f));
                string name = "llvm.nvvm.shfl.sync." + s.Mode switch
                {
                    ShuffleMode.Idx => "idx", ShuffleMode.Up => "up", ShuffleMode.Down => "down", _ => "bfly",
                } + ".i32";
                return Through32(value, s.Value.Type, x => Intrinsic(name, mask, x, lane, c));
            }
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }
}
