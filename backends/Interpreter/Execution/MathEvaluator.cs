using System.Numerics;
using Translate.Interpreter.Bytecode;
using Translate.Ir.Types;

namespace Translate.Interpreter.Execution;

/// <summary>
/// Evaluators for the portable math operations (Semantics/MathOps). Float operations use the
/// type's precision (MathF for float, Math for double; half and bfloat16 compute in float and round
/// once). fast-* variants use the accurate function, which is inside their documented bound.
/// </summary>
internal static class MathEvaluator
{
    public static Func<long[], long> For(string name, IrType[] argTypes, IrType result)
    {
        var t = argTypes.Length > 0 ? argTypes[0] : result;
        if (t.IsFloat) return FloatOp(StripFast(name), ScalarInfo.Of(t).Float);
        return IntegerOp(name, t.Bits);
    }

    private static string StripFast(string name) => name switch
    {
        "fast-div" => "div",
        _ when name.StartsWith("fast-", StringComparison.Ordinal) => name[5..],
        _ => name,
    };

    private static Func<long[], long> FloatOp(string name, FloatKind k)
    {
        double D(long bits) => Values.FloatToDouble(bits, k);
        long R(double d) => Values.FloatFromDouble(d, k);
        long B(bool b) => b ? 1 : 0;
        if (k == FloatKind.Single && SingleUnary(name) is { } fu)
            return a => Values.FromSingle(fu(Values.ToSingle(a[0])));
        if (DoubleUnary(name) is { } du)
            // float falls back to double evaluation rounded once, which is within every listed bound.
            return a => R(du(D(a[0])));
        return name switch
        {
            "isnan" => a => B(double.IsNaN(D(a[0]))),
            "isinf" => a => B(double.IsInfinity(D(a[0]))),
            "isfinite" => a => B(double.IsFinite(D(a[0]))),
            "signbit" => a => B(double.IsNegative(D(a[0]))),
            "ldexp" => a => R(Math.ScaleB(D(a[0]), (int)a[1])),
            "fma" when k == FloatKind.Single => a => Values.FromSingle(MathF.FusedMultiplyAdd(Values.ToSingle(a[0]), Values.ToSingle(a[1]), Values.ToSingle(a[2]))),
            "fma" => a => R(Math.FusedMultiplyAdd(D(a[0]), D(a[1]), D(a[2]))),
            "pow" when k == FloatKind.Single => a => Values.FromSingle(MathF.Pow(Values.ToSingle(a[0]), Values.ToSingle(a[1]))),
            "div" => a => R(D(a[0]) / D(a[1])),
            _ => DoubleBinary(name) is { } db ? a => R(db(D(a[0]), D(a[1])))
                : throw new InvalidOperationException($"math operation '{name}' is not known to the interpreter"),
        };
    }

    private static Func<float, float>? SingleUnary(string name) => name switch
    {
        "sqrt" => MathF.Sqrt, "exp" => MathF.Exp, "log" => MathF.Log, "log2" => MathF.Log2, "log10" => MathF.Log10,
        "sin" => MathF.Sin, "cos" => MathF.Cos, "tan" => MathF.Tan, "asin" => MathF.Asin, "acos" => MathF.Acos,
        "atan" => MathF.Atan, "sinh" => MathF.Sinh, "cosh" => MathF.Cosh, "tanh" => MathF.Tanh, "cbrt" => MathF.Cbrt,
        "fabs" => MathF.Abs, "floor" => MathF.Floor, "ceil" => MathF.Ceiling, "trunc" => MathF.Truncate,
        _ => null,
    };

    private static Func<double, double>? DoubleUnary(string name) => name switch
    {
        "sqrt" => Math.Sqrt, "rsqrt" => x => 1 / Math.Sqrt(x), "cbrt" => Math.Cbrt, "exp" => Math.Exp,
        "exp2" => x => Math.Pow(2, x), "exp10" => x => Math.Pow(10, x), "expm1" => ExpM1,
        "log" => Math.Log, "log2" => Math.Log2, "log10" => Math.Log10, "log1p" => Log1P,
        "sin" => Math.Sin, "cos" => Math.Cos, "tan" => Math.Tan, "asin" => Math.Asin, "acos" => Math.Acos, "atan" => Math.Atan,
        "sinh" => Math.Sinh, "cosh" => Math.Cosh, "tanh" => Math.Tanh, "asinh" => Math.Asinh, "acosh" => Math.Acosh, "atanh" => Math.Atanh,
        "erf" => SpecialFunctions.Erf, "erfc" => SpecialFunctions.Erfc, "lgamma" => SpecialFunctions.LogGamma, "tgamma" => SpecialFunctions.Gamma,
        "fabs" => Math.Abs, "floor" => Math.Floor, "ceil" => Math.Ceiling, "trunc" => Math.Truncate,
        "round" => x => Math.Round(x, MidpointRounding.AwayFromZero), "rint" => x => Math.Round(x, MidpointRounding.ToEven),
        "saturate" => x => double.IsNaN(x) ? 0 : Math.Clamp(x, 0, 1),
        _ => null,
    };

