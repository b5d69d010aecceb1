namespace Translate.Ir.Semantics;

/// <summary>How a math operation is typed.</summary>
public enum MathSignature
{
    /// <summary>(F) → F for a float type F (half, float, double).</summary>
    FloatUnary,
    /// <summary>(F, F) → F.</summary>
    FloatBinary,
    /// <summary>(F, F, F) → F.</summary>
    FloatTernary,
    /// <summary>(F) → bool.</summary>
    FloatPredicate,
    /// <summary>(F, int) → F.</summary>
    FloatInt,
    /// <summary>(I) → I for an integer type I.</summary>
    IntUnary,
    /// <summary>(I) → int, e.g. popc.</summary>
    IntCount,
    /// <summary>(I, I) → I.</summary>
    IntBinary,
    /// <summary>(int, int, int) → int.</summary>
    Int32Ternary,
}

/// <summary>
/// One portable math operation: its name in <c>(math NAME ...)</c>, its typing, the CUDA functions
/// it stands for, and the accuracy every backend must meet (in ulp, as CUDA documents for
/// single precision; double-precision bounds are in docs/ir/math.md).
/// </summary>
public sealed record MathOp(string Name, MathSignature Signature, string Cuda, string Accuracy);

/// <summary>The table of math operations. Names never change meaning; new ones are added.</summary>
public static class MathOps
{
    public static readonly IReadOnlyList<MathOp> All =
    [
        new("sqrt", MathSignature.FloatUnary, "sqrtf, sqrt, __fsqrt_rn", "correctly rounded (0 ulp)"),
        new("rsqrt", MathSignature.FloatUnary, "rsqrtf, rsqrt", "2 ulp"),
        new("cbrt", MathSignature.FloatUnary, "cbrtf, cbrt", "1 ulp"),
        new("exp", MathSignature.FloatUnary, "expf, exp", "2 ulp"),
        new("exp2", MathSignature.FloatUnary, "exp2f, exp2", "2 ulp"),
        new("exp10", MathSignature.FloatUnary, "exp10f, exp10", "2 ulp"),
        new("expm1", MathSignature.FloatUnary, "expm1f, expm1", "1 ulp"),
        new("log", MathSignature.FloatUnary, "logf, log", "1 ulp"),
        new("log2", MathSignature.FloatUnary, "log2f, log2", "1 ulp"),
        new("log10", MathSignature.FloatUnary, "log10f, log10", "2 ulp"),
        new("log1p", MathSignature.FloatUnary, "log1pf, log1p", "1 ulp"),
        new("sin", MathSignature.FloatUnary, "sinf, sin", "2 ulp"),
        new("cos", MathSignature.FloatUnary, "cosf, cos", "2 ulp"),
        new("tan", MathSignature.FloatUnary, "tanf, tan", "4 ulp"),
        new("asin", MathSignature.FloatUnary, "asinf, asin", "2 ulp"),
        new("acos", MathSignature.FloatUnary, "acosf, acos", "2 ulp"),
        new("atan", MathSignature.FloatUnary, "atanf, atan", "2 ulp"),
        new("sinh", MathSignature.FloatUnary, "sinhf, sinh", "3 ulp"),
        new("cosh", MathSignature.FloatUnary, "coshf, cosh", "2 ulp"),
        new("tanh", MathSignature.FloatUnary, "tanhf, tanh", "2 ulp"),
        new("asinh", MathSignature.FloatUnary, "asinhf, asinh", "3 ulp"),
        new("acosh", MathSignature.FloatUnary, "acoshf, acosh", "4 ulp"),
        new("atanh", MathSignature.FloatUnary, "atanhf, atanh", "3 ulp"),
        new("erf", MathSignature.FloatUnary, "erff, erf", "2 ulp"),
        new("erfc", MathSignature.FloatUnary, "erfcf, erfc", "4 ulp"),
        new("lgamma", MathSignature.FloatUnary, "lgammaf, lgamma", "6 ulp"),
        new("tgamma", MathSignature.FloatUnary, "tgammaf, tgamma", "5 ulp"),
        new("fabs", MathSignature.FloatUnary, "fabsf, fabs", "exact"),
        new("floor", MathSignature.FloatUnary, "floorf, floor", "exact"),
        new("ceil", MathSignature.FloatUnary, "ceilf, ceil", "exact"),
        new("trunc", MathSignature.FloatUnary, "truncf, trunc", "exact"),
        new("round", MathSignature.FloatUnary, "roundf, round (halfway cases away from zero)", "exact"),
        new("rint", MathSignature.FloatUnary, "rintf, rint, nearbyint (halfway cases to even)", "exact"),
        new("saturate", MathSignature.FloatUnary, "__saturatef (clamp to [0, 1], NaN gives 0)", "exact"),
        new("fast-exp", MathSignature.FloatUnary, "__expf", "2 + 1.16·|1.16x| ulp (CUDA's bound)"),
        new("fast-exp10", MathSignature.FloatUnary, "__exp10f", "2 + 2.95·|x| ulp (CUDA's bound)"),
        new("fast-log", MathSignature.FloatUnary, "__logf", "2^-21.41 absolute in [0.5, 2], else 3 ulp"),
        new("fast-log2", MathSignature.FloatUnary, "__log2f", "2^-22 absolute in [0.5, 2], else 2 ulp"),
        new("fast-log10", MathSignature.FloatUnary, "__log10f", "2^-24 absolute in [0.5, 2], else 3 ulp"),
        new("fast-sin", MathSignature.FloatUnary, "__sinf", "2^-21.41 absolute in [-π, π]"),
        new("fast-cos", MathSignature.FloatUnary, "__cosf", "2^-21.19 absolute in [-π, π]"),
        new("fast-tan", MathSignature.FloatUnary, "__tanf", "derived from fast-sin / fast-cos"),
        new("pow", MathSignature.FloatBinary, "powf, pow", "4 ulp"),
        new("fast-pow", MathSignature.FloatBinary, "__powf", "derived from fast-exp2 and fast-log2"),
        new("fast-div", MathSignature.FloatBinary, "__fdividef", "2 ulp for |y| in [2^-126, 2^126]"),
        new("atan2", MathSignature.FloatBinary, "atan2f, atan2", "3 ulp"),
        new("fmin", MathSignature.FloatBinary, "fminf, fmin (a NaN operand yields the other)", "exact"),
        new("fmax", MathSignature.FloatBinary, "fmaxf, fmax (a NaN operand yields the other)", "exact"),
        new("fmod", MathSignature.FloatBinary, "fmodf, fmod", "exact"),
        new("remainder", MathSignature.FloatBinary, "remainderf, remainder", "exact"),
        new("hypot", MathSignature.FloatBinary, "hypotf, hypot", "3 ulp"),
        new("copysign", MathSignature.FloatBinary, "copysignf, copysign", "exact"),
        new("fdim", MathSignature.FloatBinary, "fdimf, fdim", "exact"),
        new("fma", MathSignature.FloatTernary, "fmaf, fma, __fmaf_rn (one rounding)", "correctly rounded (0 ulp)"),
        new("ldexp", MathSignature.FloatInt, "ldexpf, ldexp", "exact"),
        new("isnan", MathSignature.FloatPredicate, "isnan", "exact"),
        new("isinf", MathSignature.FloatPredicate, "isinf", "exact"),
        new("isfinite", MathSignature.FloatPredicate, "isfinite", "exact"),
        new("signbit", MathSignature.FloatPredicate, "signbit", "exact"),
        new("abs", MathSignature.IntUnary, "abs, llabs (abs of the minimum value is itself)", "exact"),
        new("brev", MathSignature.IntUnary, "__brev, __brevll", "exact"),
        new("popc", MathSignature.IntCount, "__popc, __popcll", "exact"),
        new("clz", MathSignature.IntCount, "__clz, __clzll", "exact"),
        new("ffs", MathSignature.IntCount, "__ffs, __ffsll (1-based, 0 for 0)", "exact"),
        new("min", MathSignature.IntBinary, "min (signed)", "exact"),
        new("max", MathSignature.IntBinary, "max (signed)", "exact"),
        new("umin", MathSignature.IntBinary, "umin, min (unsigned)", "exact"),
        new("umax", MathSignature.IntBinary, "umax, max (unsigned)", "exact"),
        new("mulhi", MathSignature.IntBinary, "__mulhi, __mul64hi (high half of the signed product)", "exact"),
        new("umulhi", MathSignature.IntBinary, "__umulhi, __umul64hi (high half of the unsigned product)", "exact"),
        new("mul24", MathSignature.IntBinary, "__mul24 (low 24 bits of each, signed)", "exact"),
        new("umul24", MathSignature.IntBinary, "__umul24 (low 24 bits of each, unsigned)", "exact"),
        new("byte-perm", MathSignature.Int32Ternary, "__byte_perm(x, y, s)", "exact"),
    ];

    private static readonly Dictionary<string, MathOp> ByName = All.ToDictionary(o => o.Name);

    public static MathOp? Find(string name) => ByName.GetValueOrDefault(name);
}
