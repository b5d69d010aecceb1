using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>CUDA built-in functions and the math library, each mapped to its IR form by name.</summary>
internal sealed partial class FunctionLifter
{
    /// <summary>CUDA and C names whose IR math operation has another name.</summary>
    private static readonly Dictionary<string, string> MathAliases = new()
    {
        ["__expf"] = "fast-exp", ["__exp10f"] = "fast-exp10", ["__logf"] = "fast-log", ["__log2f"] = "fast-log2",
        ["__log10f"] = "fast-log10", ["__sinf"] = "fast-sin", ["__cosf"] = "fast-cos", ["__tanf"] = "fast-tan",
        ["__powf"] = "fast-pow", ["__fdividef"] = "fast-div", ["__saturatef"] = "saturate", ["__fsqrt_rn"] = "sqrt",
        ["__fmaf_rn"] = "fma", ["__frsqrt_rn"] = "rsqrt", ["nearbyint"] = "rint", ["nearbyintf"] = "rint",
        ["__popc"] = "popc", ["__popcll"] = "popc", ["__clz"] = "clz", ["__clzll"] = "clz", ["__ffs"] = "ffs", ["__ffsll"] = "ffs",
        ["__brev"] = "brev", ["__brevll"] = "brev", ["__byte_perm"] = "byte-perm", ["__mul24"] = "mul24", ["__umul24"] = "umul24",
        ["__mulhi"] = "mulhi", ["__umulhi"] = "umulhi", ["__mul64hi"] = "mulhi", ["__umul64hi"] = "umulhi",
        ["llabs"] = "abs", ["labs"] = "abs", ["llmin"] = "min", ["llmax"] = "max", ["ullmin"] = "umin", ["ullmax"] = "umax",
        ["__builtin_popcount"] = "popc", ["__builtin_popcountl"] = "popc", ["__builtin_popcountll"] = "popc",
        ["__builtin_clz"] = "clz", ["__builtin_clzl"] = "clz", ["__builtin_clzll"] = "clz",
        ["__builtin_ffs"] = "ffs", ["__builtin_ffsl"] = "ffs", ["__builtin_ffsll"] = "ffs",
        ["__builtin_isnan"] = "isnan", ["__builtin_isinf"] = "isinf", ["__builtin_isfinite"] = "isfinite", ["__builtin_signbit"] = "signbit",
    };

    private static readonly Dictionary<string, ShuffleMode> Shuffles = new()
    {
        ["__shfl_sync"] = ShuffleMode.Idx, ["__shfl_up_sync"] = ShuffleMode.Up, ["__shfl_down_sync"] = ShuffleMode.Down, ["__shfl_xor_sync"] = ShuffleMode.Xor,
    };

