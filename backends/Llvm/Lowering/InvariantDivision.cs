using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;
using static Translate.Backends.Llvm.Interop.LlvmNative;

namespace Translate.Backends.Llvm.Lowering;

/// <summary>
/// Integer division by a divisor that does not change inside the loops around it, as multiplication: x86 divides
/// in 26 (32-bit) to 90 (64-bit) cycles one lane at a time, so a kernel indexing with <c>n / width</c> and
/// <c>n % width</c> (HeCBench vol2col, concat) spent its time there and its thread loop could not use vectors.
/// Granlund and Montgomery's round-up method ("Division by Invariant Integers using Multiplication", 1994, figure
/// 4.1), exact for every N-bit divisor d ≥ 1 and dividend: with l = ⌈log₂ d⌉ and m = ⌊2ᴺ(2ˡ − d)/d⌋ + 1,
/// t = mulhi(m, n) and q = (t + ((n − t) >> min(l, 1))) >> max(l − 1, 0). m and l come from a helper,
/// <c>__tr_divmagic_uN</c>, marked speculatable and free of memory effects, which LLVM therefore hoists out of the
/// loops (an inline division computing m would stay: LLVM speculates no division by a variable); what is left per
/// lane is a widening multiply, a subtraction, an addition and shifts. Signed division divides the magnitudes and
/// sets the sign (MIN / −1 wraps to MIN, as <see cref="FunctionLowering"/>'s rule). The caller has checked d ≠ 0.
/// </summary>
internal static class InvariantDivision
{
    public static LValue Emit(LlvmModule module, LlvmBuilder b, BinaryOp op, LValue n, LValue d, int bits)
    {
        var c = module.Context;
        var t = c.Int(bits);
        LValue K(long v) => LlvmContext.ConstInt(t, v);
        if (op is BinaryOp.UDiv) return Unsigned(module, b, n, d, bits);
        if (op is BinaryOp.URem) return b.Binary(Opcode.Sub, n, b.Binary(Opcode.Mul, Unsigned(module, b, n, d, bits), d));
        LValue Abs(LValue v) => b.Call(module.Intrinsic("llvm.abs", t), v, c.Bool(false)); // |MIN| = 2^(N-1) unsigned
        var magnitude = Unsigned(module, b, Abs(n), Abs(d), bits);
        var negative = b.ICmp(IntPredicate.Slt, b.Binary(Opcode.Xor, n, d), K(0));
        var q = b.Select(negative, b.Binary(Opcode.Sub, K(0), magnitude), magnitude);
        return op is BinaryOp.Div ? q : b.Binary(Opcode.Sub, n, b.Binary(Opcode.Mul, q, d));
    }

    /// <summary>⌊n / d⌋ for unsigned N-bit n and d ≥ 1.</summary>
    private static LValue Unsigned(LlvmModule module, LlvmBuilder b, LValue n, LValue d, int bits)
    {
        var c = module.Context;
        var t = c.Int(bits);
        var wide = c.Int(2 * bits);
        LValue K(long v) => LlvmContext.ConstInt(t, v);
        LValue W(long v) => LlvmContext.ConstInt(wide, v);
        var magic = b.Call(Magic(module, bits), d);
        var m = b.Binary(Opcode.And, magic, b.Binary(Opcode.Sub, b.Binary(Opcode.Shl, W(1), W(bits)), W(1)));
        var l = b.Cast(Opcode.Trunc, b.Binary(Opcode.LShr, magic, W(bits)), t);
        var hi = b.Cast(Opcode.Trunc, b.Binary(Opcode.LShr, b.Binary(Opcode.Mul, m, b.Cast(Opcode.ZExt, n, wide)), W(bits)), t);
        var shift1 = b.Call(module.Intrinsic("llvm.umin", t), l, K(1));
        var shift2 = b.Binary(Opcode.Sub, b.Call(module.Intrinsic("llvm.umax", t), l, K(1)), K(1));
        var sum = b.Binary(Opcode.Add, hi, b.Binary(Opcode.LShr, b.Binary(Opcode.Sub, n, hi), shift1));
        return b.Binary(Opcode.LShr, sum, shift2);
    }

    /// <summary><c>i2N __tr_divmagic_uN(iN d)</c>: m in the low N bits, l above them; d = 0 is taken as 1 (never traps).</summary>
    private static LFunction Magic(LlvmModule module, int bits)
    {
        var c = module.Context;
        var t = c.Int(bits);
        var wide = c.Int(2 * bits);
        string name = $"__tr_divmagic_u{bits}";
        var f = module.GetOrDeclare(name, LlvmContext.Function(wide, [t]));
        if (LLVMGetFirstBasicBlock(f.Value.Handle) != 0) return f;
        LlvmModule.SetLinkage(f.Value, Linkage.Internal);
        foreach (var attribute in new[] { "noinline", "nounwind", "willreturn", "speculatable", "memory" }) // memory(none)
            module.AddFunctionAttribute(f, attribute);
        using var b = new LlvmBuilder(c);
        b.PositionAtEnd(b.AppendBlock(f, "entry"));
        LValue K(long v) => LlvmContext.ConstInt(t, v);
        LValue W(long v) => LlvmContext.ConstInt(wide, v);
        var d = b.Call(module.Intrinsic("llvm.umax", t), LlvmModule.Param(f, 0), K(1));
        // l = N − clz(d − 1): 0 for d = 1.
        var l = b.Binary(Opcode.Sub, K(bits), b.Call(module.Intrinsic("llvm.ctlz", t), b.Binary(Opcode.Sub, d, K(1)), c.Bool(false)));
        var dw = b.Cast(Opcode.ZExt, d, wide);
        var lw = b.Cast(Opcode.ZExt, l, wide);
        // (2^l − d) · 2^N / d + 1 in 2N bits: 2^l − d < 2^(N−1), so the dividend fits, and m < 2^N.
        var excess = b.Binary(Opcode.Sub, b.Binary(Opcode.Shl, W(1), lw), dw);
        var m = b.Binary(Opcode.Add, b.Binary(Opcode.UDiv, b.Binary(Opcode.Shl, excess, W(bits)), dw), W(1));
        b.Ret(b.Binary(Opcode.Or, m, b.Binary(Opcode.Shl, lw, W(bits))));
        return f;
    }
}
