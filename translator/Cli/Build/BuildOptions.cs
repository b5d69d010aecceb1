using Translate.Frontend;

namespace Translate.Cli.Build;

/// <summary>
/// What a build is given besides its inputs: the CUDA preprocessor options (shared by the lifter and
/// the host compiler), flags for the host compiler (<c>-O2</c>, <c>-std=c++20</c>, <c>-g</c> …), flags for
/// the linker (<c>-lfoo</c>, <c>-L dir</c>), and whether to echo each tool command.
/// </summary>
internal sealed record BuildOptions(FrontendOptions Cuda, IReadOnlyList<string> HostFlags, IReadOnlyList<string> LinkFlags, bool Verbose);
