using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Lowering;

public abstract partial class FunctionLowering
{
    /// <summary>
    /// <c>(math NAME ...)</c>: LLVM intrinsics where they are exact, otherwise the C math library
    /// (glibc meets MathOps' accuracy bounds). half and bfloat16 are computed in float and rounded
    /// back. The fast-* operations use the accurate ones (always within their looser bound).
    /// </summary>
    protected LValue EmitMath(string name, IReadOnlyList<Expr> arguments, IrType resultType)
    {
        var args = arguments.Select(EmitExpr).ToArray();
        var argType = arguments[0].Type;
        if (argType.IsFloat) return EmitFloatMath(name.StartsWith("fast-", StringComparison.Ordinal) ? name[5..] : name, args, argType, resultType);
        return EmitIntMath(name, args, argType);
    }

    private LValue EmitFloatMath(string name, LValue[] args, IrType t, IrType resultType)
    {
        bool narrow = t == IrType.Half || t == IrType.BFloat16;
        var work = narrow ? IrType.Float : t;
        var wt = T.Value(work);
        if (narrow)
        {
            for (int k = 0; k < args.Length; k++)
                if (k == 0 || name != "ldexp") args[k] = B.Cast(Opcode.FPExt, args[k], wt);
        }
        var r = FloatMathIn(name, args, work, wt);
        if (narrow && resultType.IsFloat) r = B.Cast(Opcode.FPTrunc, r, T.Value(t));
        return r;
    }

    private LValue FloatMathIn(string name, LValue[] a, IrType t, LType wt)
    {
        LValue Intrinsic(string id) => B.Call(M.Module.Intrinsic(id, wt), a);
        LValue Libm(string fn) => EmitLibraryMath(fn, a, t, wt);
        var zero = LlvmContext.ConstReal(wt, 0);
        var one = LlvmContext.ConstReal(wt, 1);
        var inf = LlvmContext.ConstReal(wt, double.PositiveInfinity);
        switch (name)
        {
            case "sqrt": return Intrinsic("llvm.sqrt");
            case "rsqrt": return B.Binary(Opcode.FDiv, one, Intrinsic("llvm.sqrt"));
            case "fabs": return Intrinsic("llvm.fabs");
            case "floor": return Intrinsic("llvm.floor");
            case "ceil": return Intrinsic("llvm.ceil");
            case "trunc": return Intrinsic("llvm.trunc");
            case "round": return Intrinsic("llvm.round");
            case "rint": return Intrinsic("llvm.rint");
            case "fmin": return SignedZeroOrder(Intrinsic("llvm.minnum"), a, t, wt, max: false);
            case "fmax": return SignedZeroOrder(Intrinsic("llvm.maxnum"), a, t, wt, max: true);
            case "copysign": return Intrinsic("llvm.copysign");
            case "fma": return Intrinsic("llvm.fma");
            case "div": return B.Binary(Opcode.FDiv, a[0], a[1]);
            case "saturate":
            {
                // NaN compares false twice and gives 0.
                var upper = B.Select(B.FCmp(RealPredicate.Olt, a[0], one), a[0], one);
                return B.Select(B.FCmp(RealPredicate.Ogt, a[0], zero), upper, zero);
            }
            case "ldexp": return B.Call(M.Module.Intrinsic("llvm.ldexp", wt, C.I32), a);
            case "isnan": return B.FCmp(RealPredicate.Uno, a[0], a[0]);
            case "isinf": return B.FCmp(RealPredicate.Oeq, B.Call(M.Module.Intrinsic("llvm.fabs", wt), a[0]), inf);
            case "isfinite": return B.FCmp(RealPredicate.Olt, B.Call(M.Module.Intrinsic("llvm.fabs", wt), a[0]), inf);
            case "signbit":
            {
                var it = C.Int(t.Bits);
                return B.ICmp(IntPredicate.Slt, B.Cast(Opcode.BitCast, a[0], it), LlvmContext.Null(it));
            }
            case "exp" or "exp2" or "exp10" or "expm1" or "log" or "log2" or "log10" or "log1p" or "sin" or "cos" or "tan"
                or "asin" or "acos" or "atan" or "sinh" or "cosh" or "tanh" or "asinh" or "acosh" or "atanh" or "erf" or "erfc"
                or "lgamma" or "tgamma" or "cbrt" or "pow" or "atan2" or "fmod" or "remainder" or "hypot" or "fdim":
                return Libm(name);
            default: throw new InvalidOperationException($"math {name} on {t}");
        }
    }

    /// <summary>
    /// A math function with no exact LLVM intrinsic (sin, exp, pow…): the C math library by default
    /// (<c>sinf</c> for float); GPU targets, which have no libm, override this.
    /// </summary>
    protected virtual LValue EmitLibraryMath(string name, LValue[] a, IrType t, LType wt) =>
        B.Call(M.RuntimeFunction(t == IrType.Double ? name : name + "f", wt, Enumerable.Repeat(wt, a.Length).ToArray()), a);

