using System.Diagnostics;
using Translate.Frontend;
using Translate.Fuzz.Generation.Cuda;
using Translate.Fuzz.Reduction;
using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Fuzz.Differential;

/// <summary>
/// <c>diff-cuda</c>: generates CUDA programs (<see cref="CudaProgramGenerator"/>), builds each as plain C++ with clang
/// (<see cref="NativeOracle"/>: the threads run one after another) for the expected output, lifts it with the CUDA
/// frontend and runs it on every device named. Any device printing something else is a difference in how the program's
/// C++ was lifted or run; a frontend refusal with a coded diagnostic is counted as refused (a gap, said out loud). A hang
/// ends the campaign with exit status 3, naming the seed to resume after, as <c>diff</c> does.
/// </summary>
internal static class CudaDiffCampaign
{
    public static int Run(FuzzOptions options, TextWriter output)
    {
        if (NativeOracle.Missing is { } missing)
        {
            Console.Error.WriteLine($"translate-fuzz: {missing}");
            return 2;
        }
        var devices = DifferentialRunner.Available(options.Devices);
        output.WriteLine($"diff-cuda: seeds {options.Seed}..{options.Seed + options.Count - 1} against clang's C++ on {string.Join(", ", devices.Select(d => d.Name))}");
        var work = Directory.CreateTempSubdirectory("translate-fuzz-cuda-");
        var tally = new Dictionary<VerdictKind, int>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (int i = 0; i < options.Count; i++)
            {
                int seed = options.Seed + i;
                string program = CudaProgramGenerator.Generate(seed);
                var verdict = Judge(program, Path.Combine(work.FullName, $"seed-{seed}.cu"), devices, options.Timeout);
                tally[verdict.Kind] = tally.GetValueOrDefault(verdict.Kind) + 1;
                if (verdict.Kind is VerdictKind.Differ or VerdictKind.Invalid)
                {
                    output.WriteLine($"seed {seed}: {verdict.Kind}: {verdict.Signature} -> {FindingStore.Save(options.Out, $"cuda-seed-{seed}", program, verdict, ".cu")}");
                    // A hung device thread cannot be taken back, and later programs on that device would wait behind it.
                    if (verdict.Runs.Any(r => r.End == RunEnd.Hang))
                    {
                        output.WriteLine($"diff-cuda: a device hung on seed {seed}; resume with --seed {seed + 1}");
                        Summary(output, tally, i + 1, clock);
                        return 3;
                    }
                    if (options.Reduce && verdict.Kind == VerdictKind.Differ)
                    {
                        string reduced = Reduce(program, verdict, devices, work.FullName, TimeSpan.FromSeconds(180));
                        output.WriteLine($"seed {seed}: reduced -> {FindingStore.Save(options.Out, $"cuda-seed-{seed}.reduced", reduced, Judge(reduced, Path.Combine(work.FullName, "reduced.cu"), devices, options.Timeout), ".cu")}");
                    }
                }
                else if (verdict.Kind == VerdictKind.Refused) output.WriteLine($"seed {seed}: refused: {verdict.Signature}");
                if ((i + 1) % 50 == 0) Summary(output, tally, i + 1, clock);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        Summary(output, tally, options.Count, clock);
        return tally.GetValueOrDefault(VerdictKind.Differ) + tally.GetValueOrDefault(VerdictKind.Invalid) > 0 ? 1 : 0;
    }

    /// <summary>The oracle's output against each device's for one program written to <paramref name="path"/>.</summary>
    public static Verdict Judge(string program, string path, IReadOnlyList<IDevice> devices, TimeSpan timeout)
    {
        File.WriteAllText(path, program);
        var expected = NativeOracle.Run(path, timeout);
        var runs = new List<DeviceRun> { expected };
        if (expected.End != RunEnd.Completed) return new Verdict(VerdictKind.Invalid, $"oracle {expected.End} {expected.Code}", runs);
        FrontendResult lifted;
        try
        {
            lifted = CudaFrontend.Translate(path, new FrontendOptions());
        }
        catch (Exception e)
        {
            runs.Add(new DeviceRun("frontend", RunEnd.Crash, "", 1, e.ToString()) { Code = e.GetType().Name });
            return new Verdict(VerdictKind.Differ, $"frontend Crash {e.GetType().Name}", runs);
        }
        if (!lifted.Success || lifted.Checked is null)
        {
            var first = lifted.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            runs.Add(new DeviceRun("frontend", RunEnd.Diagnostic, "", 1, string.Join("\n", lifted.Diagnostics.Select(d => d.ToString()))) { Code = first?.Code.Id });
            return first is null
                ? new Verdict(VerdictKind.Differ, "frontend failed without an error", runs)
                : new Verdict(VerdictKind.Refused, $"frontend {first.Code.Id}", runs);
        }
        var refusals = new List<string>();
        return DifferentialRunner.CompareDevices(lifted.Checked, expected, devices, timeout, runs, refusals)
            ?? DifferentialRunner.Concluded(refusals, runs);
    }

    /// <summary>
    /// Shrinks a program that differs (<see cref="CudaReducer"/>) while it differs the same way on the devices its signature
    /// names; candidates run for seconds at most (an edit can make a loop endless).
    /// </summary>
    public static string Reduce(string program, Verdict verdict, IReadOnlyList<IDevice> devices, string work, TimeSpan budget,
        Action<string>? progress = null, Action<string>? keep = null)
    {
        var named = devices.Where(d => verdict.Signature.StartsWith(d.Name + " ", StringComparison.Ordinal)).ToList();
        if (named.Count == 0) named = [.. devices];
        string path = Path.Combine(work, "candidate.cu");
        return CudaReducer.Reduce(program, candidate =>
        {
            var again = Judge(candidate, path, named, TimeSpan.FromSeconds(15));
            return again.Kind == verdict.Kind && again.Signature == verdict.Signature && again.Runs.All(r => r.End != RunEnd.Hang);
        }, budget, progress, keep);
    }

    private static void Summary(TextWriter output, Dictionary<VerdictKind, int> tally, int done, Stopwatch clock) =>
        output.WriteLine(DifferentialRunner.Tally("diff-cuda", tally, done, clock.Elapsed));
}
