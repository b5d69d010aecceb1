using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

/// <summary>
/// Warp collectives with CUDA's 32-lane meaning, whatever the device's sub-group size: as the OpenCL C
/// emitter does, every work-item writes its value to a Workgroup scratch slot (8 bytes each, indexed by the
/// linear local id) between work-group barriers, and reads its warp's slots back. A warp is 32 consecutive
/// linear ids. Correct only when the whole work-group reaches the collective, which
/// <see cref="Ir.Analysis.WorkGroupUniformity"/> checks (TR0503) before this runs.
/// </summary>
internal sealed partial class FunctionEmitter
{
    private uint I32 => _m.TypeInt(32);
    private uint I64 => _m.TypeInt(64);

    private uint Warp(Expr e)
    {
        switch (e)
        {
            case ShuffleExpr s:
            {
                Expression(s.Mask);
                uint v = Expression(s.Value), lane = Expression(s.Lane), width = Expression(s.Width);
                return FromBits(Exchange(ToBits(v, s.Value.Type), t => SourceLane(s.Mode, t, lane, width)), s.Value.Type);
            }
            case VoteExpr v:
            {
                uint mask = Expression(v.Mask), pred = Expression(v.Predicate);
                uint predBits = Value(Op.Select, I64, pred, _m.ConstInt(64, 1), _m.ConstInt(64, 0));
                var (ballot, active) = Ballot(predBits);
                uint voted = Value(Op.BitwiseAnd, I32, ballot, mask);
                uint considered = Value(Op.BitwiseAnd, I32, active, mask);
                uint b = _m.TypeBool();
                return v.Mode switch
                {
                    VoteMode.Ballot => voted,
                    VoteMode.Any => Value(Op.INotEqual, b, voted, _m.ConstInt(32, 0)),
                    VoteMode.All => Value(Op.IEqual, b, voted, considered),
                    _ => Value(Op.LogicalOr, b, Value(Op.IEqual, b, voted, _m.ConstInt(32, 0)), Value(Op.IEqual, b, voted, considered)),
                };
            }
            case ActiveMaskExpr:
                return ActiveLanes(WarpBase(LinearId()));
            case SyncWarpExpr sw:
                Expression(sw.Mask);
                WorkgroupBarrier();
                return 0;
            default:
                throw new SpirVUnsupported($"expression {e.GetType().Name}");
        }
    }

    private uint LinearId() => Value(Op.UConvert, I32, Value(Op.Load, I64, ctx.BuiltIn(BuiltIn.LocalInvocationIndex)));
    private uint WarpBase(uint linear) => Value(Op.BitwiseAnd, I32, linear, _m.ConstInt(32, ~31u));

    private void WorkgroupBarrier()
    {
        uint wg = _m.ConstInt(32, (uint)Scope.Workgroup);
        Inst(Op.ControlBarrier, wg, wg, _m.ConstInt(32, (uint)(MemorySemantics.SequentiallyConsistent | MemorySemantics.WorkgroupMemory)));
    }

    private uint ScratchSlot(uint index)
    {
        uint scratch = ctx.WarpScratch();
        return Pointer(Op.AccessChain, _m.TypePointer(StorageClass.Workgroup, I64), StorageClass.Workgroup, scratch, index);
    }

    /// <summary>barrier; scratch[me] = bits; barrier; read scratch[warp base + source lane]; barrier.</summary>
    private uint Exchange(uint bits, Func<uint, uint> sourceLane)
    {
        uint me = LinearId();
        WorkgroupBarrier();
        Store(ScratchSlot(me), bits);
        WorkgroupBarrier();
        uint src = Value(Op.IAdd, I32, WarpBase(me), sourceLane(Value(Op.BitwiseAnd, I32, me, _m.ConstInt(32, 31))));
        uint read = Value(Op.Load, I64, ScratchSlot(src));
        WorkgroupBarrier();
        return read;
    }

    /// <summary>PTX's shfl rule: the source lane, or the caller's own lane when the source is outside its segment.</summary>
    private uint SourceLane(ShuffleMode mode, uint lane, uint b, uint width)
    {
        uint bt = _m.TypeBool();
        b = Value(Op.BitwiseAnd, I32, b, _m.ConstInt(32, 31)); // PTX's bval = b[4:0]
        uint segMask = Value(Op.ISub, I32, _m.ConstInt(32, 0), width);          // ~(width - 1)
        uint segStart = Value(Op.BitwiseAnd, I32, lane, segMask);
        uint segLast = Value(Op.IAdd, I32, segStart, Value(Op.ISub, I32, width, _m.ConstInt(32, 1)));
        switch (mode)
        {
            case ShuffleMode.Idx:
                return Value(Op.BitwiseOr, I32, segStart, Value(Op.BitwiseAnd, I32, b, Value(Op.ISub, I32, width, _m.ConstInt(32, 1))));
            case ShuffleMode.Up:
            {
                uint j = Value(Op.ISub, I32, lane, b);
                return Value(Op.Select, I32, Value(Op.SGreaterThanEqual, bt, j, segStart), j, lane);
            }
            case ShuffleMode.Down:
            {
                uint j = Value(Op.IAdd, I32, lane, b);
                return Value(Op.Select, I32, Value(Op.SLessThanEqual, bt, j, segLast), j, lane);
            }
            default:
            {
                uint j = Value(Op.BitwiseXor, I32, lane, b);
                return Value(Op.Select, I32, Value(Op.SLessThanEqual, bt, j, segLast), j, lane);
            }
        }
    }

