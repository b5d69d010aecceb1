using Translate.DeviceContract;
using Translate.Interpreter.BuildMode;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// Device code run by the reference interpreter for a build-mode executable (<c>TRANSLATE_DEVICE=interp</c>):
/// a memory, race-free-barrier and warp checker for any CUDA program, since the host code is native and
/// only the kernels are interpreted. Kernels reach the runtime's device allocations and mapped host memory
/// at their real addresses; anything else (host memory, freed blocks) stops the kernel with a located error.
/// </summary>
public sealed unsafe class InterpKernelHost(CheckedModule program, TextWriter stdout, AllocationResolver deviceReachable, Func<nint, bool> isMappedHost)
    : IKernelHost
{
    private readonly InterpretedDeviceCode _code = new(program, stdout,
        address => deviceReachable(address) is { } block ? new NativeBlock(block.Start, block.Size, isMappedHost(block.Start)) : null);
    private readonly Lock _gate = new();
    private KernelSharedSizes? _staticShared;

    public Diagnostic? Error { get; private set; }

    public int FindKernel(string name)
    {
        for (int k = 0; k < _code.Kernels.Count; k++)
            if (_code.Kernels[k].Name == name) return k;
        return -1;
    }

    public nint GlobalAddress(string name) => _code.GlobalAddress(name);

    public (long[] Offsets, long[] Sizes, long Size) ArgumentLayout(int kernel) => KernelArgumentLayout.Of(program, _code.Kernels[kernel]);

    public long StaticSharedBytes(int kernel) => (_staticShared ??= new(program, _code.Kernels)).Of(kernel);

    public int Launch(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments, bool cooperative = false)
    {
        var (offsets, _, _) = ArgumentLayout(kernel);
        lock (_gate)
        {
            try
            {
                int error = _code.Launch(kernel, [grid.X, grid.Y, grid.Z], [block.X, block.Y, block.Z], sharedBytes, (byte*)packedArguments, offsets, cooperative);
                return error == CudaErrorCodes.Success ? 0 : error;
            }
            catch (DiagnosticException e)
            {
                // Positions in the embedded IR text mean nothing to the user: the error is reported at its CUDA statement.
                var d = e.Diagnostics[0];
                Error ??= d with { Location = new Ir.Analysis.SourcePositions(program.Module).ToSource(d.Location) };
                return -1;
            }
        }
    }

    public void Dispose() => _code.Dispose();
}