    private static Func<double, double, double>? DoubleBinary(string name) => name switch
    {
        "pow" => Math.Pow, "atan2" => Math.Atan2, "fmod" => (x, y) => x % y, "remainder" => Math.IEEERemainder,
        "hypot" => double.Hypot, "copysign" => Math.CopySign,
        "fmin" => (x, y) => double.IsNaN(x) ? y : double.IsNaN(y) ? x : Math.Min(x, y),
        "fmax" => (x, y) => double.IsNaN(x) ? y : double.IsNaN(y) ? x : Math.Max(x, y),
        "fdim" => (x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x > y ? x - y : 0.0,
        _ => null,
    };

    /// <summary>exp(x) - 1 without cancellation near 0 (Kahan's correction).</summary>
    private static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return double.IsInfinity(u) ? u : um1 * x / Math.Log(u);
    }

    /// <summary>log(1 + x) without cancellation near 0.</summary>
    private static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : double.IsInfinity(u) ? u : Math.Log(u) * x / (u - 1.0);
    }

    private static Func<long[], long> IntegerOp(string name, int bits)
    {
        long W(long v) => Values.Wrap(v, bits);
        ulong U(long v) => Values.Unsigned(v, bits);
        return name switch
        {
            "abs" => a => W(a[0] < 0 ? -a[0] : a[0]), // abs of the minimum value wraps to itself
            "brev" => a => W((long)(Reverse(U(a[0])) >> (64 - bits))),
            "popc" => a => BitOperations.PopCount(U(a[0])),
            "clz" => a => BitOperations.LeadingZeroCount(U(a[0])) - (64 - bits),
            "ffs" => a => U(a[0]) == 0 ? 0 : BitOperations.TrailingZeroCount(U(a[0])) + 1,
            "min" => a => Math.Min(a[0], a[1]),
            "max" => a => Math.Max(a[0], a[1]),
            "umin" => a => U(a[0]) <= U(a[1]) ? a[0] : a[1],
            "umax" => a => U(a[0]) >= U(a[1]) ? a[0] : a[1],
            "mulhi" => a => bits == 64 ? Math.BigMul(a[0], a[1], out _) : W((a[0] * a[1]) >> bits),
            "umulhi" => a => bits == 64 ? (long)Math.BigMul((ulong)a[0], (ulong)a[1], out _) : W((long)((U(a[0]) * U(a[1])) >> bits)),
            "mul24" => a => W(((a[0] << 40) >> 40) * ((a[1] << 40) >> 40)),
            "umul24" => a => W((a[0] & 0xFFFFFF) * (a[1] & 0xFFFFFF)),
            "byte-perm" => a => BytePerm((uint)a[0], (uint)a[1], (uint)a[2]),
            _ => throw new InvalidOperationException($"math operation '{name}' is not known to the interpreter"),
        };
    }

    private static ulong Reverse(ulong v)
    {
        ulong r = 0;
        for (int i = 0; i < 64; i++, v >>= 1) r = (r << 1) | (v & 1);
        return r;
    }

    /// <summary>__byte_perm(x, y, s): byte n of the result is byte s[4n+2:4n] of the 8 bytes {y, x} (x is bytes 0–3).</summary>
    public static long BytePerm(uint x, uint y, uint s)
    {
        ulong input = ((ulong)y << 32) | x;
        uint r = 0;
        for (int n = 0; n < 4; n++)
        {
            int sel = (int)((s >> (4 * n)) & 7);
            r |= (uint)((input >> (8 * sel)) & 0xFF) << (8 * n);
        }
        return (int)r;
    }
}
