using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

internal sealed partial class FunctionEmitter
{
    // OpenCL memory semantics: the order, plus the memories it orders (both, as CUDA's fences do).
    private const uint WorkgroupAndCrossWorkgroupMemory = (uint)(MemorySemantics.WorkgroupMemory | MemorySemantics.CrossWorkgroupMemory);

    private uint Cuda(Expr e)
    {
        switch (e)
        {
            case SpecialRegisterExpr r: return Register(r.Register);
            case BarrierExpr { Kind: BarrierKind.Plain }:
            {
                uint wg = _m.ConstInt(32, (uint)Scope.Workgroup);
                Inst(Op.ControlBarrier, wg, wg, _m.ConstInt(32, (uint)MemorySemantics.SequentiallyConsistent | WorkgroupAndCrossWorkgroupMemory));
                return 0;
            }
            case WarningExpr:
                return 0; // SPIR-V modules are not run here: no channel for a run-time warning
            case FenceExpr f:
                Inst(Op.MemoryBarrier, ScopeId(f.Scope), _m.ConstInt(32, Semantics(f.Order)));
                return 0;
            case AtomicRmwExpr a: return AtomicRmw(a);
            case AtomicCasExpr c:
            {
                uint p = Expression(c.Pointer), expected = Expression(c.Expected), desired = Expression(c.Desired);
                Atomic64(c.Type);
                var failure = c.Order switch { MemoryOrder.Release => MemoryOrder.Relaxed, MemoryOrder.AcqRel => MemoryOrder.Acquire, var o => o };
                return Value(Op.AtomicCompareExchange, TypeOf(c), p, ScopeId(c.Scope), _m.ConstInt(32, Semantics(c.Order)),
                    _m.ConstInt(32, Semantics(failure)), desired, expected);
            }
            case AtomicLoadExpr l:
            {
                uint p = Expression(l.Pointer);
                Atomic64(l.Type);
                return Value(Op.AtomicLoad, TypeOf(l), p, ScopeId(l.Scope), _m.ConstInt(32, Semantics(l.Order)));
            }
            case AtomicStoreExpr s:
            {
                uint p = Expression(s.Pointer), v = Expression(s.Value);
                Atomic64(s.Value.Type);
                Inst(Op.AtomicStore, p, ScopeId(s.Scope), _m.ConstInt(32, Semantics(s.Order)), v);
                return 0;
            }
            case BarrierExpr b:
                return CountingBarrier(b);
            case ShuffleExpr or VoteExpr or ActiveMaskExpr or SyncWarpExpr:
                return Warp(e);
            case GlobalTimerExpr:
                throw new SpirVUnsupported("%globaltimer (a nanosecond timer; SPIR-V has no real-time clock)");
            case ClockExpr c:
            {
                // One reading anywhere on the device is one tick (docs/ir/thread-index.md): a device-scope atomic increment.
                Atomic64(c.Type);
                uint counter = ctx.ClockCounter();
                _class[counter] = StorageClass.CrossWorkgroup;
                return Value(Op.AtomicIIncrement, TypeOf(c), counter, ScopeId(MemoryScope.Device), _m.ConstInt(32, Semantics(MemoryOrder.Relaxed)));
            }
            case TrapExpr t:
                return Trap(t);
            case AsmExpr:
                throw new SpirVUnsupported("inline assembly");
            case GridSyncExpr:
                throw new SpirVUnsupported("grid synchronization (grid.sync()): SPIR-V for OpenCL has no barrier across work-groups");
            case LaunchExpr:
                throw new SpirVUnsupported("a kernel launch from device code (dynamic parallelism): SPIR-V kernels for OpenCL cannot launch kernels");
            default:
                throw new SpirVUnsupported($"expression {e.GetType().Name} in device code");
        }
    }

