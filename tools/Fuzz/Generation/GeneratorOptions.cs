namespace Translate.Fuzz.Generation;

/// <summary>
/// Which constructs the generator may use. Everything is on by default; a construct behind an open
/// finding (a difference not fixed yet, kept in tests/fuzz-cases/open/) can be left out so that a
/// campaign or the test batch looks for other bugs meanwhile.
/// </summary>
public sealed record GeneratorOptions(bool ReturnsBeforeBarriers = true)
{
    public static GeneratorOptions All { get; } = new();

    /// <summary>
    /// Without threads returning before a barrier the others reach: opencl gives wrong results for
    /// them (tests/fuzz-cases/open/return-before-barrier.lisp).
    /// </summary>
    public static GeneratorOptions WithoutOpenFindings { get; } = new(ReturnsBeforeBarriers: false);
}
