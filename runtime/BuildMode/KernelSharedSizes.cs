using Translate.Backends.Cpu.Abi;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Runtime.BuildMode;

/// <summary>Each kernel's static shared memory (<see cref="SharedMemoryLayout.KernelBytes"/>), computed once: every launch reads it
/// (the kernel hosts of build mode: this project's and runtime/Cpu's).</summary>
public sealed class KernelSharedSizes(CheckedModule program, IReadOnlyList<FunctionDef> kernels)
{
    private readonly long?[] _bytes = new long?[kernels.Count];

    /// <summary>The static shared bytes of kernel number <paramref name="kernel"/>.</summary>
    public long Of(int kernel) => _bytes[kernel] ??= SharedMemoryLayout.KernelBytes(program, kernels[kernel]);
}
