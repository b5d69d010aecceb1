using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Lowering;

public abstract partial class FunctionLowering
{
    /// <summary>The hidden arguments passed to every call of a program function (see <see cref="ModuleLowering.HiddenParameters"/>).</summary>
    protected virtual IReadOnlyList<LValue> HiddenArguments => [];

    private LValue EmitCall(CallExpr c)
    {
        if (c.Target.Function is { IsDeclaration: true } native)
            return EmitNativeCall(native, c.Arguments.Select(EmitExpr).ToArray());
        if (c.Target.Function is { } f)
        {
            var args = HiddenArguments.Concat(c.Arguments.Select((a, i) =>
            {
                var value = EmitExpr(a);
                return M.IsPlaceholderParameter(f.Parameters[i].Type) ? LlvmContext.Undef(C.I8) : value;
            })).ToArray();
            return B.Call(M.Function(f), args);
        }
        var ext = c.Target.External!;
        if (ext.Kind == ExternalKind.CMath) return EmitMath(ext.MathName!, c.Arguments, c.Type);
        return EmitExternalCall(c, ext);
    }

    /// <summary>A call of a natively linked declaration (host code only).</summary>
    protected virtual LValue EmitNativeCall(FunctionDef f, LValue[] arguments) => B.Call(M.NativeFunction(f), arguments);

    /// <summary>A call of a C library or CUDA runtime function: targets route these to their runtime.</summary>
    protected abstract LValue EmitExternalCall(CallExpr c, ExternalFunction external);

    protected abstract LValue EmitSpecialRegister(SpecialRegister r);
    protected abstract LValue EmitBarrier(BarrierExpr b);
    /// <summary><c>(grid-sync)</c>: each target says how it lowers it, or why it cannot.</summary>
    protected abstract LValue EmitGridSync(GridSyncExpr g);
    protected abstract LValue EmitWarpOperation(Expr e);
    protected abstract LValue EmitLaunch(LaunchExpr l);

    /// <summary>[clock64]: the processor's cycle counter (x86 rdtsc, AMD s_memtime); NVPTX reads %clock64.</summary>
    protected virtual LValue EmitClock() => B.Call(M.Module.Intrinsic("llvm.readcyclecounter"));

    /// <summary>[globaltimer]: a nanosecond timer; each target reads its own (or says why it cannot).</summary>
    protected abstract LValue EmitGlobalTimer(GlobalTimerExpr g);

    /// <summary>A run-time warning, on targets that report them while running (cpu); GPU code has no channel for one.</summary>
    protected virtual void EmitRunTimeWarning(WarningExpr w) { }

    /// <summary>
    /// Lets a target lower a CUDA form itself (e.g. a GPU atomic with its scope) before the shared
    /// lowering does; false (the default) leaves it to the shared lowering.
    /// </summary>
    protected virtual bool TryEmitTargetForm(Expr e, out LValue value)
    {
        value = default;
        return false;
    }

