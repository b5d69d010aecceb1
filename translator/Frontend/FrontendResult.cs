using Translate.Frontend.Lifting;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Frontend;

/// <summary>
/// What translating one .cu file gave: the IR module of every function that was translated, the
/// checked module when the whole program passed the type checker, every diagnostic (clang's and
/// the frontend's TR04xx), and per function whether it was translated.
/// </summary>
public sealed record FrontendResult(
    IrModule? Module,
    CheckedModule? Checked,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<FunctionStatus> Functions)
{
    /// <summary>True when nothing was left out and the IR type-checks: the program can run.</summary>
    public bool Success => Module is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Kernels' and device variables' linker names (Itanium mangling) by IR name.</summary>
    public IReadOnlyDictionary<string, string> LinkNames { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The user headers the file included (full paths; not system headers nor our CUDA headers), as
    /// <c>-MMD</c> lists them: what a build tool must watch besides the file itself.
    /// </summary>
    public IReadOnlyList<string> UserHeaders { get; init; } = [];

    /// <summary>Whether the host code was lifted too, or stays C++ for build mode (and why).</summary>
    public HostCode Host { get; init; } = HostCode.Lifted;

    /// <summary>clang arguments that show it the sources as corrected to accept what nvcc accepts (a VFS overlay; empty when
    /// nothing was corrected): build mode's host compilation must see the same text.</summary>
    public IReadOnlyList<string> CompatibilityArguments { get; init; } = [];

    public IEnumerable<FunctionStatus> Kernels => Functions.Where(f => f.Role == FunctionRole.Kernel);
}
