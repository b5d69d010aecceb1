using Translate.Fuzz.Differential;

namespace Translate.Fuzz.Reduction;

/// <summary><c>reduce FILE</c>: shrinks a saved program while it keeps the difference it shows now.</summary>
internal static class ReduceCommand
{
    public static int Run(FuzzOptions options, TextWriter output)
    {
        if (options.File is null || !File.Exists(options.File))
        {
            Console.Error.WriteLine("translate-fuzz: reduce needs an existing .lisp file");
            return 2;
        }
        // Candidates run for seconds at most: a reduction step can make a loop endless.
        var runner = new DifferentialRunner(options.Devices, TimeSpan.FromSeconds(Math.Min(options.Timeout.TotalSeconds, 15)));
        string program = File.ReadAllText(options.File);
        var verdict = runner.Run(program);
        output.WriteLine($"reduce: {verdict.Kind}: {verdict.Signature}");
        if (verdict.Kind is VerdictKind.Agree or VerdictKind.Refused) return 0;
        string reduced = Reducer.Reduce(program, c =>
        {
            var v = runner.Run(c);
            return v.Kind == verdict.Kind && v.Signature == verdict.Signature;
        }, TimeSpan.FromSeconds(600), m => output.WriteLine(m), best => File.WriteAllText(options.File + ".reduced", best));
        output.Write(reduced);
        return 1;
    }
}
