namespace Translate.Fuzz.Generation;

/// <summary>One launch of the generated kernel: its grid and block, all two-dimensional at most.</summary>
internal sealed record LaunchShape(int GridX, int GridY, int BlockX, int BlockY)
{
    public int ThreadsPerBlock => BlockX * BlockY;
    public int Threads => ThreadsPerBlock * GridX * GridY;
}

/// <summary>
/// The decisions made once per program, which every statement must respect: the launches, whether
/// warp operations may appear (every block a whole number of full warps, no thread leaving alone),
/// how many output slots each thread owns, and which atomic operation each accumulator takes (one
/// per slot, so the final value does not depend on the order the threads ran in).
/// </summary>
internal sealed record ProgramShape(
    IReadOnlyList<LaunchShape> Launches,
    bool WarpOps,
    bool DivergentReturns,
    int SlotsPerThread,
    IReadOnlyList<string> IntAccumulatorOps,
    IReadOnlyList<string> FloatAccumulatorOps,
    string SharedAtomicOp,
    bool LaneLoops = false)
{
    public const int InputLength = 1024;
    public const int SharedLength = 256;
    public const int SharedAtomicSlots = 8;

    /// <summary>Output slots over all launches (each launch writes its own range).</summary>
    public int OutputLength => Launches.Sum(l => l.Threads) * SlotsPerThread;

    public static ProgramShape Random(Rng rng, GeneratorOptions options)
    {
        bool warpOps = rng.Chance(0.5);
        var launches = new List<LaunchShape>();
        int count = rng.Chance(0.3) ? 2 : 1;
        for (int i = 0; i < count; i++) launches.Add(Launch(rng, warpOps));
        string[] intOps = ["add", "sub", "and", "or", "xor", "min", "max", "umin", "umax"];
        return new ProgramShape(
            launches,
            warpOps,
            !warpOps && rng.Chance(0.5) && options.ReturnsBeforeBarriers,
            rng.Between(2, 4),
            Enumerable.Range(0, 4).Select(_ => rng.Choose(intOps)).ToList(),
            Enumerable.Range(0, 2).Select(_ => rng.Pick("fadd", "fmin", "fmax")).ToList(),
            rng.Choose(intOps),
            warpOps && options.LaneLoops);
    }

    private static LaunchShape Launch(Rng rng, bool warpOps)
    {
        // Blocks of whole warps when warp operations appear: CUDA's shuffles read lanes that must exist.
        int blockX, blockY;
        if (warpOps)
        {
            blockX = rng.Pick(32, 64, 96, 128);
            blockY = blockX <= 64 ? rng.Pick(1, 1, 2) : 1;
        }
        else
        {
            blockX = rng.Pick(1, 3, 7, 16, 32, 33, 64, 100, 128, 256);
            blockY = blockX <= 32 ? rng.Pick(1, 1, 2, 5) : 1;
        }
        int gridX = rng.Between(1, 3), gridY = rng.Chance(0.2) ? 2 : 1;
        return new LaunchShape(gridX, gridY, blockX, blockY);
    }
}