    /// <summary>
    /// Records the trap in the program's trap status (the first one wins) and leaves the function, returning zero from one
    /// that returns a value (<see cref="ModuleContext.TrapStatus"/>); what follows in the source is an unreachable block.
    /// </summary>
    private uint Trap(TrapExpr t)
    {
        uint it = _m.TypeInt(32), relaxed = _m.ConstInt(32, Semantics(MemoryOrder.Relaxed));
        Value(Op.AtomicCompareExchange, it, ctx.TrapStatus(), ScopeId(MemoryScope.Device), relaxed, relaxed,
            _m.ConstInt(32, t.IsAssert ? unchecked((ulong)-1L) : 1), _m.ConstInt(32, 0));
        if (F.ReturnType.IsVoid) Inst(Op.Return);
        else
        {
            uint type = Types.Of(F.ReturnType, ReturnClass());
            Inst(Op.ReturnValue, F.ReturnType switch
            {
                { IsBool: true } => _m.ConstBool(false),
                { IsInteger: true } or { IsFloat: true } => ModuleVariables.Zero(ctx, F.ReturnType, type),
                _ => _m.ConstNull(type),
            });
        }
        _terminated = true;
        Label(_m.NewId());
        return 0;
    }

    private uint Register(SpecialRegister r)
    {
        if (r == SpecialRegister.WarpSize) return _m.ConstInt(32, 32);
        if (r == SpecialRegister.LaneId)
        {
            // CUDA's lane: the linear thread index within the block, modulo 32.
            uint idx = Value(Op.Load, _m.TypeInt(64), ctx.BuiltIn(BuiltIn.LocalInvocationIndex));
            uint i32 = Value(Op.UConvert, _m.TypeInt(32), idx);
            return Value(Op.BitwiseAnd, _m.TypeInt(32), i32, _m.ConstInt(32, 31));
        }
        var (builtIn, lane) = r switch
        {
            SpecialRegister.ThreadIdxX => (BuiltIn.LocalInvocationId, 0u), SpecialRegister.ThreadIdxY => (BuiltIn.LocalInvocationId, 1u),
            SpecialRegister.ThreadIdxZ => (BuiltIn.LocalInvocationId, 2u),
            SpecialRegister.BlockIdxX => (BuiltIn.WorkgroupId, 0u), SpecialRegister.BlockIdxY => (BuiltIn.WorkgroupId, 1u),
            SpecialRegister.BlockIdxZ => (BuiltIn.WorkgroupId, 2u),
            SpecialRegister.BlockDimX => (BuiltIn.WorkgroupSize, 0u), SpecialRegister.BlockDimY => (BuiltIn.WorkgroupSize, 1u),
            SpecialRegister.BlockDimZ => (BuiltIn.WorkgroupSize, 2u),
            SpecialRegister.GridDimX => (BuiltIn.NumWorkgroups, 0u), SpecialRegister.GridDimY => (BuiltIn.NumWorkgroups, 1u),
            _ => (BuiltIn.NumWorkgroups, 2u),
        };
        uint v3 = Value(Op.Load, _m.TypeVector(_m.TypeInt(64), 3), ctx.BuiltIn(builtIn));
        uint c = Value(Op.CompositeExtract, _m.TypeInt(64), v3, lane);
        return Value(Op.UConvert, _m.TypeInt(32), c);
    }

    private uint ScopeId(MemoryScope s) => _m.ConstInt(32, (uint)(s switch
    {
        MemoryScope.Block => Scope.Workgroup,
        MemoryScope.Device => Scope.Device,
        _ => Scope.CrossDevice,
    }));

    private static uint Semantics(MemoryOrder o) => (uint)(o switch
    {
        MemoryOrder.Relaxed => MemorySemantics.None,
        MemoryOrder.Acquire => MemorySemantics.Acquire,
        MemoryOrder.Release => MemorySemantics.Release,
        MemoryOrder.AcqRel => MemorySemantics.AcquireRelease,
        _ => MemorySemantics.SequentiallyConsistent,
    }) | (o == MemoryOrder.Relaxed ? 0 : WorkgroupAndCrossWorkgroupMemory);

    private void Atomic64(IrType t)
    {
        if (t.Bits == 64) _m.Require(Capability.Int64Atomics);
    }

