using Translate.Backends.Llvm.Api;

namespace Translate.Backends.Llvm.GpuMath;

/// <summary>
/// The math functions GPU targets have no instruction or exact LLVM intrinsic for (exp, log, sin,
/// pow, erf …), written as LLVM IR functions by this library: range reduction and polynomials,
/// target-independent, so NVPTX, AMDGPU and the host (for testing against .NET's Math) compile the
/// same code. Each is computed in double precision; the float versions widen, call the double
/// function and round once, which keeps them within a fraction of an ulp (measured, see
/// backends/Nvptx/README.md) at the price of double-precision speed.
/// Functions are added to the module on first use, with the linkage given (internal for GPUs).
/// </summary>
public sealed partial class DeviceMath(LlvmModule module, uint globalAddressSpace = 0, Linkage linkage = Linkage.Internal)
{
    private readonly Dictionary<string, LFunction> _functions = [];
    private LValue _twoOverPi;

    private sealed record Entry(int Arity, bool DoubleSupported, Action<DeviceMath, MathEmitter> Body);

    /// <summary>
    /// The library. Double-precision versions are offered only where they are accurate in double
    /// too: erfc exists in double only as the inside of its float version (its double results lose
    /// bits: erfc near 1 is 1 − erf).
    /// </summary>
    private static readonly Dictionary<string, Entry> Library = new()
    {
        ["exp"] = new(1, true, (m, e) => m.Exp(e)),
        ["exp2"] = new(1, true, (m, e) => m.Exp2(e)),
        ["exp10"] = new(1, true, (m, e) => m.Exp10(e)),
        ["expm1"] = new(1, true, (m, e) => m.Expm1(e)),
        ["log"] = new(1, true, (m, e) => m.Log(e)),
        ["log2"] = new(1, true, (m, e) => m.Log2(e)),
        ["log10"] = new(1, true, (m, e) => m.Log10(e)),
        ["log1p"] = new(1, true, (m, e) => m.Log1p(e)),
        ["sin"] = new(1, true, (m, e) => m.Trig(e, TrigFunction.Sin)),
        ["cos"] = new(1, true, (m, e) => m.Trig(e, TrigFunction.Cos)),
        ["tan"] = new(1, true, (m, e) => m.Trig(e, TrigFunction.Tan)),
        ["atan"] = new(1, true, (m, e) => m.Atan(e)),
        ["atan2"] = new(2, true, (m, e) => m.Atan2(e)),
        ["asin"] = new(1, true, (m, e) => m.Asin(e)),
        ["acos"] = new(1, true, (m, e) => m.Acos(e)),
        ["sinh"] = new(1, true, (m, e) => m.Sinh(e)),
        ["cosh"] = new(1, true, (m, e) => m.Cosh(e)),
        ["tanh"] = new(1, true, (m, e) => m.Tanh(e)),
        ["asinh"] = new(1, true, (m, e) => m.Asinh(e)),
        ["acosh"] = new(1, true, (m, e) => m.Acosh(e)),
        ["atanh"] = new(1, true, (m, e) => m.Atanh(e)),
        ["erf"] = new(1, true, (m, e) => m.Erf(e)),
        ["erfc"] = new(1, false, (m, e) => m.Erfc(e)),
        ["cbrt"] = new(1, true, (m, e) => m.Cbrt(e)),
        ["pow"] = new(2, true, (m, e) => m.Pow(e)),
        ["hypot"] = new(2, true, (m, e) => m.Hypot(e)),
        ["fdim"] = new(2, true, (m, e) => m.Fdim(e)),
        ["fmod"] = new(2, true, (m, e) => m.Fmod(e)),
        ["remainder"] = new(2, true, (m, e) => m.Remainder(e)),
    };

    /// <summary>The functions with a float version (all of the library).</summary>
    public static IEnumerable<string> FloatFunctions => Library.Keys;

    /// <summary>The functions with a double version.</summary>
    public static IEnumerable<string> DoubleFunctions => Library.Where(p => p.Value.DoubleSupported).Select(p => p.Key);

    /// <summary>Whether <paramref name="name"/> (a MathOps name) has a device implementation for this precision.</summary>
    public static bool Supports(string name, bool isDouble) =>
        Library.TryGetValue(name, out var entry) && (!isDouble || entry.DoubleSupported);

    /// <summary>The symbol of a library function: <c>__trg_math_exp</c> (double), <c>__trg_math_expf</c> (float).</summary>
    public static string Symbol(string name, bool isDouble) => "__trg_math_" + name + (isDouble ? "" : "f");

    /// <summary>The LLVM function computing <paramref name="name"/>, built on first use.</summary>
    public LFunction Function(string name, bool isDouble)
    {
        if (!Supports(name, isDouble)) throw new InvalidOperationException($"no device math '{name}' in {(isDouble ? "double" : "float")}");
        return isDouble ? Internal(name) : FloatVersion(name);
    }

    /// <summary>The double function, whether or not it is offered in double.</summary>
    private LFunction Internal(string name)
    {
        string symbol = Symbol(name, true);
        if (_functions.TryGetValue(symbol, out var done)) return done;
        var entry = Library[name];
        var f = Declare(symbol, module.Context.Double, entry.Arity);
        using var e = new MathEmitter(module, f);
        entry.Body(this, e);
        return f;
    }

    private LFunction FloatVersion(string name)
    {
        string symbol = Symbol(name, false);
        if (_functions.TryGetValue(symbol, out var done)) return done;
        var inner = Internal(name);
        var c = module.Context;
        var f = Declare(symbol, c.Float, Library[name].Arity);
        using var e = new MathEmitter(module, f);
        var args = Enumerable.Range(0, Library[name].Arity).Select(i => e.B.Cast(Opcode.FPExt, LlvmModule.Param(f, i), c.Double)).ToArray();
        e.B.Ret(e.B.Cast(Opcode.FPTrunc, e.B.Call(inner, args), c.Float));
        return f;
    }

    private LFunction Declare(string symbol, LType type, int arity)
    {
        var f = module.AddFunction(symbol, LlvmContext.Function(type, Enumerable.Repeat(type, arity).ToArray()));
        LlvmModule.SetLinkage(f.Value, linkage);
        module.AddFunctionAttribute(f, "nounwind");
        return _functions[symbol] = f;
    }

    /// <summary>Calls another double function of the library from inside a body.</summary>
    private Num Use(MathEmitter e, string name, params Num[] args) => e.Call(Internal(name), args);

    /// <summary>The 2/π bit table of the large-argument trigonometric reduction, a constant global.</summary>
    private LValue TwoOverPiTable()
    {
        if (!_twoOverPi.IsNull) return _twoOverPi;
        var c = module.Context;
        var words = MathConstants.TwoOverPiWords(TwoOverPiWordCount);
        var init = LlvmContext.ConstArray(c.I64, words.Select(w => LlvmContext.ConstInt(c.I64, unchecked((long)w))).ToArray());
        _twoOverPi = module.AddGlobalIn("__trg_math_two_over_pi", LlvmContext.TypeOf(init), globalAddressSpace);
        LlvmModule.SetInitializer(_twoOverPi, init);
        LlvmModule.SetConstant(_twoOverPi, true);
        LlvmModule.SetLinkage(_twoOverPi, Linkage.Internal);
        LlvmModule.SetAlignment(_twoOverPi, 8);
        return _twoOverPi;
    }
}
