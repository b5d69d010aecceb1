using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Backends.OpenCl;

/// <summary>Where a kernel argument of the emitted OpenCL comes from.</summary>
public enum OpenClArgumentKind
{
    /// <summary>The CUDA kernel's own parameter number <see cref="OpenClKernelArgument.UserIndex"/>.</summary>
    User,
    /// <summary>A <c>__device__</c> or <c>__constant__</c> global: the buffer holding it (OpenCL 1.2 has no writable program-scope variables).</summary>
    Global,
    /// <summary>CUDA's dynamic shared memory: a <c>__local</c> argument of the launch's shared byte count.</summary>
    DynamicShared,
    /// <summary>The <c>__local</c> buffer warp collectives exchange values through: 8 bytes per work-item.</summary>
    WarpScratch,
    /// <summary>A <c>__global int</c>, 0 before the launch, where a trap writes its number (<see cref="OpenClProgram.Traps"/>).</summary>
    TrapStatus,
    /// <summary>A <c>__global ulong</c> that <c>clock()</c> reads and advances atomically; kept by the module across launches, starting at 0.</summary>
    ClockCounter,
    /// <summary>
    /// A pointer held inside the struct parameter <see cref="OpenClKernelArgument.UserIndex"/>, at byte
    /// <see cref="OpenClKernelArgument.FieldOffset"/>: the buffer it points into. OpenCL cannot pass pointers inside a
    /// struct argument, so the struct goes as its bytes with the pointer's offset into that buffer in the pointer's place.
    /// </summary>
    StructPointer,
    /// <summary>The byte offset of the pointer parameter <see cref="OpenClKernelArgument.UserIndex"/> into its buffer (<see cref="OpenClTarget.PointerOffsets"/>).</summary>
    PointerOffset,
}

/// <summary>One argument of an emitted kernel.</summary>
public sealed record OpenClKernelArgument(string Name, OpenClArgumentKind Kind, int UserIndex = -1, string? GlobalName = null, long FieldOffset = 0);

/// <summary>
/// An emitted kernel: its IR (CUDA) name, the name it has in the OpenCL C text (the same unless that would
/// clash with a keyword or built-in, e.g. <c>rotate</c> → <c>rotate_</c>) and its arguments, the CUDA parameters first.
/// </summary>
public sealed record OpenClKernel(string Name, string EmittedName, IReadOnlyList<OpenClKernelArgument> Arguments)
{
    /// <summary>Bytes of warp scratch for a block of <paramref name="threads"/> threads.</summary>
    public static long WarpScratchBytes(long threads) => threads * 8;
}

/// <summary>A global variable device code uses, kept in its own buffer.</summary>
public sealed record OpenClGlobal(string Name, GlobalDef Definition, long Size);

/// <summary>The result of compiling a module to OpenCL C: the source, its kernels and globals, and why anything failed.</summary>
public sealed class OpenClProgram(string source, IReadOnlyList<OpenClKernel> kernels, IReadOnlyList<OpenClGlobal> globals,
    IReadOnlyList<Diagnostic> diagnostics, string buildOptions, IReadOnlyList<Ir.Syntax.SourceLocation>? traps = null,
    IReadOnlyDictionary<int, Diagnostic>? trapErrors = null)
{
    /// <summary>Trap numbers our own emitted checks raise, with the error each means (the others are the program's __trap/assert).</summary>
    public IReadOnlyDictionary<int, Diagnostic> TrapErrors { get; } = trapErrors ?? new Dictionary<int, Diagnostic>();

    /// <summary>Where trap number k (1-based, as the trap status holds it) is in the source program.</summary>
    public IReadOnlyList<Ir.Syntax.SourceLocation> Traps { get; } = traps ?? [];

    public string Source { get; } = source;
    public IReadOnlyList<OpenClKernel> Kernels { get; } = kernels;
    public IReadOnlyList<OpenClGlobal> Globals { get; } = globals;
    /// <summary>Errors (TR05xx) mean the source must not be run; warnings may accompany a usable program.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
    public string BuildOptions { get; } = buildOptions;

    /// <summary>Whether kernels take each pointer as a buffer and an offset (<see cref="OpenClTarget.PointerOffsets"/>).</summary>
    public bool PointerOffsets { get; init; }
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Kernels with grid barriers, by CUDA name: each runs as its phase kernels in order (<see cref="Ir.Transformations.GridSyncFission"/>).</summary>
    public IReadOnlyDictionary<string, Ir.Transformations.GridPhasePlan> GridPhases { get; init; } = new Dictionary<string, Ir.Transformations.GridPhasePlan>();

    public OpenClKernel Kernel(string name) =>
        Kernels.FirstOrDefault(k => k.Name == name) ?? throw new KeyNotFoundException($"no kernel named '{name}'");
}
