using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Translate.Tests.Properties;

/// <summary>
/// Generates well-typed C-Lisp expressions as text: each generator is asked for an expression of one
/// type and builds it only from operations that yield that type, from variables in scope and calls.
/// </summary>
internal static class ExpressionGenerator
{
    public static Gen<string> Of(GenType t, GenScope scope, int depth)
    {
        var leaves = Leaves(t, scope);
        if (depth <= 0) return leaves;
        return Gen.Frequency((3, leaves), (4, Compound(t, scope, depth - 1)));
    }

    private static Gen<string> Leaves(GenType t, GenScope scope)
    {
        var vars = scope.VariablesOf(t).ToArray();
        var literal = Literal(t);
        return vars.Length == 0 ? literal : Gen.Frequency((2, Gen.Elements(vars)), (1, literal));
    }

    public static Gen<string> Literal(GenType t)
    {
        if (t == GenType.Int) return Gen.Choose(-1000, 1000).Select(Num);
        if (t == GenType.Int64)
            return Gen.OneOf(Gen.Choose(-1000, 1000).Select(n => $"(int64 {Num(n)})"),
                Gen.Elements("(int64 9223372036854775807)", "(int64 -9223372036854775808)", "(int64 0x100000000)"));
        if (t == GenType.Float)
            return Gen.OneOf(Gen.Choose(-1000, 1000).Select(n => Num(n / 8.0)), Gen.Elements("+inf.0", "-inf.0", "+nan.0", "1e-30", "-0.0"));
        if (t == GenType.Double) return Gen.Choose(-100000, 100000).Select(n => $"(double {Num(n / 1000.0)})");
        if (t == GenType.Bool) return Gen.Elements("#t", "#f");
        return Gen.Constant($"(null {t})");
    }

    private static Gen<string> Compound(GenType t, GenScope scope, int depth)
    {
        var options = new List<(int, Gen<string>)>();
        Gen<string> Sub(GenType s) => Of(s, scope, depth);
        Gen<string> Op2(string op, GenType a, GenType b) => Sub(a).SelectMany(x => Sub(b).Select(y => $"({op} {x} {y})"));
        Gen<string> Op1(string op, GenType a) => Sub(a).Select(x => $"({op} {x})");
        Gen<string> Cast(string op, GenType from) => Sub(from).Select(x => $"({op} {x} {t})");
        Gen<string> Choice(string op) => Sub(GenType.Bool).SelectMany(c => Op2(op + " " + c, t, t).Select(s => s));

        switch (t.Kind)
        {
            case GenKind.Integer:
                var other = t == GenType.Int ? GenType.Int64 : GenType.Int;
                options.Add((6, Gen.Elements("add", "sub", "mul", "div", "rem", "udiv", "urem", "shl", "lshr", "ashr", "xor", "and", "or")
                    .SelectMany(op => Op2(op, t, t))));
                options.Add((1, Op1("not", t)));
                options.Add((1, Cast(t == GenType.Int ? "trunc" : "sext", other)));
                options.Add((1, Gen.Elements(GenType.Floats).SelectMany(f => Cast("fptosi", f))));
                options.Add((1, Gen.Elements("min", "max", "umin", "umax").SelectMany(op => Op2("math " + op, t, t))));
                break;
            case GenKind.Float:
                var wider = t == GenType.Float ? GenType.Double : GenType.Float;
                options.Add((6, Gen.Elements("fadd", "fsub", "fmul", "fdiv").SelectMany(op => Op2(op, t, t))));
                options.Add((1, Op1("fneg", t)));
                options.Add((1, Cast(t == GenType.Float ? "fptrunc" : "fpext", wider)));
                options.Add((1, Gen.Elements(GenType.Integers).SelectMany(i => Cast("sitofp", i))));
                options.Add((1, Gen.Elements("sqrt", "sin", "fabs", "floor").SelectMany(op => Op1("math " + op, t))));
                break;
            case GenKind.Bool:
                options.Add((3, Gen.Elements(GenType.Integers).SelectMany(i =>
                    Gen.Elements("eq", "ne", "lt", "gt", "le", "ge", "ult", "ugt", "ule", "uge").SelectMany(op => Op2(op, i, i)))));
                options.Add((2, Gen.Elements(GenType.Floats).SelectMany(f =>
                    Gen.Elements("feq", "fne", "flt", "fgt", "fle", "fge").SelectMany(op => Op2(op, f, f)))));
                options.Add((2, Gen.Elements("land", "lor", "and", "or", "xor").SelectMany(op => Op2(op, GenType.Bool, GenType.Bool))));
                options.Add((1, Op1("not", GenType.Bool)));
                break;
            case GenKind.Pointer:
                options.Add((2, Op2("ptradd", t, GenType.Int)));
                options.Add((1, Sub(GenType.Int).Select(n => $"(alloc {t.Pointee} (add (and {n} 7) 1))")));
                break;
        }
        if (t.Kind != GenKind.Pointer)
        {
            if (t.PointerTo is { } p) options.Add((1, Op1("load", p)));
            options.Add((1, Choice("select")));
            options.Add((1, Choice("cond")));
        }
        var callable = scope.Functions.Where(f => f.Return == t).ToArray();
        if (callable.Length > 0)
            options.Add((2, Gen.Elements(callable).SelectMany(f => Args(f, scope, depth))));
        return Gen.Frequency(options.ToArray());
    }

    private static Gen<string> Args(GenSignature f, GenScope scope, int depth) =>
        Gen.CollectToList(f.Parameters.Select(p => Of(p, scope, depth)))
            .Select(args => $"(call {f.Name}{string.Concat(args.Select(a => " " + a))})");

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Num(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
