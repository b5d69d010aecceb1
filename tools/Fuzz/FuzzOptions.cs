using System.Globalization;

namespace Translate.Fuzz;

/// <summary>The fuzzer's command line: <c>COMMAND [--count N] [--seed S] [--devices a,b] [--targets spirv,ptx,amdgcn|none] [--out DIR] [--timeout SEC] [--no-reduce] [--without-returns] [--grid-sync] [--lane-loops] [FILE]</c>.</summary>
public sealed record FuzzOptions(string Command, int Count, int Seed, IReadOnlyList<string> Devices, IReadOnlyList<string> Targets, string Out,
    TimeSpan Timeout, bool Reduce, string? File, Generation.GeneratorOptions Generator)
{
    public static FuzzOptions Parse(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("a command is needed: generate, diff, generate-cuda, diff-cuda, reduce, mutate-ir, mutate-cuda");
        int count = 100, seed = 1;
        var devices = new List<string> { "interp", "cpu", "opencl" };
        var targets = Differential.TargetCheck.All.Select(t => t.Name).ToList();
        string output = "fuzz-findings";
        bool withoutReturns = false, gridSync = false, laneLoops = false;
        var timeout = TimeSpan.FromSeconds(60);
        bool reduce = true;
        string? file = null;
        for (int i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"'{args[i]}' needs a value");
            switch (args[i])
            {
                case "--count": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--devices": devices = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); break;
                case "--targets":
                    var named = Value();
                    targets = named == "none" ? [] : named.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
                    break;
                case "--out": output = Value(); break;
                case "--timeout": timeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--no-reduce": reduce = false; break;
                case "--without-returns": withoutReturns = true; break;
                case "--grid-sync": gridSync = true; break;
                case "--lane-loops": laneLoops = true; break;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException($"unknown option '{args[i]}'");
                    file = args[i];
                    break;
            }
        }
        var generator = gridSync ? Generation.GeneratorOptions.WithGridSync
            : withoutReturns ? Generation.GeneratorOptions.WithoutReturnsBeforeBarriers : Generation.GeneratorOptions.All;
        if (laneLoops) generator = generator with { LaneLoops = true };
        return new FuzzOptions(args[0], count, seed, devices, targets, output, timeout, reduce, file, generator);
    }
}
