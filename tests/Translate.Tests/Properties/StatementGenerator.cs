using FsCheck;
using FsCheck.Fluent;

namespace Translate.Tests.Properties;

/// <summary>Generates well-typed statements over a fixed set of variables.</summary>
internal static class StatementGenerator
{
    public static Gen<string> Of(GenScope scope, int depth, bool inLoop, int exprDepth)
    {
        Gen<string> E(GenType t) => ExpressionGenerator.Of(t, scope, exprDepth);
        Gen<string> Body(bool loop) => Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Of(scope, depth - 1, loop, exprDepth), n))
            .Select(ss => string.Concat(ss.Select(s => " " + s)));
        Gen<string> Block(bool loop) => Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(Of(scope, depth - 1, loop, exprDepth), n))
            .Select(ss => "(" + string.Join(" ", ss) + ")");

        var options = new List<(int, Gen<string>)>
        {
            (4, Gen.Elements(scope.Variables.ToArray()).SelectMany(v => E(v.Type).Select(e => $"(set {v.Name} {e})"))),
            (1, Gen.Elements(GenType.Int, GenType.Int64, GenType.Float)
                .SelectMany(t => E(t.PointerTo!).SelectMany(ptr => E(t).Select(v => $"(store {ptr} {v})")))),
        };
        if (scope.Functions.Count > 0)
            options.Add((1, Gen.Elements(scope.Functions.ToArray()).SelectMany(f =>
                Gen.CollectToList(f.Parameters.Select(E)).Select(args => $"(call {f.Name}{string.Concat(args.Select(a => " " + a))})"))));
        if (inLoop)
            options.Add((1, Gen.Elements("(break)", "(continue)")));
        if (depth > 0)
        {
            options.Add((2, from c in E(GenType.Bool) from t in Block(inLoop) from e in Block(inLoop)
                            select $"(if {c} {t} {e})"));
            options.Add((1, from c in E(GenType.Bool) from t in Of(scope, depth - 1, inLoop, exprDepth) select $"(if {c} {t})"));
            options.Add((1, from c in E(GenType.Bool) from b in Body(true) select $"(while {c}{b})"));
            options.Add((1, from c in E(GenType.Bool) from b in Body(true) select $"(do-while {c}{b})"));
            options.Add((1, Gen.Elements(scope.Variables.Where(v => v.Type == GenType.Int).Select(v => v.Name).DefaultIfEmpty("").ToArray())
                .SelectMany(i => i == ""
                    ? E(GenType.Bool).Select(c => $"(for (() {c} ()))")
                    : from c in E(GenType.Bool) from b in Body(true) select $"(for ((set {i} 0) {c} (set {i} (add {i} 1))){b})")));
            options.Add((1, from v in E(GenType.Int) from a in Body(inLoop) from b in Body(inLoop) from d in Body(inLoop)
                            select $"(switch {v} (case (0 1) {a} (break)) (case (-7 0x10){b}) (default{d}))"));
        }
        return Gen.Frequency(options.ToArray());
    }
}
