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
        var invariants = ThreadIdentity(program);
        string reduced = Reducer.Reduce(program, c =>
        {
            // A candidate that changed how a thread finds its own slots could let two threads write one: a race
            // (in global memory the interpreter does not check), not the difference being reduced.
            string flat = Flat(c);
            if (!invariants.All(flat.Contains)) return false;
            var v = runner.Run(c);
            return v.Kind == verdict.Kind && v.Signature == verdict.Signature;
        }, TimeSpan.FromSeconds(600), m => output.WriteLine(m), best => File.WriteAllText(options.File + ".reduced", best));
        output.Write(reduced);
        return 1;
    }

    /// <summary>The generator's definitions of a thread's index and output slot (<c>(set ltid …)</c>, <c>gid</c>, <c>slot</c>, <c>nthreads</c>), whitespace-free.</summary>
    private static List<string> ThreadIdentity(string program)
    {
        string flat = Flat(program);
        var found = new List<string>();
        foreach (var name in new[] { "ltid", "nthreads", "gid", "slot" })
        {
            int start = flat.IndexOf($"(set {name} ", StringComparison.Ordinal);
            if (start < 0) continue;
            int depth = 0, end = start;
            for (; end < flat.Length; end++)
            {
                if (flat[end] == '(' || flat[end] == '[') depth++;
                else if ((flat[end] == ')' || flat[end] == ']') && --depth == 0) break;
            }
            found.Add(flat[start..(end + 1)]);
        }
        return found;
    }

    /// <summary>The program with every run of whitespace one space and none inside the brackets' edges, so printings compare.</summary>
    private static string Flat(string program) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(program, @"\s+", " "), @"([(\[]) | ([)\]])", "$1$2");
}