    private LValue EmitIntMath(string name, LValue[] a, IrType t)
    {
        var it = T.Value(t);
        LValue Intrinsic(string id, params LValue[] args) => B.Call(M.Module.Intrinsic(id, it), args);
        LValue ToInt32(LValue v) => t.Bits == 32 ? v : t.Bits > 32 ? B.Cast(Opcode.Trunc, v, C.I32) : B.Cast(Opcode.ZExt, v, C.I32);
        switch (name)
        {
            case "abs": return Intrinsic("llvm.abs", a[0], C.Bool(false));
            case "brev": return Intrinsic("llvm.bitreverse", a[0]);
            case "popc": return ToInt32(Intrinsic("llvm.ctpop", a[0]));
            case "clz": return ToInt32(Intrinsic("llvm.ctlz", a[0], C.Bool(false)));
            case "ffs":
            {
                var tz = B.Binary(Opcode.Add, ToInt32(Intrinsic("llvm.cttz", a[0], C.Bool(false))), I32(1));
                return B.Select(B.ICmp(IntPredicate.Eq, a[0], LlvmContext.Null(it)), I32(0), tz);
            }
            case "min": return Intrinsic("llvm.smin", a[0], a[1]);
            case "max": return Intrinsic("llvm.smax", a[0], a[1]);
            case "umin": return Intrinsic("llvm.umin", a[0], a[1]);
            case "umax": return Intrinsic("llvm.umax", a[0], a[1]);
            case "mulhi" or "umulhi":
            {
                var wide = C.Int(t.Bits * 2);
                var ext = name == "mulhi" ? Opcode.SExt : Opcode.ZExt;
                var p = B.Binary(Opcode.Mul, B.Cast(ext, a[0], wide), B.Cast(ext, a[1], wide));
                return B.Cast(Opcode.Trunc, B.Binary(Opcode.LShr, p, LlvmContext.ConstInt(wide, t.Bits)), it);
            }
            case "mul24":
            {
                LValue Low24(LValue v) => B.Binary(Opcode.AShr, B.Binary(Opcode.Shl, v, I32(8)), I32(8));
                return B.Binary(Opcode.Mul, Low24(a[0]), Low24(a[1]));
            }
            case "umul24":
            {
                LValue Low24(LValue v) => B.Binary(Opcode.And, v, I32(0xFFFFFF));
                return B.Binary(Opcode.Mul, Low24(a[0]), Low24(a[1]));
            }
            case "byte-perm":
            {
                // Bytes 0-3 come from x, 4-7 from y; each result byte picks one by a 3-bit selector.
                var v = B.Binary(Opcode.Or, B.Cast(Opcode.ZExt, a[0], C.I64),
                    B.Binary(Opcode.Shl, B.Cast(Opcode.ZExt, a[1], C.I64), C.I64Const(32)));
                LValue result = I32(0);
                for (int k = 0; k < 4; k++)
                {
                    var sel = B.Binary(Opcode.And, B.Binary(Opcode.LShr, a[2], I32(4 * k)), I32(7));
                    var shift = B.Cast(Opcode.ZExt, B.Binary(Opcode.Mul, sel, I32(8)), C.I64);
                    var b = B.Binary(Opcode.And, B.Cast(Opcode.Trunc, B.Binary(Opcode.LShr, v, shift), C.I32), I32(0xFF));
                    result = B.Binary(Opcode.Or, result, B.Binary(Opcode.Shl, b, I32(8 * k)));
                }
                return result;
            }
            default: throw new InvalidOperationException($"math {name} on {t}");
        }
    }

    /// <summary>
    /// fmin/fmax with −0 below +0 (docs/ir/math.md): LLVM's minnum/maxnum may return either zero (x86's
    /// minsd/maxsd give the second operand), so equal operands are combined bitwise — max keeps the sign only
    /// when both are negative (and), min when either is (or); equal non-zero operands have equal bits.
    /// </summary>
    private LValue SignedZeroOrder(LValue minMax, IReadOnlyList<LValue> a, IrType t, LType wt, bool max)
    {
        var bits = t == IrType.Double ? C.I64 : C.I32;
        var x = B.Cast(Opcode.BitCast, a[0], bits);
        var y = B.Cast(Opcode.BitCast, a[1], bits);
        var combined = B.Cast(Opcode.BitCast, B.Binary(max ? Opcode.And : Opcode.Or, x, y), wt);
        return B.Select(B.FCmp(RealPredicate.Oeq, a[0], a[1]), combined, minMax);
    }
}
