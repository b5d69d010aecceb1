using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Model;

namespace Translate.Backends.SpirV.Emission;

internal sealed partial class FunctionEmitter
{
    /// <summary>IR math names whose OpenCL.std instruction has another name; the rest are spelled alike.</summary>
    private static readonly Dictionary<string, OpenClStd> Renamed = new()
    {
        ["fast-exp"] = OpenClStd.native_exp, ["fast-exp10"] = OpenClStd.native_exp10, ["fast-log"] = OpenClStd.native_log,
        ["fast-log2"] = OpenClStd.native_log2, ["fast-log10"] = OpenClStd.native_log10, ["fast-sin"] = OpenClStd.native_sin,
        ["fast-cos"] = OpenClStd.native_cos, ["fast-tan"] = OpenClStd.native_tan, ["fast-div"] = OpenClStd.native_divide,
        // CUDA's __powf is defined for negative bases as powf is; native_powr is not, so the accurate one is used.
        ["fast-pow"] = OpenClStd.pow,
        ["abs"] = OpenClStd.s_abs, ["min"] = OpenClStd.s_min, ["max"] = OpenClStd.s_max, ["umin"] = OpenClStd.u_min,
        ["umax"] = OpenClStd.u_max, ["mulhi"] = OpenClStd.s_mul_hi, ["umulhi"] = OpenClStd.u_mul_hi,
        ["mul24"] = OpenClStd.s_mul24, ["umul24"] = OpenClStd.u_mul24, ["popc"] = OpenClStd.popcount,
    };

    private uint Math(string name, IReadOnlyList<Expr> arguments, Expr e)
    {
        var args = arguments.Select(Expression).ToArray();
        uint t = TypeOf(e);
        switch (name)
        {
            case "isnan": return Value(Op.IsNan, t, args);
            case "isinf": return Value(Op.IsInf, t, args);
            case "isfinite": return Value(Op.IsFinite, t, args);
            case "signbit": return Value(Op.SignBitSet, t, args);
            case "saturate":
            {
                int bits = e.Type.Bits;
                return Ext(t, OpenClStd.fclamp, args[0], _m.ConstFloat(bits, 0), _m.ConstFloat(bits, 1));
            }
            case "fmin" or "fmax" when e.Type.Bits is 32 or 64:
            {
                // −0 below +0 (docs/ir/math.md); OpenCL.std's fmin/fmax may return either zero, so equal operands
                // are combined bitwise: max keeps the sign only when both are negative, min when either is.
                uint it = _m.TypeInt(e.Type.Bits);
                uint x = Value(Op.Bitcast, it, args[0]), y = Value(Op.Bitcast, it, args[1]);
                uint combined = Value(Op.Bitcast, t, Value(name == "fmax" ? Op.BitwiseAnd : Op.BitwiseOr, it, x, y));
                uint equal = Value(Op.FOrdEqual, _m.TypeBool(), args[0], args[1]);
                return Value(Op.Select, t, equal, combined, Ext(t, name == "fmax" ? OpenClStd.fmax : OpenClStd.fmin, args));
            }
            case "rint" when e.Type.Bits is 32 or 64:
                // Non-finite values pass by (rint leaves them as they are): PoCL 3.1 miscompiles rint of a non-finite
                // value it can fold (backends/OpenCl/README.md, fuzz seed 12210), whether from OpenCL C or SPIR-V.
                return Value(Op.Select, t, Value(Op.IsFinite, _m.TypeBool(), args[0]), Ext(t, OpenClStd.rint, args[0]), args[0]);
            case "popc" or "clz":
            {
                // OpenCL's count has the argument's type; CUDA's is int.
                var argType = arguments[0].Type;
                uint n = Ext(Types.Of(argType), name == "popc" ? OpenClStd.popcount : OpenClStd.clz, args[0]);
                return argType.Bits == 32 ? n : Value(Op.UConvert, t, n);
            }
            case "brev":
            {
                // OpenCL.std has no bit reversal (OpBitReverse needs the Shader capability): swap halves of ever larger
                // fields, 1, 2, 4 … bits, by masks and shifts.
                int bits = e.Type.Bits;
                ulong[] masks = [0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F, 0x00FF00FF00FF00FF, 0x0000FFFF0000FFFF, 0x00000000FFFFFFFF];
                uint x = args[0];
                for (int k = 0, width = 1; width < bits; k++, width *= 2)
                {
                    uint mask = _m.ConstInt(bits, masks[k]), shift = _m.ConstInt(bits, (ulong)width);
                    uint low = Value(Op.BitwiseAnd, t, Value(Op.ShiftRightLogical, t, x, shift), mask);
                    uint high = Value(Op.ShiftLeftLogical, t, Value(Op.BitwiseAnd, t, x, mask), shift);
                    x = Value(Op.BitwiseOr, t, low, high);
                }
                return x;
            }
            case "ffs":
            {
                // ffs(x) = x == 0 ? 0 : ctz(x) + 1, as an int.
                var argType = arguments[0].Type;
                uint at = Types.Of(argType);
                uint ctz = Ext(at, OpenClStd.ctz, args[0]);
                uint ctz32 = argType.Bits == 32 ? ctz : Value(Op.UConvert, t, ctz);
                uint plus = Value(Op.IAdd, t, ctz32, _m.ConstInt(32, 1));
                uint zero = Value(Op.IEqual, _m.TypeBool(), args[0], _m.ConstInt(argType.Bits, 0));
                return Value(Op.Select, t, zero, _m.ConstInt(32, 0), plus);
            }
        }
        if (Renamed.TryGetValue(name, out var op) || Enum.TryParse(name, out op))
            return Ext(t, op, args);
        throw new SpirVUnsupported($"math operation '{name}' is not lowered to SPIR-V yet");
    }

    private uint Ext(uint type, OpenClStd op, params uint[] args) => Value(Op.ExtInst, type, [_m.OpenClStd, (uint)op, .. args]);
}
