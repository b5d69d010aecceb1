using Translate.Ir.Transformations;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// The IR rewrites the cpu device makes before lowering, one list for whole programs and build mode's kernels: barrier
/// regions are split in kernel bodies only, through structured control flow, so device functions that synchronize are
/// inlined, statements no control flow reaches are dropped (a collective after a <c>break</c> would split a region
/// there), and switches holding barriers become ifs.
/// </summary>
internal static class KernelPreparation
{
    public static CheckedModule Run(CheckedModule program) =>
        SynchronizingSwitches.Run(UnreachableStatements.Run(Inliner.InlineSynchronizingCalls(program)));
}
