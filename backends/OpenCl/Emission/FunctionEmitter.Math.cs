using Translate.Backends.OpenCl.Syntax;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

internal sealed partial class FunctionEmitter
{
    /// <summary>
    /// Math operations as OpenCL built-ins. Precision: OpenCL 1.2's full-profile bounds for float are at
    /// most the IR's except exp/exp2/exp10/log/log2 (3 ulp vs 1–2), sin/cos (4 vs 2), tan (5 vs 4),
    /// erf/erfc (16 vs 2/4), lgamma/tgamma (undefined/16): the device's libm is usually better (PoCL's is),
    /// and docs/backends/opencl.md records the bounds. <c>fast-*</c> operations use <c>native_*</c>,
    /// whose accuracy is the device's, as CUDA's intrinsics are.
    /// </summary>
    private CExpr Math(string name, List<CExpr> args, IReadOnlyList<Expr> irArgs, IrType type, SourceLocation at)
    {
        var t = irArgs[0].Type;
        string T() => Types.Name(t);
        string U() => OpenClTypes.Unsigned(t);
        bool wide = t.Bits == 64;
        CExpr Lit(string s) => new CLiteral(s);
        switch (name)
        {
            case "saturate":
                return new CCall("fmin", [new CCall("fmax", [args[0], Lit(t == IrType.Double ? "0.0" : "0.0f")]), Lit(t == IrType.Double ? "1.0" : "1.0f")]);
            // Through the prelude's tr_NAME (double) / tr_NAMEf (float): fmin/fmax order −0 below +0, as the IR defines
            // it (OpenCL's may return either zero); rint avoids PoCL 3.1's, which it miscompiles; floor, ceil, trunc
            // and round hand NaN back (PoCL 3.1's give 0 for a NaN it can fold: fuzz seed 56507).
            case "fmin" or "fmax" or "rint" or "floor" or "ceil" or "trunc" or "round" when t == IrType.Double || t == IrType.Float:
                return new CCall(_ctx.Helper($"tr_{name}{(t == IrType.Double ? "" : "f")}"), args);
            case "fast-exp": return new CCall("native_exp", args);
            case "fast-exp10": return new CCall("native_exp10", args);
            case "fast-log": return new CCall("native_log", args);
            case "fast-log2": return new CCall("native_log2", args);
            case "fast-log10": return new CCall("native_log10", args);
            case "fast-sin": return new CCall("native_sin", args);
            case "fast-cos": return new CCall("native_cos", args);
            case "fast-tan": return new CCall("native_tan", args);
            case "fast-pow": return new CCall("native_powr", args);
            case "fast-div": return new CCall("native_divide", args);
            case "isnan" or "isinf" or "isfinite" or "signbit":
                return new CBinary("!=", new CCall(name, args), Lit("0"));
            // abs of the minimum value is that value (CUDA's, the IR's): not left to the device's abs.
            case "abs" when wide: return new CCall(_ctx.Helper("tr_abs64"), args);
            case "abs" when t.Bits == 32: return new CCall(_ctx.Helper("tr_abs32"), args);
            case "abs": return new CCast(T(), new CCall(_ctx.Helper("tr_abs32"), [new CCast("int", args[0])]));
            case "brev": return new CCall(_ctx.Helper(wide ? "tr_brev64" : "tr_brev32"), [Widen(args[0], t)]);
            case "popc": return new CCast("int", new CCall("popcount", args));
            case "clz": return new CCast("int", new CCall("clz", args));
            case "ffs": return new CCall(_ctx.Helper(wide ? "tr_ffs64" : "tr_ffs32"), [Widen(args[0], t)]);
            case "min" or "max": return new CCall(name, args);
            case "umin" or "umax":
                return new CCast(T(), new CCall(name[1..], [new CCast(U(), args[0]), new CCast(U(), args[1])]));
            case "mulhi": return new CCall("mul_hi", args);
            case "umulhi": return new CCast(T(), new CCall("mul_hi", [new CCast(U(), args[0]), new CCast(U(), args[1])]));
            case "mul24": return new CCall(_ctx.Helper("tr_mul24"), args);
            case "umul24": return new CCall(_ctx.Helper("tr_umul24"), args);
            case "byte-perm": return new CCall(_ctx.Helper("tr_byte_perm"), args);
            default:
                if (MathOps.Find(name) is null)
                {
                    _ctx.Unsupported(at, $"math operation '{name}'");
                    return Lit("0");
                }
                // Every other operation has an OpenCL built-in of the same name and meaning.
                return new CCall(name, args);
        }
    }

