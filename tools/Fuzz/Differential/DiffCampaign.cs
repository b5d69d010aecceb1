using System.Diagnostics;
using Translate.Fuzz.Generation;
using Translate.Fuzz.Reduction;

namespace Translate.Fuzz.Differential;

/// <summary>
/// <c>diff</c>: generates programs from consecutive seeds, runs each on every device, saves each
/// difference (and its reduction) in the output folder and prints a tally. A hang ends the campaign
/// with exit status 3, naming the seed to resume after.
/// </summary>
internal static class DiffCampaign
{
    public static int Run(FuzzOptions options, TextWriter output)
    {
        var runner = new DifferentialRunner(options.Devices, options.Timeout, options.Targets);
        output.WriteLine($"diff: seeds {options.Seed}..{options.Seed + options.Count - 1} on interp + {string.Join(", ", runner.Usable.Select(d => d.Name))}" +
                         $"{(runner.Targets.Count > 0 ? "; compiled for " + string.Join(", ", runner.Targets.Select(t => t.Name)) : "")}");
        var tally = new Dictionary<VerdictKind, int>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < options.Count; i++)
        {
            int seed = options.Seed + i;
            string program = KernelProgramGenerator.Generate(seed, options.Generator);
            var verdict = runner.Run(program);
            tally[verdict.Kind] = tally.GetValueOrDefault(verdict.Kind) + 1;
            if (verdict.Kind is VerdictKind.Differ or VerdictKind.Invalid)
            {
                string saved = FindingStore.Save(options.Out, $"seed-{seed}", program, verdict);
                output.WriteLine($"seed {seed}: {verdict.Kind}: {verdict.Signature} -> {saved}");
                if (verdict.Runs.Any(r => r.End == RunEnd.Hang))
                {
                    output.WriteLine($"diff: a device hung on seed {seed}; resume with --seed {seed + 1}");
                    Summary(output, tally, i + 1, clock);
                    return 3;
                }
                if (options.Reduce) ReduceAndSave(runner, options, seed, program, verdict, output);
            }
            else if (verdict.Kind == VerdictKind.Refused) output.WriteLine($"seed {seed}: refused: {verdict.Signature}");
            if ((i + 1) % 50 == 0) Summary(output, tally, i + 1, clock);
        }
        Summary(output, tally, options.Count, clock);
        return tally.GetValueOrDefault(VerdictKind.Differ) + tally.GetValueOrDefault(VerdictKind.Invalid) > 0 ? 1 : 0;
    }

    private static void ReduceAndSave(DifferentialRunner runner, FuzzOptions options, int seed, string program, Verdict verdict, TextWriter output)
    {
        var devices = runner.Usable.Where(d => verdict.Signature.StartsWith(d.Name + " ", StringComparison.Ordinal)).ToList();
        var targets = runner.Targets.Where(t => verdict.Signature.StartsWith(t.Name + " ", StringComparison.Ordinal)).ToList();
        // Candidates run for seconds at most: a reduction step can make a loop endless.
        var quick = new DifferentialRunner(options.Devices, TimeSpan.FromSeconds(15), options.Targets);
        string reduced = Reducer.Reduce(program, candidate =>
        {
            var again = quick.Run(candidate, devices, targets);
            return again.Kind == verdict.Kind && again.Signature == verdict.Signature && again.Runs.All(r => r.End != RunEnd.Hang);
        }, TimeSpan.FromSeconds(180));
        string saved = FindingStore.Save(options.Out, $"seed-{seed}.reduced", reduced, runner.Run(reduced, devices, targets));
        output.WriteLine($"seed {seed}: reduced -> {saved}");
    }

    private static void Summary(TextWriter output, Dictionary<VerdictKind, int> tally, int done, Stopwatch clock) =>
        output.WriteLine(DifferentialRunner.Tally("diff", tally, done, clock.Elapsed));
}
