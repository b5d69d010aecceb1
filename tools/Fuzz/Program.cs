using Translate.Fuzz.Mutation;
using Translate.Fuzz.Reduction;
using Translate.Fuzz;
using Translate.Fuzz.Differential;
using Translate.Fuzz.Generation;

// translate-fuzz: differential fuzzing of generated programs across devices, and mutation fuzzing
// of the readers. Exit status: 0 when nothing was found, 1 when something was, 2 for a usage error,
// 3 when a device hung (the process cannot take the hung thread back; scripts/fuzz.sh resumes).
FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"translate-fuzz: {e.Message}");
    return 2;
}
switch (options.Command)
{
    case "generate":
        Console.Write(KernelProgramGenerator.Generate(options.Seed, options.Generator));
        return 0;
    case "diff":
        return DiffCampaign.Run(options, Console.Out);
    case "generate-cuda":
        Console.Write(Translate.Fuzz.Generation.Cuda.CudaProgramGenerator.Generate(options.Seed));
        return 0;
    case "diff-cuda":
        return CudaDiffCampaign.Run(options, Console.Out);
    case "reduce":
        return ReduceCommand.Run(options, Console.Out);
    case "mutate-ir":
        return MutationCampaign.Run(options, Console.Out, cuda: false);
    case "mutate-cuda":
        return MutationCampaign.Run(options, Console.Out, cuda: true);
    default:
        Console.Error.WriteLine($"translate-fuzz: unknown command '{options.Command}': generate, diff, generate-cuda, diff-cuda, reduce, mutate-ir, mutate-cuda");
        return 2;
}