    private uint AtomicRmw(AtomicRmwExpr a)
    {
        uint p = Expression(a.Pointer), v = Expression(a.Value);
        Atomic64(a.Type);
        Op op = a.Op switch
        {
            AtomicOp.Add => Op.AtomicIAdd, AtomicOp.Sub => Op.AtomicISub, AtomicOp.Exch => Op.AtomicExchange,
            AtomicOp.And => Op.AtomicAnd, AtomicOp.Or => Op.AtomicOr, AtomicOp.Xor => Op.AtomicXor,
            AtomicOp.Min => Op.AtomicSMin, AtomicOp.Max => Op.AtomicSMax, AtomicOp.UMin => Op.AtomicUMin, AtomicOp.UMax => Op.AtomicUMax,
            _ => CasLoop(a, p, v),
        };
        if (op == Op.Nop) return _lastLoopResult;
        return Value(op, TypeOf(a), p, ScopeId(a.Scope), _m.ConstInt(32, Semantics(a.Order)), v);
    }

    private uint _lastLoopResult;

    /// <summary>
    /// Float add/min/max (core SPIR-V 1.0 has no float atomics) and CUDA's wrapping atomicInc/atomicDec as a
    /// compare-exchange loop on the bits: old = load; do { new = f(old, v); seen = cas(p, old, new); old = seen }
    /// while (seen != the old we computed from).
    /// </summary>
    private Op CasLoop(AtomicRmwExpr a, uint p, uint v)
    {
        int bits = a.Type.Bits;
        if (bits == 64) _m.Require(Capability.Int64Atomics);
        uint ft = Types.Of(a.Type), it = _m.TypeInt(bits);
        var sc = ClassOf(p);
        uint ip = a.Type.IsFloat ? Pointer(Op.Bitcast, _m.TypePointer(sc, it), sc, p) : p;
        uint oldVar = NewVariable(it, "atomic_old");
        Store(oldVar, Value(Op.Load, it, ip));
        uint header = _m.NewId(), body = _m.NewId(), cont = _m.NewId(), merge = _m.NewId();
        Branch(header);
        Label(header);
        Inst(Op.LoopMerge, merge, cont, (uint)LoopControl.None);
        Branch(body);
        Label(body);
        uint oldBits = Value(Op.Load, it, oldVar);
        uint newBits;
        if (a.Type.IsFloat)
        {
            uint oldF = Value(Op.Bitcast, ft, oldBits);
            uint newF = a.Op switch
            {
                AtomicOp.FAdd => Value(Op.FAdd, ft, oldF, v),
                AtomicOp.FMin => Value(Op.ExtInst, ft, _m.OpenClStd, (uint)OpenClStd.fmin, oldF, v),
                _ => Value(Op.ExtInst, ft, _m.OpenClStd, (uint)OpenClStd.fmax, oldF, v),
            };
            newBits = Value(Op.Bitcast, it, newF);
        }
        else if (a.Op == AtomicOp.UInc)
        {
            // atomicInc: old >= v ? 0 : old + 1
            uint wrap = Value(Op.UGreaterThanEqual, _m.TypeBool(), oldBits, v);
            newBits = Value(Op.Select, it, wrap, _m.ConstInt(bits, 0), Value(Op.IAdd, it, oldBits, _m.ConstInt(bits, 1)));
        }
        else
        {
            // atomicDec: old == 0 || old > v ? v : old - 1
            uint wrap = Value(Op.LogicalOr, _m.TypeBool(), Value(Op.IEqual, _m.TypeBool(), oldBits, _m.ConstInt(bits, 0)),
                Value(Op.UGreaterThan, _m.TypeBool(), oldBits, v));
            newBits = Value(Op.Select, it, wrap, v, Value(Op.ISub, it, oldBits, _m.ConstInt(bits, 1)));
        }
        uint sem = _m.ConstInt(32, Semantics(a.Order));
        uint semFail = _m.ConstInt(32, Semantics(a.Order is MemoryOrder.Release ? MemoryOrder.Relaxed : a.Order is MemoryOrder.AcqRel ? MemoryOrder.Acquire : a.Order));
        uint seen = Value(Op.AtomicCompareExchange, it, ip, ScopeId(a.Scope), sem, semFail, newBits, oldBits);
        Store(oldVar, seen);
        Branch(cont);
        Label(cont);
        uint again = Value(Op.INotEqual, _m.TypeBool(), seen, oldBits);
        Inst(Op.BranchConditional, again, header, merge);
        _terminated = true;
        Label(merge);
        uint result = Value(Op.Load, it, oldVar);
        _lastLoopResult = a.Type.IsFloat ? Value(Op.Bitcast, ft, result) : result;
        return Op.Nop;
    }
}