    private Operand? LiftBuiltin(string name, Cursor e, Cursor callee, SourceLocation at)
    {
        var type = _types.Map(e.Type, at);
        Cursor ArgCursor(int i) => Argument(e, callee, i, i);
        Expr A(int i) => RValue(ArgCursor(i));
        ValueOperand V(Expr x) => new(x, e.Type, type);
        Expr Int(Expr boolean) => new CastExpr(at, CastOp.ZExt, boolean, IrType.Int32);
        Expr Pred(int i) => ToBool(Lift(ArgCursor(i)), at);

        switch (name)
        {
            case "__syncthreads": return V(new BarrierExpr(at, BarrierKind.Plain, null));
            case "__syncthreads_count": return V(new BarrierExpr(at, BarrierKind.Count, Pred(0)));
            case "__syncthreads_and": return V(Int(new BarrierExpr(at, BarrierKind.And, Pred(0))));
            case "__syncthreads_or": return V(Int(new BarrierExpr(at, BarrierKind.Or, Pred(0))));
            case "__syncwarp": return V(new SyncWarpExpr(at, A(0)));
            case "__tr_grid_sync": return V(new GridSyncExpr(at));
            case "__threadfence": return V(new FenceExpr(at, MemoryScope.Device, MemoryOrder.SeqCst));
            case "__threadfence_block": return V(new FenceExpr(at, MemoryScope.Block, MemoryOrder.SeqCst));
            case "__threadfence_system": return V(new FenceExpr(at, MemoryScope.System, MemoryOrder.SeqCst));
            case "__trap" or "__builtin_trap": return V(new TrapExpr(at));
            case "__builtin_unreachable": return V(new TrapExpr(at)); // reaching it is undefined: stopping is one meaning
            case "__activemask": return V(new ActiveMaskExpr(at));
            case "clock64" or "clock" when type.IsInteger:
                return V(type == IrType.Int64 ? new ClockExpr(at) : new CastExpr(at, CastOp.Trunc, new ClockExpr(at), type));
            case "__ballot_sync": return V(new VoteExpr(at, VoteMode.Ballot, A(0), Pred(1)));
            case "__any_sync": return V(Int(new VoteExpr(at, VoteMode.Any, A(0), Pred(1))));
            case "__all_sync": return V(Int(new VoteExpr(at, VoteMode.All, A(0), Pred(1))));
            case "__uni_sync": return V(Int(new VoteExpr(at, VoteMode.Uni, A(0), Pred(1))));
            case "__ldg": return V(new LoadExpr(at, A(0)));
            case "__builtin_expect": return V(A(0)); // a branch-probability hint: the value itself
            // An optimizer hint whose argument C++ never evaluates: nothing to run.
            case "__builtin_assume": return V(new IntLit(at, 0, IrType.Int32));
            case "__tr_bitcast_builtin": return BitCast(Lift(ArgCursor(0)), e.Type, at); // __builtin_bit_cast, through our header's macro
            case "__builtin_assume_aligned": return V(A(0)); // the pointer itself
            case "__assert_fail" or "__assertfail":
            {
                // assert(): report as CUDA's device assert does in device-only code (file, line, function, the failing
                // thread's block and thread indices, the condition), as the C library does elsewhere; then stop.
                SpecialRegisterExpr R(SpecialRegister r) => new(at, r);
                var report = IsDeviceOnlyCode(_function)
                    ? new CallExpr(at, "printf", [new StringLit(at, "%s:%u: %s: block: [%u,%u,%u], thread: [%u,%u,%u] Assertion `%s` failed.\n"),
                        A(1), A(2), A(3), R(SpecialRegister.BlockIdxX), R(SpecialRegister.BlockIdxY), R(SpecialRegister.BlockIdxZ),
                        R(SpecialRegister.ThreadIdxX), R(SpecialRegister.ThreadIdxY), R(SpecialRegister.ThreadIdxZ), A(0)])
                    : new CallExpr(at, "printf", [new StringLit(at, "%s:%u: %s: Assertion `%s' failed.\n"), A(1), A(2), A(3), A(0)]);
                return V(new BeginExpr(at, new Block(at, [new ExprStmt(at, report)]), new TrapExpr(at, isAssert: true)));
            }
            case "__float_as_int" or "__float_as_uint" or "__int_as_float" or "__uint_as_float"
                or "__double_as_longlong" or "__longlong_as_double" or "__tr_bitcast_double_to_u64" or "__tr_bitcast_u32_to_float" or "__tr_bitcast_float_to_u32":
                return V(new CastExpr(at, CastOp.Bitcast, A(0), type)); // same size: the bits are kept
        }
        if (Shuffles.TryGetValue(name, out var mode))
            return V(new ShuffleExpr(at, mode, A(0), A(1), A(2), A(3)));
        if (name.StartsWith("atomic", StringComparison.Ordinal)) return LiftAtomic(name, e, callee, at);
        if (name.StartsWith("make_", StringComparison.Ordinal) && type is VectorType vt && e.ArgumentCount == vt.Length)
            return V(new MakeExpr(at, type, Enumerable.Range(0, vt.Length).Select(A).ToList()));
        if (name is "min" or "max" or "fminf" or "fmaxf" or "fmin" or "fmax")
        {
            bool isMin = name.Contains("min", StringComparison.Ordinal);
            // std::min/max are C++'s (b < a ? b : a): for floats a NaN first argument is returned, where fmin drops it; and
            // they return a reference (std::clamp returns one of them). In device code their body is lifted, as clang compiles it.
            if (IsDeviceCallableStandardLibrary(callee)) return null;
            if (type.IsFloat) return V(new MathExpr(at, isMin ? "fmin" : "fmax", [ConvertedArg(e, callee, 0, at), ConvertedArg(e, callee, 1, at)]));
            if (type.IsInteger)
            {
                bool unsigned = e.Type.IsUnsignedInteger;
                string op = (unsigned ? "u" : "") + (isMin ? "min" : "max");
                return V(new MathExpr(at, op, [ConvertedArg(e, callee, 0, at), ConvertedArg(e, callee, 1, at)]));
            }
        }
        if (name is "abs" or "fabs" or "fabsf" && type.IsFloat) return V(new MathExpr(at, "fabs", [ConvertedArg(e, callee, 0, at)]));
        if (MathOperation(name) is { } op2)
        {
            int n = e.ArgumentCount;
            var args = new List<Expr>();
            for (int i = 0; i < n; i++)
                args.Add(op2.Signature is MathSignature.FloatInt && i == 1 ? A(i) : op2.Signature is MathSignature.FloatPredicate ? A(i) : ConvertedArg(e, callee, i, at));
            Expr m = new MathExpr(at, op2.Name, args);
            if (op2.Signature == MathSignature.FloatPredicate && !type.IsBool) m = new CastExpr(at, CastOp.ZExt, m, type);
            return V(m);
        }
        return null;
    }

