using System.Runtime.CompilerServices;
using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Interpreter.Execution;

/// <summary>
/// How register values encode IR values, and the conversions between them. Integers are kept
/// sign-extended from their width so signed compares need no work; unsigned ones mask first.
/// </summary>
internal static class Values
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Wrap(long v, int bits) => bits switch
    {
        64 => v,
        32 => (int)v,
        16 => (short)v,
        8 => (sbyte)v,
        1 => v & 1,
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Unsigned(long v, int bits) => bits >= 64 ? (ulong)v : (ulong)v & ((1UL << bits) - 1);

    // Floats: the register holds the format's bit pattern, sign-extended like an integer of its width.
    public static float ToSingle(long bits) => BitConverter.Int32BitsToSingle((int)bits);
    public static long FromSingle(float f) => BitConverter.SingleToInt32Bits(f);
    public static double ToDouble(long bits) => BitConverter.Int64BitsToDouble(bits);
    public static long FromDouble(double d) => BitConverter.DoubleToInt64Bits(d);

    /// <summary>bfloat16 is the top half of a float; rounding keeps the nearest, ties to even (NaN stays NaN).</summary>
    public static short BFloat16FromSingle(float f)
    {
        uint u = (uint)BitConverter.SingleToInt32Bits(f);
        if (float.IsNaN(f)) return (short)((u >> 16) | 0x40);
        u += 0x7FFF + ((u >> 16) & 1);
        return (short)(u >> 16);
    }

    public static float BFloat16ToSingle(long bits) => BitConverter.Int32BitsToSingle((int)((uint)(ushort)bits << 16));

    /// <summary>Any float format's value as a double (exact: every format fits in double).</summary>
    public static double FloatToDouble(long bits, FloatKind kind) => kind switch
    {
        FloatKind.Single => ToSingle(bits),
        FloatKind.Double => ToDouble(bits),
        FloatKind.Half => (double)BitConverter.Int16BitsToHalf((short)bits),
        FloatKind.BFloat16 => BFloat16ToSingle(bits),
        _ => bits,
    };

    /// <summary>A double rounded once to the format (round to nearest even).</summary>
    public static long FloatFromDouble(double d, FloatKind kind) => kind switch
    {
        FloatKind.Single => FromSingle((float)d),
        FloatKind.Double => FromDouble(d),
        FloatKind.Half => BitConverter.HalfToInt16Bits((Half)d),
        // Through float first: double rounding is possible only on exact float ties, which a bf16 literal never is in practice.
        FloatKind.BFloat16 => BFloat16FromSingle((float)d),
        _ => (long)d,
    };

    /// <summary>Half and bfloat16 arithmetic is done in float and rounded back (exact for + - * / of 16-bit formats).</summary>
    public static float SmallToSingle(long bits, FloatKind kind) =>
        kind == FloatKind.Half ? (float)BitConverter.Int16BitsToHalf((short)bits) : BFloat16ToSingle(bits);

    public static long SmallFromSingle(float f, FloatKind kind) =>
        kind == FloatKind.Half ? BitConverter.HalfToInt16Bits((Half)f) : BFloat16FromSingle(f);

    public static long FloatBinary(OpCode op, long a, long b, FloatKind kind)
    {
        if (kind == FloatKind.Double)
        {
            double x = ToDouble(a), y = ToDouble(b);
            return op switch
            {
                OpCode.FAdd => FromDouble(x + y), OpCode.FSub => FromDouble(x - y), OpCode.FMul => FromDouble(x * y),
                OpCode.FDiv => FromDouble(x / y), OpCode.FRem => FromDouble(x % y),
                _ => Compare(op, x, y),
            };
        }
        float fx = kind == FloatKind.Single ? ToSingle(a) : SmallToSingle(a, kind);
        float fy = kind == FloatKind.Single ? ToSingle(b) : SmallToSingle(b, kind);
        float r;
        switch (op)
        {
            case OpCode.FAdd: r = fx + fy; break;
            case OpCode.FSub: r = fx - fy; break;
            case OpCode.FMul: r = fx * fy; break;
            case OpCode.FDiv: r = fx / fy; break;
            case OpCode.FRem: r = fx % fy; break;
            default: return Compare(op, fx, fy);
        }
        return kind == FloatKind.Single ? FromSingle(r) : SmallFromSingle(r, kind);
    }

    /// <summary>fne is C's != (true when either is NaN); the others are ordered (false on NaN).</summary>
    private static long Compare(OpCode op, double x, double y) => (op switch
    {
        OpCode.FEq => x == y, OpCode.FNe => x != y, OpCode.FLt => x < y, OpCode.FGt => x > y,
        OpCode.FLe => x <= y, _ => x >= y,
    }) ? 1 : 0;

    public static long FloatNegate(long a, FloatKind kind) => kind switch
    {
        FloatKind.Double => a ^ long.MinValue,
        FloatKind.Single => (int)(a ^ int.MinValue),
        _ => (short)(a ^ 0x8000),
    };

    public static long IntegerBinary(OpCode op, long a, long b, int bits)
    {
        long r;
        switch (op)
        {
            case OpCode.Add: r = a + b; break;
            case OpCode.Sub: r = a - b; break;
            case OpCode.Mul: r = a * b; break;
            case OpCode.Div:
                if (b == 0) throw DivideByZero();
                // INT_MIN / -1 wraps (to INT_MIN) instead of trapping.
                r = b == -1 ? -a : a / b; break;
            case OpCode.Rem:
                if (b == 0) throw DivideByZero();
                r = b == -1 ? 0 : a % b; break;
            case OpCode.UDiv:
            {
                ulong ub = Unsigned(b, bits);
                if (ub == 0) throw DivideByZero();
                r = (long)(Unsigned(a, bits) / ub); break;
            }
            case OpCode.URem:
            {
                ulong ub = Unsigned(b, bits);
                if (ub == 0) throw DivideByZero();
                r = (long)(Unsigned(a, bits) % ub); break;
            }
            // Shift amounts are taken modulo the width (OpenCL's rule), so every shift is defined.
            case OpCode.Shl: r = a << (int)(b & (bits - 1)); break;
            case OpCode.LShr: r = (long)(Unsigned(a, bits) >> (int)(b & (bits - 1))); break;
            case OpCode.AShr: r = a >> (int)(b & (bits - 1)); break;
            case OpCode.And: r = a & b; break;
            case OpCode.Or: r = a | b; break;
            case OpCode.Xor: r = a ^ b; break;
            case OpCode.Eq: return a == b ? 1 : 0;
            case OpCode.Ne: return a != b ? 1 : 0;
            case OpCode.Lt: return a < b ? 1 : 0;
            case OpCode.Gt: return a > b ? 1 : 0;
            case OpCode.Le: return a <= b ? 1 : 0;
            case OpCode.Ge: return a >= b ? 1 : 0;
            case OpCode.ULt: return Unsigned(a, bits) < Unsigned(b, bits) ? 1 : 0;
            case OpCode.UGt: return Unsigned(a, bits) > Unsigned(b, bits) ? 1 : 0;
            case OpCode.ULe: return Unsigned(a, bits) <= Unsigned(b, bits) ? 1 : 0;
            default: return Unsigned(a, bits) >= Unsigned(b, bits) ? 1 : 0;
        }
        return Wrap(r, bits);
    }

    private static RuntimeError DivideByZero() => new(Codes.DivideByZero, "integer division by zero");

    /// <summary>Float to integer: truncate, saturate at the target's range, NaN gives 0 (PTX cvt.rzi.sat).</summary>
    public static long FloatToInteger(double d, int bits, bool signed)
    {
        if (double.IsNaN(d)) return 0;
        if (bits == 1) return d != 0 ? 1 : 0;
        if (signed)
        {
            double min = -Math.Pow(2, bits - 1), max = Math.Pow(2, bits - 1);
            if (d <= min) return Wrap(long.MinValue >> (64 - bits), bits);
            if (d >= max) return Wrap(long.MaxValue >> (64 - bits), bits);
            return (long)Math.Truncate(d);
        }
        if (d <= 0) return 0;
        if (d >= Math.Pow(2, bits)) return Wrap(-1, bits);
        return Wrap((long)(ulong)Math.Truncate(d), bits);
    }

    public static long Cast(CastInfo c, long v)
    {
        switch (c.Op)
        {
            case CastOp.SExt:
                return c.From.IsBool ? (v != 0 ? Wrap(-1, c.To.Bits) : 0) : Wrap(v, c.To.Bits);
            case CastOp.ZExt:
                return Wrap((long)Unsigned(v, c.From.Bits), c.To.Bits);
            case CastOp.Trunc:
            case CastOp.PtrToInt:
                return Wrap(v, c.To.Bits);
            case CastOp.IntToPtr:
                return c.From.Bits >= 64 ? v : (long)Unsigned(v, c.From.Bits);
            case CastOp.SIToFP:
                return c.To.Float switch
                {
                    FloatKind.Single => FromSingle(v),
                    FloatKind.Double => FromDouble(v),
                    FloatKind.Half => BitConverter.HalfToInt16Bits((Half)v),
                    _ => BFloat16FromSingle(v),
                };
            case CastOp.UIToFP:
            {
                ulong u = Unsigned(v, c.From.Bits);
                return c.To.Float switch
                {
                    FloatKind.Single => FromSingle(u),
                    FloatKind.Double => FromDouble(u),
                    FloatKind.Half => BitConverter.HalfToInt16Bits((Half)u),
                    _ => BFloat16FromSingle(u),
                };
            }
            case CastOp.FPToSI:
                return FloatToInteger(FloatToDouble(v, c.From.Float), c.To.Bits, true);
            case CastOp.FPToUI:
                return FloatToInteger(FloatToDouble(v, c.From.Float), c.To.Bits, false);
            case CastOp.FPExt:
            case CastOp.FPTrunc:
                return FloatFromDouble(FloatToDouble(v, c.From.Float), c.To.Float);
            default:
                return v; // bitcast and addrspacecast: the register encoding is the same for both sides
        }
    }
}
