using Translate.Fuzz.Differential;
using Translate.Ir.Syntax;

namespace Translate.Fuzz.Reduction;

/// <summary><c>reduce FILE</c>: shrinks a saved program while it keeps the difference it shows now.</summary>
internal static class ReduceCommand
{
    public static int Run(FuzzOptions options, TextWriter output)
    {
        if (options.File is null || !File.Exists(options.File))
        {
            Console.Error.WriteLine("translate-fuzz: reduce needs an existing .lisp or .cu file");
            return 2;
        }
        if (options.File.EndsWith(".cu", StringComparison.Ordinal)) return RunCuda(options, output);
        // Candidates run for seconds at most: a reduction step can make a loop endless.
        var runner = new DifferentialRunner(options.Devices, TimeSpan.FromSeconds(Math.Min(options.Timeout.TotalSeconds, 15)), options.Targets);
        string program = File.ReadAllText(options.File);
        var verdict = runner.Run(program);
        output.WriteLine($"reduce: {verdict.Kind}: {verdict.Signature}");
        if (verdict.Kind is VerdictKind.Agree or VerdictKind.Refused) return 0;
        var invariants = ThreadIdentity(program);
        string reduced = Reducer.Reduce(program, c =>
        {
            // A candidate that changed how a thread finds its own slots could let two threads write one: a race
            // (in global memory the interpreter does not check), not the difference being reduced.
            if (!ThreadIdentity(c).IsSupersetOf(invariants)) return false;
            var v = runner.Run(c);
            return v.Kind == verdict.Kind && v.Signature == verdict.Signature;
        }, TimeSpan.FromSeconds(600), m => output.WriteLine(m), best => File.WriteAllText(options.File + ".reduced", best));
        output.Write(reduced);
        return 1;
    }

    /// <summary>A CUDA program (from <c>diff-cuda</c>) is reduced against the C++ oracle, like the campaign does.</summary>
    private static int RunCuda(FuzzOptions options, TextWriter output)
    {
        if (NativeOracle.Missing is { } missing)
        {
            Console.Error.WriteLine($"translate-fuzz: {missing}");
            return 2;
        }
        var devices = DifferentialRunner.Available(options.Devices);
        var work = Directory.CreateTempSubdirectory("translate-fuzz-reduce-");
        try
        {
            string program = File.ReadAllText(options.File!);
            var verdict = CudaDiffCampaign.Judge(program, Path.Combine(work.FullName, "input.cu"), devices, TimeSpan.FromSeconds(Math.Min(options.Timeout.TotalSeconds, 15)));
            output.WriteLine($"reduce: {verdict.Kind}: {verdict.Signature}");
            if (verdict.Kind != VerdictKind.Differ) return 0;
            string reduced = CudaDiffCampaign.Reduce(program, verdict, devices, work.FullName, TimeSpan.FromSeconds(600),
                m => output.WriteLine(m), best => File.WriteAllText(options.File + ".reduced", best));
            output.Write(reduced);
            return 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The generator's definitions of a thread's index and output slot (<c>(set ltid …)</c>, <c>nthreads</c>, <c>gid</c>, <c>slot</c>), as printed.</summary>
    private static HashSet<string> ThreadIdentity(string program) =>
        SExprReader.ReadAll(program, "candidate.lisp").SelectMany(Lists)
            .Where(l => l is { Head: "set", Count: 3 } && l[1] is SAtom { Text: "ltid" or "nthreads" or "gid" or "slot" })
            .Select(l => l.ToString()).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<SList> Lists(SExpr e) => e is SList l ? l.Items.SelectMany(Lists).Prepend(l) : [];
}
