namespace Translate.Fuzz.Generation;

/// <summary>
/// Which constructs the generator may use; everything by default. Threads returning before a
/// barrier the others reach are defined by the IR but refused by opencl (TR0504, OpenCL requires
/// every work-item at each barrier), so a campaign aimed at opencl can leave them out and compare
/// more programs there.
/// </summary>
public sealed record GeneratorOptions(bool ReturnsBeforeBarriers = true)
{
    public static GeneratorOptions All { get; } = new();

    public static GeneratorOptions WithoutReturnsBeforeBarriers { get; } = new(ReturnsBeforeBarriers: false);
}
