using Translate.Backends.Cpu.Abi;
using Translate.Ir.Verification;

namespace Translate.Cli.Targets;

/// <summary>
/// One output a checked program can be compiled to: its name on the command line, the extension of
/// its files, and how it is emitted — as text (<see cref="Text"/>) or straight into a file
/// (<see cref="File"/>, for binary outputs such as object files). <see cref="ForArch"/> and <see cref="ForBlock"/> give
/// the same target for one GPU architecture or (cpu targets) kernels specialized on one block shape.
/// </summary>
internal sealed record CompileTarget(string Name, string Extension, string Description,
    Func<CheckedModule, string>? Text = null, Action<CheckedModule, string>? File = null,
    IReadOnlyList<string>? Architectures = null, Func<string, CompileTarget>? ForArch = null,
    Func<BlockShape, CompileTarget>? ForBlock = null)
{
    /// <summary>Text targets may go to standard output; binary ones need <c>-o</c>.</summary>
    public bool IsText => Text is not null;
}
