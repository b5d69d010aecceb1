namespace Translate.Fuzz.Generation;

/// <summary>
/// A local variable of the generated kernel. <see cref="Varying"/> says whether its value may differ
/// between the threads of a block; once varying it stays so (the generator never proves otherwise).
/// </summary>
internal sealed class Local(string name, string type, bool assignable = true)
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public bool Assignable { get; } = assignable;
    public bool Varying { get; set; }
}

/// <summary>An expression's text and whether its value may differ between the threads of a block.</summary>
internal readonly record struct Expr(string Text, bool Varying)
{
    public override string ToString() => Text;
}

/// <summary>
/// Where a statement is generated: which forms keep the program free of undefined behaviour there.
/// Barriers need block-uniform control flow; warp operations need every lane of the warp (or of
/// the mask) to reach them; shared memory written by other threads is read only between barriers.
/// </summary>
internal sealed record Place(
    bool BlockUniform,
    bool WarpUniform,
    bool InLoop,
    bool InnermostLoopUniform,
    bool InsideLoop,
    bool SharedReadable,
    int Depth)
{
    public static Place KernelTop => new(true, true, false, false, false, false, 0);

    public Place Nested(bool blockUniform, bool warpUniform) =>
        this with { BlockUniform = BlockUniform && blockUniform, WarpUniform = WarpUniform && warpUniform, Depth = Depth + 1 };
}
