namespace Translate.Fuzz.Generation;

/// <summary>
/// Which constructs the generator may use; everything by default. Threads returning before a
/// barrier the others reach are defined by the IR; opencl runs them where the returned work-items can
/// follow the others to the barriers (ExitedWorkItems) and refuses the rest (TR0504), so a campaign
/// aimed at opencl can leave them out and compare more programs there. Grid barriers (off by default, so a
/// seed gives the program it always gave): the kernel's top-level barriers become <c>(grid-sync)</c>, more are put
/// between its top-level statements, and it is launched cooperatively; no thread returns before them (opencl
/// runs such a kernel as one kernel per stretch between grid barriers, which a return before one prevents).
/// Loops each lane runs its own number of times around warp operations over <c>[activemask]</c> (off by default, for the
/// same reason) exercise opencl's running such loops in step for the whole block.
/// </summary>
public sealed record GeneratorOptions(bool ReturnsBeforeBarriers = true, bool GridSync = false, bool LaneLoops = false)
{
    public static GeneratorOptions All { get; } = new();

    public static GeneratorOptions WithoutReturnsBeforeBarriers { get; } = new(ReturnsBeforeBarriers: false);

    public static GeneratorOptions WithGridSync { get; } = new(ReturnsBeforeBarriers: false, GridSync: true);
}