    private LValue EmitCuda(Expr e)
    {
        if (TryEmitTargetForm(e, out var targetValue)) return targetValue;
        switch (e)
        {
            case SpecialRegisterExpr r: return EmitSpecialRegister(r.Register);
            case BarrierExpr b: return EmitBarrier(b);
            case GridSyncExpr g: return EmitGridSync(g);
            case SyncWarpExpr or ShuffleExpr or VoteExpr or ActiveMaskExpr: return EmitWarpOperation(e);
            case ClockExpr: return EmitClock();
            case GlobalTimerExpr g: return EmitGlobalTimer(g);
            case TrapExpr t:
                if (t.IsAssert) EmitFailure(Codes.AssertFailed, "a device-side assertion failed: the program stopped");
                else EmitFailure(Codes.Trap, "the program stopped: trap or failed assertion");
                B.PositionAtEnd(NewBlock("after.trap"));
                return default;
            case WarningExpr w:
                EmitRunTimeWarning(w);
                return default;
            case FenceExpr f:
                B.Fence(Ordering(f.Order));
                return default;
            case AtomicRmwExpr a: return EmitAtomicRmw(a);
            case AtomicCasExpr c:
            {
                var p = EmitExpr(c.Pointer);
                var expected = EmitExpr(c.Expected);
                var desired = EmitExpr(c.Desired);
                p = AccessAddress(p, T.SizeOf(c.Type), T.SizeOf(c.Type), write: true);
                if (c.Type.IsInteger && IsBlockPrivate(c.Pointer))
                {
                    var old = B.Load(T.Value(c.Type), p, T.SizeOf(c.Type));
                    var same = B.ICmp(IntPredicate.Eq, old, expected);
                    B.Store(B.Select(same, desired, old), p, T.SizeOf(c.Type));
                    return old;
                }
                var success = Ordering(c.Order);
                var failure = success switch
                {
                    AtomicOrdering.Release => AtomicOrdering.Monotonic,
                    AtomicOrdering.AcquireRelease => AtomicOrdering.Acquire,
                    _ => success,
                };
                return B.AtomicCas(p, expected, desired, success, failure, T.SizeOf(c.Type));
            }
            case AtomicLoadExpr l:
            {
                var load = B.Load(T.Value(l.Type), AccessAddress(EmitExpr(l.Pointer), T.SizeOf(l.Type), T.SizeOf(l.Type), write: false), T.SizeOf(l.Type));
                LlvmBuilder.SetOrdering(load, Ordering(l.Order) switch
                {
                    AtomicOrdering.Release => AtomicOrdering.Monotonic,
                    AtomicOrdering.AcquireRelease => AtomicOrdering.Acquire,
                    var o => o,
                });
                return load;
            }
            case AtomicStoreExpr s:
            {
                var p = AccessAddress(EmitExpr(s.Pointer), T.SizeOf(s.Value.Type), T.SizeOf(s.Value.Type), write: true);
                var store = B.Store(EmitExpr(s.Value), p, T.SizeOf(s.Value.Type));
                LlvmBuilder.SetOrdering(store, Ordering(s.Order) switch
                {
                    AtomicOrdering.Acquire => AtomicOrdering.Monotonic,
                    AtomicOrdering.AcquireRelease => AtomicOrdering.Release,
                    var o => o,
                });
                return default;
            }
            case MathExpr m: return EmitMath(m.Name, m.Arguments, m.Type);
            case LaunchExpr l: return EmitLaunch(l);
            default: throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private LValue EmitAtomicRmw(AtomicRmwExpr a)
    {
        var p = EmitExpr(a.Pointer);
        var v = EmitExpr(a.Value);
        p = AccessAddress(p, T.SizeOf(a.Type), T.SizeOf(a.Type), write: true);
        if ((a.Type.IsInteger || a.Type is ScalarType { Kind: ScalarKind.Float or ScalarKind.Double }) && IsBlockPrivate(a.Pointer))
            return EmitPlainRmw(a.Op, p, v, a.Type);
        var op = a.Op switch
        {
            AtomicOp.Add => AtomicRmwOp.Add, AtomicOp.Sub => AtomicRmwOp.Sub, AtomicOp.Exch => AtomicRmwOp.Xchg,
            AtomicOp.And => AtomicRmwOp.And, AtomicOp.Or => AtomicRmwOp.Or, AtomicOp.Xor => AtomicRmwOp.Xor,
            AtomicOp.Min => AtomicRmwOp.Min, AtomicOp.Max => AtomicRmwOp.Max, AtomicOp.UMin => AtomicRmwOp.UMin,
            AtomicOp.UMax => AtomicRmwOp.UMax, AtomicOp.UInc => AtomicRmwOp.UIncWrap, AtomicOp.UDec => AtomicRmwOp.UDecWrap,
            AtomicOp.FAdd => AtomicRmwOp.FAdd, AtomicOp.FMin => AtomicRmwOp.FMin, _ => AtomicRmwOp.FMax,
        };
        return B.AtomicRmw(op, p, v, Ordering(a.Order), T.SizeOf(a.Type));
    }

    /// <summary>
    /// True when no other OS thread can reach <paramref name="pointer"/> while this code runs (the cpu device's
    /// shared memory: one thread runs a whole block), so an atomic on it may be a plain read-modify-write.
    /// </summary>
    protected virtual bool IsBlockPrivate(Expr pointer) => false;

    /// <summary>An atomic's effect as plain load, operation and store; returns the old value as the atomic would.</summary>
    private LValue EmitPlainRmw(AtomicOp op, LValue p, LValue v, IrType type)
    {
        long size = T.SizeOf(type);
        var lt = T.Value(type);
        LValue K(long c) => LlvmContext.ConstInt(lt, c);
        var old = B.Load(lt, p, size);
        var updated = op switch
        {
            AtomicOp.Add => B.Binary(Opcode.Add, old, v),
            AtomicOp.Sub => B.Binary(Opcode.Sub, old, v),
            AtomicOp.Exch => v,
            AtomicOp.And => B.Binary(Opcode.And, old, v),
            AtomicOp.Or => B.Binary(Opcode.Or, old, v),
            AtomicOp.Xor => B.Binary(Opcode.Xor, old, v),
            AtomicOp.Min => B.Select(B.ICmp(IntPredicate.Slt, v, old), v, old),
            AtomicOp.Max => B.Select(B.ICmp(IntPredicate.Sgt, v, old), v, old),
            AtomicOp.UMin => B.Select(B.ICmp(IntPredicate.Ult, v, old), v, old),
            AtomicOp.UMax => B.Select(B.ICmp(IntPredicate.Ugt, v, old), v, old),
            // atomicInc: ((old >= v) ? 0 : old + 1); atomicDec: ((old == 0 || old > v) ? v : old - 1).
            AtomicOp.UInc => B.Select(B.ICmp(IntPredicate.Uge, old, v), K(0), B.Binary(Opcode.Add, old, K(1))),
            AtomicOp.UDec => B.Select(B.Binary(Opcode.Or, B.ICmp(IntPredicate.Eq, old, K(0)), B.ICmp(IntPredicate.Ugt, old, v)),
                v, B.Binary(Opcode.Sub, old, K(1))),
            AtomicOp.FAdd => B.Binary(Opcode.FAdd, old, v),
            // The IR's fmin/fmax, as (math fmin)/(math fmax) are lowered (docs/ir/atomics.md).
            AtomicOp.FMin => FloatMathIn("fmin", [old, v], type, lt),
            _ => FloatMathIn("fmax", [old, v], type, lt),
        };
        B.Store(updated, p, size);
        return old;
    }

    protected static AtomicOrdering Ordering(MemoryOrder o) => o switch
    {
        MemoryOrder.Relaxed => AtomicOrdering.Monotonic,
        MemoryOrder.Acquire => AtomicOrdering.Acquire,
        MemoryOrder.Release => AtomicOrdering.Release,
        MemoryOrder.AcqRel => AtomicOrdering.AcquireRelease,
        _ => AtomicOrdering.SequentiallyConsistent,
    };

    /// <summary>An i32 constant.</summary>
    protected LValue I32(long v) => C.I32Const(v);
}
