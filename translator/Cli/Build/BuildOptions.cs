using Translate.Frontend;

namespace Translate.Cli.Build;

/// <summary>
/// What a build is given besides its inputs: the CUDA preprocessor options (shared by the lifter and
/// the host compiler), flags for the host compiler (<c>-O2</c>, <c>-std=c++20</c>, <c>-g</c> …), flags for
/// the linker (<c>-lfoo</c>, <c>-L dir</c>), and whether to echo each tool command.
/// </summary>
internal sealed record BuildOptions(FrontendOptions Cuda, IReadOnlyList<string> HostFlags, IReadOnlyList<string> LinkFlags, bool Verbose)
{
    /// <summary>What starts each echoed command: <c>+ </c>, or nvcc's <c>#$ </c> under <c>translate nvcc -v</c> (CMake reads those lines).</summary>
    public string EchoPrefix { get; init; } = "+ ";

    /// <summary>The CUDA toolkit layout <c>translate-nvcc</c> presents (<see cref="Nvcc.NvccToolkit"/>), or null: when set, executables
    /// link the runtime library as that toolkit's <c>libcudart</c>, as CMake will link it.</summary>
    public string? Toolkit { get; init; }
}
