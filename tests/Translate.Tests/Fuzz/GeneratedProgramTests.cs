using Translate.Fuzz.Differential;
using Translate.Fuzz.Generation;
using Translate.Ir.Parsing;
using Translate.Ir.Syntax;
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

    /// <summary>
    /// A shared-memory exchange (own slot written, barrier, any slot read, barrier) is left only through its closing
    /// barrier: a break or continue of an enclosing loop in the reading would skip it, and the next write of a slot
    /// would race with other threads' reads of it (seed 72446 of session 21 did).
    /// </summary>
    [Fact]
    public void No_generated_program_leaves_a_shared_memory_reading_by_break_or_continue()
    {
        var found = new List<string>();
        foreach (int seed in Enumerable.Range(1000, 400))
            foreach (var form in SExprReader.ReadAll(KernelProgramGenerator.Generate(seed), $"seed-{seed}.lisp"))
                foreach (var exchange in Lists(form).Where(IsSharedExchange))
                {
                    int first = exchange.Items.IndexOf(exchange.Items.First(IsBarrier));
                    foreach (var item in exchange.Items.Skip(first + 1))
                        if (LoopExit(item) is { } exit) found.Add($"seed {seed}, line {exit.Location.Line}: {exit}");
                }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static IEnumerable<SList> Lists(SExpr e) =>
        e is SList l ? l.Items.SelectMany(Lists).Prepend(l) : [];

    private static bool IsBarrier(SExpr e) => e is SList { Bracketed: true, Head: "__syncthreads" };

    private static bool IsSharedExchange(SList l) =>
        l.Count > 2 && l[0] is SList { Count: 0 } && IsBarrier(l.Items[^1])
        && l.Items.Any(i => i.ToString().StartsWith("(store (aptradd sh ltid)", StringComparison.Ordinal));

    /// <summary>A break or continue that leaves <paramref name="e"/> (not one of a loop or switch inside it).</summary>
    private static SExpr? LoopExit(SExpr e) => e switch
    {
        SList { Head: "break" or "continue" } l => l,
        SList { Head: "for" or "do-while" or "while" or "switch" } => null,
        SList l => l.Items.Select(LoopExit).FirstOrDefault(x => x is not null),
        _ => null,
    };

    [RequiresFact(Need.Cpu)]
    public void A_fixed_batch_of_generated_programs_prints_the_same_on_every_device()
    {
        var found = new List<string>();
        // 12 programs (half a minute on two cores): the suite keeps to ~15 minutes; campaigns run thousands
        // (docs/testing/fuzzing.md).
        foreach (int seed in Enumerable.Range(1, 12))
        {
            var program = KernelProgramGenerator.Generate(seed);
            var verdict = FuzzBatch.Runner.Run(program);
            if (verdict.Kind is VerdictKind.Differ or VerdictKind.Invalid) found.Add($"seed {seed}: {verdict.Describe()}");
        }
        Assert.True(found.Count == 0, string.Join("\n\n", found));
    }
}