    /// <summary>The lanes of the caller's warp that exist: all 32 unless the work-group ends inside it.</summary>
    private uint ActiveLanes(uint warpBase)
    {
        uint size = Value(Op.UConvert, I32, WorkgroupLinearSize());
        uint n = Value(Op.ISub, I32, size, warpBase);
        uint full = Value(Op.SGreaterThanEqual, _m.TypeBool(), n, _m.ConstInt(32, 32));
        uint partial = Value(Op.ISub, I32, Value(Op.ShiftLeftLogical, I32, _m.ConstInt(32, 1), Value(Op.BitwiseAnd, I32, n, _m.ConstInt(32, 31))), _m.ConstInt(32, 1));
        return Value(Op.Select, I32, full, _m.ConstInt(32, uint.MaxValue), partial);
    }

    private uint WorkgroupLinearSize()
    {
        uint v3 = Value(Op.Load, _m.TypeVector(I64, 3), ctx.BuiltIn(BuiltIn.WorkgroupSize));
        uint x = Value(Op.CompositeExtract, I64, v3, 0), y = Value(Op.CompositeExtract, I64, v3, 1), z = Value(Op.CompositeExtract, I64, v3, 2);
        return Value(Op.IMul, I64, Value(Op.IMul, I64, x, y), z);
    }

    /// <summary>Every lane writes 0/1; each reads its warp's 32 slots (present lanes only). Gives (ballot, active lanes).</summary>
    private (uint Ballot, uint Active) Ballot(uint predBits)
    {
        uint me = LinearId();
        WorkgroupBarrier();
        Store(ScratchSlot(me), predBits);
        WorkgroupBarrier();
        uint baseLane = WarpBase(me);
        uint active = ActiveLanes(baseLane);
        uint ballot = _m.ConstInt(32, 0);
        for (uint i = 0; i < 32; i++)
        {
            uint slot = Value(Op.Load, I64, ScratchSlot(Value(Op.IAdd, I32, baseLane, _m.ConstInt(32, i))));
            uint bit = Value(Op.ShiftLeftLogical, I32, Value(Op.UConvert, I32, slot), _m.ConstInt(32, i));
            ballot = Value(Op.BitwiseOr, I32, ballot, bit);
        }
        WorkgroupBarrier();
        return (Value(Op.BitwiseAnd, I32, ballot, active), active);
    }

    private uint ToBits(uint v, IrType t) => t switch
    {
        _ when t.IsBool => Value(Op.Select, I64, v, _m.ConstInt(64, 1), _m.ConstInt(64, 0)),
        _ when t.IsInteger => t.Bits == 64 ? v : Value(Op.UConvert, I64, v),
        ScalarType { Kind: ScalarKind.Double } => Value(Op.Bitcast, I64, v),
        ScalarType { Kind: ScalarKind.Float } => Value(Op.UConvert, I64, Value(Op.Bitcast, I32, v)),
        ScalarType { Kind: ScalarKind.Half } => Value(Op.UConvert, I64, Value(Op.Bitcast, _m.TypeInt(16), v)),
        _ => throw new SpirVUnsupported($"a warp shuffle of {t}"),
    };

    private uint FromBits(uint bits, IrType t) => t switch
    {
        _ when t.IsBool => Value(Op.INotEqual, _m.TypeBool(), bits, _m.ConstInt(64, 0)),
        _ when t.IsInteger => t.Bits == 64 ? bits : Value(Op.UConvert, _m.TypeInt(t.Bits), bits),
        ScalarType { Kind: ScalarKind.Double } => Value(Op.Bitcast, Types.Of(t), bits),
        ScalarType { Kind: ScalarKind.Float } => Value(Op.Bitcast, Types.Of(t), Value(Op.UConvert, I32, bits)),
        _ => Value(Op.Bitcast, Types.Of(t), Value(Op.UConvert, _m.TypeInt(16), bits)),
    };
}

/// <summary><c>__syncthreads_count/and/or</c>: a barrier that also counts the work-items whose predicate holds.</summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>barrier; scratch[me] = pred; barrier; count = sum of scratch[0 .. size); barrier.</summary>
    private uint CountingBarrier(BarrierExpr b)
    {
        uint pred = Expression(b.Predicate!);
        uint me = LinearId();
        WorkgroupBarrier();
        Store(ScratchSlot(me), Value(Op.Select, I64, pred, _m.ConstInt(64, 1), _m.ConstInt(64, 0)));
        WorkgroupBarrier();
        uint size = Value(Op.UConvert, I32, WorkgroupLinearSize());
        uint count = NewVariable(I64, "barrier_count");
        Store(count, _m.ConstInt(64, 0));
        CountedLoop(32, size, "barrier_i", i => Store(count, Value(Op.IAdd, I64, Value(Op.Load, I64, count), Value(Op.Load, I64, ScratchSlot(i)))));
        uint total = Value(Op.UConvert, I32, Value(Op.Load, I64, count));
        WorkgroupBarrier();
        return b.Kind switch
        {
            BarrierKind.Count => total,
            BarrierKind.And => Value(Op.IEqual, _m.TypeBool(), total, size),
            _ => Value(Op.INotEqual, _m.TypeBool(), total, _m.ConstInt(32, 0)),
        };
    }
}
