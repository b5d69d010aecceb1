using Translate.Fuzz.Differential;
using Translate.Fuzz.Generation;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Tests.Cpu;

namespace Translate.Tests.Fuzz;

/// <summary>
/// The program generator of tools/Fuzz gives well-typed programs, the same for the same seed, and a
/// fixed batch of them prints the same on interp, cpu and opencl (scripts/fuzz.sh runs many more).
/// </summary>
public class GeneratedProgramTests
{
    [Fact]
    public void Every_generated_program_passes_the_checker()
    {
        foreach (int seed in Enumerable.Range(1000, 200))
            TypeChecker.Check(IrParser.ParseText(KernelProgramGenerator.Generate(seed), $"seed-{seed}.lisp"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_program_and_another_seed_another()
    {
        Assert.Equal(KernelProgramGenerator.Generate(7), KernelProgramGenerator.Generate(7));
        Assert.NotEqual(KernelProgramGenerator.Generate(7), KernelProgramGenerator.Generate(8));
    }

    [RequiresFact(Need.Cpu)]
    public void A_fixed_batch_of_generated_programs_prints_the_same_on_every_device()
    {
        var found = new List<string>();
        foreach (int seed in Enumerable.Range(1, 40))
        {
            var program = KernelProgramGenerator.Generate(seed);
            var verdict = FuzzBatch.Runner.Run(program);
            if (verdict.Kind is VerdictKind.Differ or VerdictKind.Invalid) found.Add($"seed {seed}: {verdict.Describe()}");
        }
        Assert.True(found.Count == 0, string.Join("\n\n", found));
    }
}
