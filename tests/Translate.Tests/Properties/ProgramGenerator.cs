using FsCheck;
using FsCheck.Fluent;

namespace Translate.Tests.Properties;

/// <summary>
/// Generates whole well-typed programs: a few functions, each calling only the ones before it. Every
/// function declares and initializes its locals first (so every name used is in scope), then runs
/// random statements (set, store, if/else, while, for, do-while, switch, break/continue inside loops,
/// calls) and ends with a return of its type.
/// </summary>
internal static class ProgramGenerator
{
    private const int ExprDepth = 3;

    public static Gen<string> Program() =>
        Gen.Choose(1, 4).SelectMany(count => Functions(count, 0, []))
            .Select(fs => "(c-lisp\n" + string.Join("\n", fs) + ")\n");

    private static Gen<List<string>> Functions(int remaining, int index, List<GenSignature> before)
    {
        if (remaining == 0) return Gen.Constant(new List<string>());
        return Signature("f" + index).SelectMany(sig =>
            Function(sig, before).SelectMany(text =>
                Functions(remaining - 1, index + 1, [.. before, sig]).Select(rest => (List<string>)[text, .. rest])));
    }

    private static Gen<GenSignature> Signature(string name) =>
        from ret in Gen.Elements(GenType.Values)
        from ps in Gen.ListOf(Gen.Elements(GenType.All), 3).SelectMany(n => Gen.Choose(0, 3).Select(k => n.Take(k).ToList()))
        select new GenSignature(name, ret, ps);

    private static Gen<string> Function(GenSignature sig, IReadOnlyList<GenSignature> callable)
    {
        var parameters = sig.Parameters.Select((t, i) => ($"p{i}", t)).ToList();
        return Gen.ListOf(Gen.Elements(GenType.All), 4).SelectMany(localTypes =>
        {
            var locals = localTypes.Select((t, i) => ($"v{i}", t)).ToList();
            var scope = new GenScope([.. parameters, .. locals], callable);
            var inits = Gen.CollectToList(locals.Select(l =>
                ExpressionGenerator.Of(l.t, new GenScope(parameters, callable), 2)
                    .Select(e => $"    (declare {l.Item1} {l.t})\n    (set {l.Item1} {e})")));
            return from init in inits
                   from body in Gen.Choose(1, 5).SelectMany(n => Gen.ListOf(StatementGenerator.Of(scope, 2, inLoop: false, ExprDepth), n))
                   from ret in ExpressionGenerator.Of(sig.Return, scope, ExprDepth)
                   select $"  (define (({sig.Name} {sig.Return}){string.Concat(parameters.Select(p => $" ({p.Item1} {p.t})"))})\n"
                          + string.Concat(init.Select(s => s + "\n"))
                          + string.Concat(body.Select(s => "    " + s + "\n"))
                          + $"    (ret {ret}))";
        });
    }
}
