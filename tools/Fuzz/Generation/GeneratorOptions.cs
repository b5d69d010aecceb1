namespace Translate.Fuzz.Generation;

/// <summary>
/// Which constructs the generator may use; everything by default. Threads returning before a
/// barrier the others reach are defined by the IR; opencl runs them where the returned work-items can
/// follow the others to the barriers (ExitedWorkItems) and refuses the rest (TR0504), so a campaign
/// aimed at opencl can leave them out and compare more programs there.
/// </summary>
public sealed record GeneratorOptions(bool ReturnsBeforeBarriers = true)
{
    public static GeneratorOptions All { get; } = new();

    public static GeneratorOptions WithoutReturnsBeforeBarriers { get; } = new(ReturnsBeforeBarriers: false);
}
