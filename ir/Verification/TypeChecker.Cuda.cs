using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Ir.Verification;

internal sealed partial class Checker
{
    private IrType InferCuda(Expr e, IrType? expected)
    {
        switch (e)
        {
            case SpecialRegisterExpr:
                _usage.DeviceOnly(e.Location, "a thread-index register");
                return IrType.Int32;
            case BarrierExpr b:
                _usage.DeviceOnly(e.Location, "a block barrier");
                if (b.Predicate is not null) CheckCondition(b.Predicate);
                return b.Kind switch { BarrierKind.Plain => IrType.Void, BarrierKind.Count => IrType.Int32, _ => IrType.Bool };
            case GridSyncExpr:
                _usage.DeviceOnly(e.Location, "a grid barrier");
                return IrType.Void;
            case SyncWarpExpr s:
                _usage.DeviceOnly(e.Location, "syncwarp");
                RequireInt32(s.Mask, "the mask");
                return IrType.Void;
            case ActiveMaskExpr:
                _usage.DeviceOnly(e.Location, "activemask");
                return IrType.Int32;
            case ClockExpr:
                _usage.DeviceOnly(e.Location, "clock64");
                return IrType.Int64;
            case GlobalTimerExpr:
                _usage.DeviceOnly(e.Location, "globaltimer");
                return IrType.Int64;
            case TrapExpr:
            case FenceExpr:
            case WarningExpr:
                return IrType.Void;
            case AtomicRmwExpr a: return TypeAtomicRmw(a);
            case AtomicCasExpr c:
            {
                var p = PointerOperand(c.Pointer, "atomic-cas");
                if (!(p.Pointee == IrType.Int16 || p.Pointee == IrType.Int32 || p.Pointee == IrType.Int64))
                    throw Error(Codes.TypeMismatch, c.Location, $"'atomic-cas' works on int16, int or int64 memory, not {p.Pointee}");
                CheckExpr(c.Expected, p.Pointee);
                Require(c.Expected, p.Pointee, "the expected value has the memory's type");
                CheckExpr(c.Desired, p.Pointee);
                Require(c.Desired, p.Pointee, "the desired value has the memory's type");
                return p.Pointee;
            }
            case AtomicLoadExpr l:
            {
                var p = PointerOperand(l.Pointer, "atomic-load");
                RequireAtomicScalar(p.Pointee, l.Location);
                return p.Pointee;
            }
            case AtomicStoreExpr s:
            {
                var p = PointerOperand(s.Pointer, "atomic-store");
                RequireAtomicScalar(p.Pointee, s.Location);
                CheckExpr(s.Value, p.Pointee);
                Require(s.Value, p.Pointee, "the stored value has the memory's type");
                return IrType.Void;
            }
            case ShuffleExpr sh:
            {
                _usage.DeviceOnly(e.Location, "a warp shuffle");
                RequireInt32(sh.Mask, "the mask");
                var t = CheckExpr(sh.Value, expected);
                if (!(t.IsInteger || t.IsFloat)) throw Error(Codes.TypeMismatch, sh.Value.Location, $"a shuffled value is an integer or float, not {t}");
                RequireInt32(sh.Lane, sh.Mode == ShuffleMode.Idx ? "the source lane" : sh.Mode == ShuffleMode.Xor ? "the lane mask" : "the delta");
                RequireInt32(sh.Width, "the width");
                return t;
            }
            case VoteExpr v:
                _usage.DeviceOnly(e.Location, "a warp vote");
                RequireInt32(v.Mask, "the mask");
                CheckCondition(v.Predicate);
                return v.Mode == VoteMode.Ballot ? IrType.Int32 : IrType.Bool;
            case MathExpr m: return TypeMath(m, expected);
            case LaunchExpr l: return TypeLaunch(l);
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private void RequireInt32(Expr e, string what)
    {
        CheckExpr(e, IrType.Int32);
        Require(e, IrType.Int32, $"{what} is an int");
    }

    private static void RequireAtomicScalar(IrType t, Syntax.SourceLocation at)
    {
        if (!(t.IsInteger || t.IsFloat || t.IsPointer) || t.Bits < 16)
            throw Error(Codes.TypeMismatch, at, $"atomic loads and stores work on 16-, 32- and 64-bit scalars, not {t}");
    }

    private IrType TypeAtomicRmw(AtomicRmwExpr a)
    {
        var p = PointerOperand(a.Pointer, "atomic-rmw");
        var t = p.Pointee;
        bool ok = a.Op switch
        {
            AtomicOp.FAdd or AtomicOp.FMin or AtomicOp.FMax => t == IrType.Float || t == IrType.Double || t == IrType.Half,
            AtomicOp.Exch => t == IrType.Int32 || t == IrType.Int64 || t == IrType.Float || t == IrType.Double,
            _ => t == IrType.Int32 || t == IrType.Int64,
        };
        if (!ok)
            throw Error(Codes.TypeMismatch, a.Location, $"atomic '{CudaNames.Name(CudaNames.AtomicOps, a.Op)}' does not work on {t} memory");
        CheckExpr(a.Value, t);
        Require(a.Value, t, "the operand has the memory's type");
        return t;
    }

    private IrType TypeMath(MathExpr m, IrType? expected)
    {
        var op = MathOps.Find(m.Name) ?? throw Error(Codes.UnknownMath, m.Location,
            $"'{m.Name}' is not a math operation (see docs/ir/math.md for the list)");
        int arity = op.Signature switch
        {
            MathSignature.FloatUnary or MathSignature.FloatPredicate or MathSignature.IntUnary or MathSignature.IntCount => 1,
            MathSignature.FloatBinary or MathSignature.FloatInt or MathSignature.IntBinary => 2,
            _ => 3,
        };
        if (m.Arguments.Count != arity)
            throw Error(Codes.ArgumentCount, m.Location, $"(math {m.Name} ...) takes {arity} operand{(arity == 1 ? "" : "s")}");
        switch (op.Signature)
        {
            case MathSignature.FloatUnary or MathSignature.FloatBinary or MathSignature.FloatTernary or MathSignature.FloatPredicate:
            {
                var hint = op.Signature == MathSignature.FloatPredicate ? null : expected;
                var t = SameTypeOperands(m.Arguments, hint is { IsFloat: true } ? hint : null);
                if (!t.IsFloat) throw Error(Codes.TypeMismatch, m.Location, $"(math {m.Name} ...) works on half, float or double, not {t}");
                return op.Signature == MathSignature.FloatPredicate ? IrType.Bool : t;
            }
            case MathSignature.FloatInt:
            {
                var t = CheckExpr(m.Arguments[0], expected is { IsFloat: true } ? expected : null);
                if (!t.IsFloat) throw Error(Codes.TypeMismatch, m.Location, $"(math {m.Name} ...) works on half, float or double, not {t}");
                RequireInt32(m.Arguments[1], "the exponent");
                return t;
            }
            case MathSignature.IntUnary or MathSignature.IntCount or MathSignature.IntBinary:
            {
                var hint = op.Signature == MathSignature.IntCount ? null : expected;
                var t = SameTypeOperands(m.Arguments, hint is { IsInteger: true } ? hint : null);
                if (!t.IsInteger) throw Error(Codes.TypeMismatch, m.Location, $"(math {m.Name} ...) works on integers, not {t}");
                if (m.Name is "mul24" or "umul24" && t != IrType.Int32)
                    throw Error(Codes.TypeMismatch, m.Location, $"(math {m.Name} ...) works on int");
                return op.Signature == MathSignature.IntCount ? IrType.Int32 : t;
            }
            default: // Int32Ternary
                foreach (var a in m.Arguments) RequireInt32(a, "each operand");
                return IrType.Int32;
        }
    }

    /// <summary>Checks operands that share one type; bare literals take the type of the first typed operand.</summary>
    private IrType SameTypeOperands(IReadOnlyList<Expr> operands, IrType? hint)
    {
        var typed = operands.FirstOrDefault(o => !IsBareLiteral(o));
        var t = typed is null ? CheckExpr(operands[0], hint) : CheckExpr(typed, hint);
        foreach (var o in operands)
        {
            if (ReferenceEquals(o, typed) || typed is null && ReferenceEquals(o, operands[0])) continue;
            CheckExpr(o, t);
            if (o.Type != t) throw Error(Codes.TypeMismatch, o.Location, $"operands need one type, found {t} and {o.Type}");
        }
        return t;
    }

    private IrType TypeLaunch(LaunchExpr l)
    {
        // A launch in device code is dynamic parallelism: allowed (docs/ir/host.md).
        if (!_functions.TryGetValue(l.Kernel, out var k))
            throw Error(Codes.UndeclaredFunction, l.Location, $"no kernel named '{l.Kernel}' is defined");
        if (!k.IsKernel)
            throw Error(Codes.BadKernel, l.Location, $"'{l.Kernel}' is not a kernel (define it with define-kernel)");
        foreach (var d in l.Grid.Concat(l.Block)) RequireInt32(d, "a grid or block dimension");
        CheckExpr(l.SharedBytes, IrType.Int64);
        Require(l.SharedBytes, IrType.Int64, "the dynamic shared memory size is an int64 byte count");
        var st = CheckExpr(l.Stream, IrType.BytePtr);
        if (!st.IsPointer) throw Error(Codes.TypeMismatch, l.Stream.Location, $"a stream is a handle pointer, e.g. (null (ptr int8)); found {st}");
        if (l.Arguments.Count != k.Parameters.Count)
            throw Error(Codes.ArgumentCount, l.Location, $"kernel '{l.Kernel}' takes {k.Parameters.Count} arguments; {l.Arguments.Count} given");
        for (int i = 0; i < l.Arguments.Count; i++)
        {
            var want = k.Parameters[i].Type;
            CheckExpr(l.Arguments[i], want);
            Require(l.Arguments[i], want, $"parameter '{k.Parameters[i].Name}' of kernel '{l.Kernel}'");
        }
        _usage.Launches.Add(k);
        return IrType.Int32;
    }
}