    /// <summary>Bit helpers work on int or long; narrower operands widen first.</summary>
    private static CExpr Widen(CExpr x, IrType t) => t.Bits < 32 ? new CCast("int", x) : x;

    /// <summary>Calls: device functions (with the resources they need), printf, and C math.</summary>
    private CExpr Call(CallExpr c)
    {
        if (_inst.CalleeOf(c) is { } callee)
        {
            var args = Sequence(c.Arguments);
            foreach (var r in _ctx.Resources.NeedsOf(callee))
                args.Add(ResourceArgument(r));
            var call = new CCall(callee.Name, args);
            return call;
        }
        var ext = c.Target.External;
        if (ext is { MathName: { } math }) return Math(math, Sequence(c.Arguments), c.Arguments, c.Type, c.Location);
        if (ext?.Name == "printf")
        {
            if (c.Arguments[0] is not StringLit format)
            {
                _ctx.Unsupported(c.Location, "printf with a format that is not a string literal (OpenCL requires one)");
                return Lit0();
            }
            var rest = c.Arguments.Skip(1).ToList();
            var (text, kept, refusal) = Ir.Analysis.PrintfFormat.ForOpenCl(format.Value, rest);
            if (refusal is not null)
            {
                _ctx.Unsupported(c.Location, refusal);
                return Lit0();
            }
            var args = Sequence(kept.Where(k => k < rest.Count).Select(k => rest[k]).ToList());
            args.Insert(0, new CLiteral(StringLiteral(text)));
            return new CCall("printf", args);
        }
        if (ext?.Name is "memset" or "memcpy") return ByteLoop(c, ext.Name == "memset");
        _ctx.Unsupported(c.Location, $"'{c.Function}' in device code");
        return Lit0();

        static CExpr Lit0() => new CLiteral("0");
    }

    /// <summary>
    /// <c>memset</c> and <c>memcpy</c> in device code (OpenCL C has neither): a byte loop written before the
    /// expression, through pointers in the spaces the arguments were inferred to have; the value is the destination.
    /// </summary>
    private CExpr ByteLoop(CallExpr c, bool set)
    {
        var args = Sequence(c.Arguments);
        string Bytes(Expr p) => Types.Name(new PointerType(IrType.Int8, 0), _inst.SpaceOf(p));
        string d = Temp(), n = Temp(), i = Temp(), from = Temp();
        _w.Line($"{Bytes(c.Arguments[0])} {d} = ({Bytes(c.Arguments[0])})({args[0]});");
        _w.Line(set ? $"uchar {from} = (uchar)({args[1]});" : $"{Bytes(c.Arguments[1])} {from} = ({Bytes(c.Arguments[1])})({args[1]});");
        _w.Line($"ulong {n} = (ulong)({args[2]});");
        _w.Line($"for (ulong {i} = 0; {i} < {n}; {i}++) {d}[{i}] = {(set ? from : $"{from}[{i}]")};");
        return new CName(d);
    }

    /// <summary>What a caller passes for a resource: its pointer, or the address of a kernel's own shared variable.</summary>
    private CExpr ResourceArgument(Resource r)
    {
        if (IsKernel && r.Kind == ResourceKind.StaticShared && r.Symbol!.Type is not ArrayType)
            return CExpr.AddressOf(new CName(r.CName));
        if (IsKernel && r.Kind == ResourceKind.StaticShared && r.Symbol!.Type is ArrayType)
            return new CName(r.CName); // decays to a pointer to its first element
        return new CName(r.CName);
    }
}
