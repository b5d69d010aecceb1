namespace Translate.Backends.Cpu;

/// <summary>How floating-point arithmetic may be compiled.</summary>
public enum FloatMode
{
    /// <summary>Each operation rounds once, in program order: no FMA contraction, no reassociation (bit-identical to <c>interp</c>).</summary>
    Strict,

    /// <summary>LLVM may contract a*b+c into an FMA and reassociate (vectorized sums): faster, results within a documented bound.</summary>
    Relaxed,
}

/// <summary>
/// Choices that change the machine code the cpu device generates (so they are part of every disk
/// cache key): memory checks and the floating-point mode.
/// </summary>
/// <param name="CheckMemory">Check every load and store through a pointer against the table of device allocations (<c>--check</c>).</param>
/// <param name="Float">Strict (default) or relaxed floating point (<c>--fp relaxed</c>, <c>--fast-math</c>).</param>
public sealed record CpuCompileOptions(bool CheckMemory = false, FloatMode Float = FloatMode.Strict)
{
    /// <summary>Unchecked, strict floating point.</summary>
    public static CpuCompileOptions Default { get; } = new();

    /// <summary>
    /// Loops without barriers run in lockstep across the block's threads (Kernels/LockstepLoops.cs); off with
    /// <c>TRANSLATE_CPU_LOCKSTEP=0</c>, which runs each thread's loop to its end before the next thread (the
    /// baseline the benchmarks compare against).
    /// </summary>
    public bool Lockstep { get; init; } = Environment.GetEnvironmentVariable("TRANSLATE_CPU_LOCKSTEP") != "0";

    /// <summary>The IR passes run before lowering: under <c>--check</c>, barriers some threads skip stay errors (TR0307).</summary>
    public Ir.Passes.Pipeline Passes => CheckMemory ? Ir.Passes.Pipelines.CpuChecked : Ir.Passes.Pipelines.Cpu;

    /// <summary>The options as text for cache keys.</summary>
    public string Tag => $"check={(CheckMemory ? 1 : 0)} fp={Float.ToString().ToLowerInvariant()} lockstep={(Lockstep ? 1 : 0)}";
}