    /// <summary>Argument i converted to the call's result type (math operations take operands of their result type).</summary>
    private Expr ConvertedArg(Cursor e, Cursor callee, int i, SourceLocation at)
    {
        var arg = Argument(e, callee, i, i);
        return Convert(RValue(arg), arg.Type, e.Type, at);
    }

    private static MathOp? MathOperation(string name)
    {
        if (MathAliases.TryGetValue(name, out var alias)) return MathOps.Find(alias);
        if (name.StartsWith("fast-", StringComparison.Ordinal)) return null;
        if (MathOps.Find(name) is { } op) return op;
        if (name.EndsWith('f') && MathOps.Find(name[..^1]) is { Signature: not (MathSignature.IntUnary or MathSignature.IntBinary or MathSignature.IntCount) } f)
            return f;
        return null;
    }

    /// <summary>atomicOp[_block|_system](address, value[, value]) → atomic-rmw / atomic-cas, relaxed, at the variant's scope.</summary>
    private Operand LiftAtomic(string name, Cursor e, Cursor callee, SourceLocation at)
    {
        var scope = MemoryScope.Device;
        string baseName = name;
        if (name.EndsWith("_block", StringComparison.Ordinal)) { scope = MemoryScope.Block; baseName = name[..^6]; }
        else if (name.EndsWith("_system", StringComparison.Ordinal)) { scope = MemoryScope.System; baseName = name[..^7]; }
        var pointerArg = Argument(e, callee, 0, 0);
        var elementC = pointerArg.Type.Canonical.Pointee;
        var element = _types.Map(elementC, at);
        bool unsigned = elementC.IsUnsignedInteger;
        var type = _types.Map(e.Type, at);
        var pointer = RValue(pointerArg);
        Expr value = RValue(Argument(e, callee, 1, 1));
        if (baseName == "atomicCAS")
            return new ValueOperand(new AtomicCasExpr(at, pointer, value, RValue(Argument(e, callee, 2, 2)), scope, MemoryOrder.Relaxed), e.Type, type);
        AtomicOp? op = baseName switch
        {
            "atomicAdd" => element.IsFloat ? AtomicOp.FAdd : AtomicOp.Add,
            "atomicSub" => AtomicOp.Sub,
            "atomicExch" => AtomicOp.Exch,
            "atomicMin" => element.IsFloat ? AtomicOp.FMin : unsigned ? AtomicOp.UMin : AtomicOp.Min,
            "atomicMax" => element.IsFloat ? AtomicOp.FMax : unsigned ? AtomicOp.UMax : AtomicOp.Max,
            "atomicInc" => AtomicOp.UInc,
            "atomicDec" => AtomicOp.UDec,
            "atomicAnd" => AtomicOp.And,
            "atomicOr" => AtomicOp.Or,
            "atomicXor" => AtomicOp.Xor,
            _ => null,
        };
        if (op is null) throw Unsupported(Codes.UnsupportedLibraryFunction, at, $"'{name}' is not offered by Translate");
        return new ValueOperand(new AtomicRmwExpr(at, op.Value, pointer, value, scope, MemoryOrder.Relaxed), e.Type, type);
    }
}
