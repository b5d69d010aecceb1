using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Gpu;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Backends.Amdgpu;

/// <summary>
/// CUDA forms on AMDGPU. CUDA's 32-lane warp is kept on both wavefront sizes: on wave32 (gfx10+) a warp
/// is a wavefront; on wave64 (gfx9) a warp is one 32-lane half of it, so lane ids, shuffles
/// (<c>ds_bpermute</c>, with the source lane computed by CUDA's width and clamping rules and kept in
/// the caller's half) and ballots (shifted to the caller's half) never cross between the two halves.
/// Block sizes and grid sizes are read from the HSA dispatch packet.
/// </summary>
internal sealed class AmdgpuFunctionLowering(AmdgpuModuleLowering module, FunctionDef def, LFunction function)
    : GpuFunctionLowering(module, def, function)
{
    private AmdgpuModuleLowering Amd => module;

    /// <summary>Private variables live in address space 5; the program addresses them through generic pointers.</summary>
    protected override void AllocateVariables()
    {
        base.AllocateVariables();
        foreach (var s in Slots.Keys.ToList()) Slots[s] = B.Cast(Opcode.AddrSpaceCast, Slots[s], C.Ptr);
    }

    /// <summary>
    /// Device printf (<see cref="AmdgpuPrintf"/>): one record per call in the runtime's buffer. The format must be a string
    /// literal: the record holds its hash, and the code object's printf table its text. Returns the number of arguments
    /// after the format (docs/ir/printf.md), or −1 when the buffer had no room for the record.
    /// </summary>
    protected override LValue EmitExternalCall(CallExpr c, ExternalFunction external)
    {
        if (external.Name != "printf") return base.EmitExternalCall(c, external);
        if (c.Arguments[0] is not StringLit format)
            throw Unsupported(GpuCodes.Unsupported, c.Location,
                "device printf on AMD GPUs needs a string literal as its format: the runtime prints from the code object's table of formats");
        var printf = Amd.Printf;
        ulong hash = printf.Register(format.Value);
        var conversions = AmdgpuPrintf.Conversions(format.Value);

        // Each argument takes 8 bytes, a %s string its bytes (NUL included) padded to 8.
        var arguments = new List<(LValue Value, LValue? Bytes, LValue Room)>();
        var size = C.I64Const(AmdgpuPrintf.RecordHeaderBytes);
        for (int k = 1; k < c.Arguments.Count; k++)
        {
            var value = EmitExpr(c.Arguments[k]);
            if (c.Arguments[k].Type.IsPointer && k - 1 < conversions.Count && conversions[k - 1] == 's')
            {
                var text = Generic(value);
                var bytes = B.Call(printf.StringLength(), text);
                var room = B.Binary(Opcode.And, B.Binary(Opcode.Add, bytes, C.I64Const(7)), C.I64Const(~7L));
                arguments.Add((text, bytes, room));
                size = B.Binary(Opcode.Add, size, room);
            }
            else
            {
                arguments.Add((Widened(value, c.Arguments[k].Type), null, C.I64Const(8)));
                size = B.Binary(Opcode.Add, size, C.I64Const(8));
            }
        }
        var size32 = B.Cast(Opcode.Trunc, size, C.I32);
        var record = B.Call(printf.Allocator(), size32);
        var (write, done) = (B.AppendBlock(F, "printf.write"), B.AppendBlock(F, "printf.done"));
        var full = B.CurrentBlock;
        B.CondBr(B.ICmp(IntPredicate.Eq, record, LlvmContext.Null(C.PtrIn(1))), done, write);

        B.PositionAtEnd(write);
        B.Store(B.Binary(Opcode.Or, B.Binary(Opcode.Shl, size32, I32(2)), I32(AmdgpuPrintf.ConstantFormat)), record, 4);
        B.Store(C.I64Const(unchecked((long)hash)), B.ByteOffset(record, C.I64Const(4)), 4);
        var offset = C.I64Const(AmdgpuPrintf.RecordHeaderBytes);
        foreach (var (value, bytes, room) in arguments)
        {
            var at = B.ByteOffset(record, offset);
            if (bytes is { } n) B.Call(M.Module.Intrinsic("llvm.memcpy", C.PtrIn(1), C.Ptr, C.I64), at, value, n, C.Bool(false));
            else B.Store(value, at, 4);
            offset = B.Binary(Opcode.Add, offset, room);
        }
        B.Br(done);

        B.PositionAtEnd(done);
        return B.Phi(C.I32, [(I32(-1), full), (I32(c.Arguments.Count - 1), write)]);
    }

    /// <summary>An argument as its record's 8 bytes: integers as C promotes them, then zero-extended from 32 bits as clang stores them.</summary>
    private LValue Widened(LValue value, IrType type)
    {
        if (type.IsPointer) return B.Cast(Opcode.PtrToInt, value, C.I64);
        if (type.IsFloat) return type.Bits == 64 ? value : B.Cast(Opcode.FPExt, value, C.Double);
        if (type.Bits == 64) return value;
        var promoted = type.Bits < 32 ? B.Cast(type.IsBool ? Opcode.ZExt : Opcode.SExt, value, C.I32) : value;
        return B.Cast(Opcode.ZExt, promoted, C.I64);
    }

    /// <summary>The lane within the wavefront (0..63 on wave64).</summary>
    private LValue WaveLane()
    {
        var lo = Intrinsic("llvm.amdgcn.mbcnt.lo", I32(-1), I32(0));
        return Amd.Wave64 ? Intrinsic("llvm.amdgcn.mbcnt.hi", I32(-1), lo) : lo;
    }

    /// <summary>
    /// [globaltimer]: the constant-rate real-time counter (s_memrealtime / s_sendmsg_rtn, through
    /// llvm.readsteadycounter), which ROCm documents at 100 MHz on these architectures: 10 ns a tick.
    /// </summary>
    protected override LValue EmitGlobalTimer(GlobalTimerExpr g) =>
        B.Binary(Opcode.Mul, Intrinsic("llvm.readsteadycounter"), C.I64Const(10));

    protected override LValue LaneId() => B.Binary(Opcode.And, WaveLane(), I32(31));

    /// <summary>The first wavefront lane of the caller's 32-lane warp (0, or 32 in the upper half of a wave64).</summary>
    private LValue WarpBase() => Amd.Wave64 ? B.Binary(Opcode.And, WaveLane(), I32(32)) : I32(0);

    private LValue Dispatch(int offset, int bits)
    {
        var packet = Intrinsic("llvm.amdgcn.dispatch.ptr");
        var field = B.Load(C.Int(bits), B.ByteOffset(packet, C.I64Const(offset)), bits / 8);
        return bits == 32 ? field : B.Cast(Opcode.ZExt, field, C.I32);
    }

    protected override LValue EmitSpecialRegister(SpecialRegister r)
    {
        string[] axes = ["x", "y", "z"];
        switch (r)
        {
            case >= SpecialRegister.ThreadIdxX and <= SpecialRegister.ThreadIdxZ:
                return Intrinsic("llvm.amdgcn.workitem.id." + axes[r - SpecialRegister.ThreadIdxX]);
            case >= SpecialRegister.BlockIdxX and <= SpecialRegister.BlockIdxZ:
                return Intrinsic("llvm.amdgcn.workgroup.id." + axes[r - SpecialRegister.BlockIdxX]);
            case >= SpecialRegister.BlockDimX and <= SpecialRegister.BlockDimZ:
                // hsa_kernel_dispatch_packet_t: workgroup_size_x/y/z are u16 at 4, 6, 8.
                return Dispatch(4 + 2 * (r - SpecialRegister.BlockDimX), 16);
            case >= SpecialRegister.GridDimX and <= SpecialRegister.GridDimZ:
            {
                // grid_size_x/y/z (u32 at 12, 16, 20) count work-items; HIP launches whole blocks.
                int k = r - SpecialRegister.GridDimX;
                return B.Binary(Opcode.UDiv, Dispatch(12 + 4 * k, 32), Dispatch(4 + 2 * k, 16));
            }
            case SpecialRegister.LaneId: return LaneId();
            default: return I32(32);
        }
    }

    /// <summary>System scope: LLVM 19's C API has no syncscope (stronger than the device scope asked for).</summary>
    protected override void DeviceFence() => B.Fence(AtomicOrdering.SequentiallyConsistent);

    private void Barrier()
    {
        // No syncscope in LLVM 19's C API: these fences are system-scope (stronger than CUDA's block scope).
        B.Fence(AtomicOrdering.Release);
        Intrinsic("llvm.amdgcn.s.barrier");
        B.Fence(AtomicOrdering.Acquire);
    }

    protected override LValue EmitBarrier(BarrierExpr b)
    {
        if (b.Kind == BarrierKind.Plain)
        {
            Barrier();
            return default;
        }
        // __syncthreads_count/and/or: one LDS counter; thread (0,0,0) clears it, everyone adds, everyone reads.
        var pred = B.Cast(Opcode.ZExt, EmitExpr(b.Predicate!), C.I32);
        var counter = B.Cast(Opcode.AddrSpaceCast, Amd.BarrierCounter(), C.Ptr);
        var tid = AnyOf(SpecialRegister.ThreadIdxX, SpecialRegister.ThreadIdxY, SpecialRegister.ThreadIdxZ);
        var clear = NewBlock("barrier.clear");
        var join = NewBlock("barrier.count");
        B.CondBr(B.ICmp(IntPredicate.Eq, tid, I32(0)), clear, join);
        B.PositionAtEnd(clear);
        B.Store(I32(0), counter, 4);
        B.Br(join);
        B.PositionAtEnd(join);
        Barrier();
        B.AtomicRmw(AtomicRmwOp.Add, counter, pred, AtomicOrdering.Monotonic, 4);
        Barrier();
        var count = B.Load(C.I32, counter, 4);
        Barrier(); // nobody clears the counter for the next use before everyone has read it
        return b.Kind switch
        {
            BarrierKind.Count => count,
            BarrierKind.And => B.ICmp(IntPredicate.Eq, count, ProductOf(SpecialRegister.BlockDimX, SpecialRegister.BlockDimY, SpecialRegister.BlockDimZ)),
            _ => B.ICmp(IntPredicate.Ne, count, I32(0)),
        };
    }

    /// <summary>The ballot of <paramref name="pred"/> over the caller's 32-lane warp.</summary>
    private LValue Ballot(LValue pred)
    {
        if (!Amd.Wave64) return B.Call(M.Module.Intrinsic("llvm.amdgcn.ballot", C.I32), pred);
        var wide = B.Call(M.Module.Intrinsic("llvm.amdgcn.ballot", C.I64), pred);
        var shifted = B.Binary(Opcode.LShr, wide, B.Cast(Opcode.ZExt, WarpBase(), C.I64));
        return B.Cast(Opcode.Trunc, shifted, C.I32);
    }

    protected override LValue EmitWarpOperation(Expr e)
    {
        switch (e)
        {
            case SyncWarpExpr:
                // A warp runs in lock step inside one wavefront: only the compiler must not move memory accesses across.
                Intrinsic("llvm.amdgcn.wave.barrier");
                return default;
            case ActiveMaskExpr:
                return Ballot(C.Bool(true));
            case VoteExpr v:
            {
                var mask = EmitExpr(v.Mask);
                var votes = B.Binary(Opcode.And, Ballot(EmitExpr(v.Predicate)), mask);
                var active = B.Binary(Opcode.And, Ballot(C.Bool(true)), mask);
                return v.Mode switch
                {
                    VoteMode.Ballot => votes,
                    VoteMode.Any => B.ICmp(IntPredicate.Ne, votes, I32(0)),
                    VoteMode.All => B.ICmp(IntPredicate.Eq, votes, active),
                    _ => B.Binary(Opcode.Or, B.ICmp(IntPredicate.Eq, votes, I32(0)), B.ICmp(IntPredicate.Eq, votes, active)),
                };
            }
            case ShuffleExpr s:
            {
                EmitExpr(s.Mask); // the mask names lanes that run in lock step anyway
                var value = EmitExpr(s.Value);
                var operand = B.Binary(Opcode.And, EmitExpr(s.Lane), I32(31)); // PTX's bval = b[4:0]
                var width = EmitExpr(s.Width);
                var lane = LaneId();
                var low = B.Binary(Opcode.Sub, width, I32(1));
                var inSegment = B.Binary(Opcode.And, lane, low);
                var segment = B.Binary(Opcode.Sub, lane, inSegment);
                LValue source, valid;
                switch (s.Mode)
                {
                    case ShuffleMode.Idx:
                        source = B.Binary(Opcode.Add, segment, B.Binary(Opcode.And, operand, low));
                        valid = C.Bool(true);
                        break;
                    case ShuffleMode.Up:
                        source = B.Binary(Opcode.Sub, lane, operand);
                        valid = B.ICmp(IntPredicate.Uge, inSegment, operand);
                        break;
                    case ShuffleMode.Down:
                        source = B.Binary(Opcode.Add, lane, operand);
                        valid = B.ICmp(IntPredicate.Ult, operand, B.Binary(Opcode.Sub, width, inSegment)); // no wrap-around for huge deltas
                        break;
                    default:
                        // Xor may read earlier segments but not later ones (CUDA returns the caller's own value).
                        source = B.Binary(Opcode.Xor, lane, operand);
                        valid = B.ICmp(IntPredicate.Ult, source, B.Binary(Opcode.Add, segment, width));
                        break;
                }
                var chosen = B.Select(valid, source, lane);
                var address = B.Binary(Opcode.Shl, B.Binary(Opcode.Add, WarpBase(), chosen), I32(2));
                return Through32(value, s.Value.Type, x => Intrinsic("llvm.amdgcn.ds.bpermute", address, x));
            }
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }
}
