using Translate.Backends.Cpu.Abi;

namespace Translate.Backends.Cpu;

/// <summary>
/// The LLVM pass pipelines of kernel modules: LLVM's <c>default&lt;O2&gt;</c> (spelled out in
/// <see cref="DefaultO2Pipeline"/>), for kernels compiled for a 1-D block with inductive range-check elimination
/// (<c>irce</c>) added to the function simplification passes. O2, not O3: measured on the benchmark's tiled matmul,
/// O3 spent 100 ms optimizing (166 ms for the module) against 32 ms (79 ms) at O2, and the kernels run as fast.
/// </summary>
/// <remarks>
/// Why irce: the guard of almost every CUDA kernel, <c>if (i &lt; n)</c> with <c>i = blockIdx.x * blockDim.x +
/// threadIdx.x</c>, is a range check on the thread loop's counter. Left in, the loop vectorizer predicates the
/// body, and masked vector loads of memory that is not in the cache run at half the speed of plain ones (measured
/// here, AMD EPYC with AVX-512: a triad over 1.5 GiB 47 → 27 ms; OpenMP 23 ms). irce splits the loop into the
/// threads where the check holds, without the check, and the rest. It goes right after the first loop-invariant
/// code motion (so the block's base index is loop-invariant) and before <c>indvars</c> (which removes the exit
/// test irce leaves redundant; the vectorizer cannot count a loop with two) and before the full unrolling of
/// inner loops. LLVM skips it where its profitability test, which wants profile data, would refuse:
/// <c>--irce-skip-profitability-checks</c> (<c>LlvmTargetMachine</c>'s process options).
/// Only for 1-D blocks: there the thread loop is one loop over threadIdx.x (a triad with blocks of 64, 128 or 256
/// threads: 1.8× faster each). In a 2-D block irce splits the loop over rows as well as the short loop over x in
/// each, and a 5-point stencil with 32×8 blocks (4096², in the cache) ran 1.4× slower than with masks.
/// </remarks>
public static class KernelPipeline
{
    /// <summary>Where irce goes: after the function simplification's first <c>loop-mssa(…)</c> group.</summary>
    private const string InsertAfter = "simple-loop-unswitch<no-nontrivial;trivial>),";

    /// <summary>The pipeline of kernels compiled for 1-D blocks.</summary>
    public static string OneDimensional { get; } = WithRangeCheckElimination(DefaultO2Pipeline.Text);

    /// <summary>The pipeline of a kernel module compiled for <paramref name="shape"/> (null: any block shape).</summary>
    public static string For(BlockShape? shape) => shape is { Y: 1, Z: 1 } ? OneDimensional : DefaultO2Pipeline.Text;

    /// <summary><paramref name="o2"/> with <c>irce</c> after its first <see cref="InsertAfter"/>.</summary>
    private static string WithRangeCheckElimination(string o2)
    {
        int at = o2.IndexOf(InsertAfter, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"LLVM's O2 pipeline has no '{InsertAfter}' any more: regenerate it and choose irce's place again");
        at += InsertAfter.Length;
        return o2[..at] + "irce," + o2[at..];
    }
}
