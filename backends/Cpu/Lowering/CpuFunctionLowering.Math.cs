using Translate.Backends.Llvm.Api;
using Translate.Ir.Types;

namespace Translate.Backends.Cpu.Lowering;

/// <summary>
/// The math functions LLVM has no exact instruction for, on the cpu device: glibc's scalar functions, which
/// meet MathOps' bounds, and inside loops LLVM vectorizes (thread loops) glibc's vector library libmvec,
/// when LlvmAvailability found it. libmvec's float variants miss CUDA's bounds (measured on 2·10⁷ arguments:
/// expf 2.8 ulp against 2, logf 3.9 against 1, sinf 2.1 against 2; powf(0.5, 1) is 0.49999994), so float
/// exp, log, sin, cos, tan and pow are computed in double and rounded once: libmvec's double variants
/// (at most 3.5 ulp of double) then give the correctly rounded float but in cases within 2⁻²⁸ ulp of a tie,
/// exact results stay exact, and the vector code runs 3–4× faster than glibc's scalar float functions.
/// The double functions themselves stay scalar glibc (libmvec's exp, sin and cos miss CUDA's double bounds):
/// their calls are marked nobuiltin so the vectorizer does not map them.
/// </summary>
internal partial class CpuFunctionLowering
{
    /// <summary>The functions LLVM 19's LIBMVEC-X86 table maps to libmvec (llvm/Analysis/VecFuncs.def).</summary>
    private static readonly HashSet<string> VectorizedByLibmvec = ["exp", "log", "sin", "cos", "tan", "pow"];

    /// <summary>Those of them LLVM has an intrinsic for (tan has none in LLVM 19's x86 lowering).</summary>
    private static readonly HashSet<string> MathIntrinsics = ["exp", "log", "sin", "cos", "pow"];

    protected override LValue EmitLibraryMath(string name, LValue[] a, IrType t, LType wt)
    {
        if (!VectorizedByLibmvec.Contains(name)) return PureLibraryCall(name, a, t, wt);
        if (t == IrType.Double)
        {
            var call = DoubleMath(name, a);
            B.AddCallAttribute(call, "nobuiltin");
            return call;
        }
        var wide = a.Select(x => B.Cast(Opcode.FPExt, x, C.Double)).ToArray();
        return B.Cast(Opcode.FPTrunc, name == "pow" ? FloatPowInDouble(wide[0], wide[1]) : DoubleMath(name, wide), wt);
    }

    /// <summary>
    /// powf's arguments, widened, as e^(y·log|x|) in double with C99's special cases (as the GPU math library
    /// computes it): libmvec's double pow is slower than its exp and log together, and the double product's rounding
    /// (at most |y·log x|·2⁻⁵³ relative, below 2⁻⁴⁵ wherever the float result is finite and not 0) disappears
    /// in the float rounding, so powf(2, 10) is 1024 and powf(0.5, 1) is 0.5.
    /// </summary>
    private LValue FloatPowInDouble(LValue x, LValue y)
    {
        LValue K(double v) => LlvmContext.ConstReal(C.Double, v);
        LValue Call(string intrinsic, LValue v) => B.Call(M.Module.Intrinsic(intrinsic, C.Double), v);
        LValue Cmp(RealPredicate p, LValue l, LValue r) => B.FCmp(p, l, r);
        LValue And(LValue l, LValue r) => B.Binary(Opcode.And, l, r);
        var ax = Call("llvm.fabs", x);
        var r = Call("llvm.exp", B.Binary(Opcode.FMul, y, Call("llvm.log", ax)));
        var integer = Cmp(RealPredicate.Oeq, Call("llvm.floor", y), y);
        var half = B.Binary(Opcode.FMul, y, K(0.5));
        var odd = And(integer, Cmp(RealPredicate.One, Call("llvm.floor", half), half));
        var negative = B.ICmp(IntPredicate.Slt, B.Cast(Opcode.BitCast, x, C.I64), C.I64Const(0));
        r = B.Select(And(negative, odd), B.FNeg(r), r);
        var finiteNegative = And(Cmp(RealPredicate.Olt, x, K(0)), Cmp(RealPredicate.One, ax, K(double.PositiveInfinity)));
        r = B.Select(And(finiteNegative, B.Not(integer)), K(double.NaN), r);
        // |x| = 1 with y = ±∞ is 1 (log 1 · ∞ would be NaN); x = 1 or y = 0 give 1 even beside a NaN.
        var unitBase = And(Cmp(RealPredicate.Oeq, ax, K(1)), Cmp(RealPredicate.Oeq, Call("llvm.fabs", y), K(double.PositiveInfinity)));
        r = B.Select(unitBase, K(1), r);
        return B.Select(B.Binary(Opcode.Or, Cmp(RealPredicate.Oeq, x, K(1)), Cmp(RealPredicate.Oeq, y, K(0))), K(1), r);
    }

    private LValue DoubleMath(string name, LValue[] a) =>
        MathIntrinsics.Contains(name)
            ? B.Call(M.Module.Intrinsic("llvm." + name, C.Double), a)
            : PureLibraryCall(name, a, IrType.Double, C.Double);

    /// <summary>
    /// A call of the C library function, declared free of side effects: CUDA has no errno, so its writes are
    /// nobody's concern, and without them LLVM may reuse loads across the call and vectorize around it.
    /// </summary>
    private LValue PureLibraryCall(string name, LValue[] a, IrType t, LType wt)
    {
        var f = M.RuntimeFunction(t == IrType.Double ? name : name + "f", wt, Enumerable.Repeat(wt, a.Length).ToArray());
        M.Module.AddFunctionAttribute(f, "memory"); // memory(none)
        M.Module.AddFunctionAttribute(f, "nounwind");
        M.Module.AddFunctionAttribute(f, "willreturn");
        return B.Call(f, a);
    }
}
