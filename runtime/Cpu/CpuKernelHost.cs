using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Execution;
using Translate.Backends.Cpu;
using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;
using Translate.Runtime.BuildMode;

namespace Translate.Runtime.Cpu;

/// <summary>
/// Device code only, compiled for the cpu device and ready to launch: what a build-mode executable's
/// runtime holds per embedded device image. Host code is native (compiled by clang), so kernels are
/// launched by name with their arguments packed as CUDA lays them out, and device variables are
/// reached through their addresses.
/// </summary>
public sealed unsafe class CpuKernelHost : IKernelHost
{
    private readonly CpuSession _session;

    /// <summary>
    /// Compiles the device variables at once; each kernel at its first launch per block shape. With
    /// <paramref name="checkedMemory"/> (and <see cref="CpuCompileOptions.CheckMemory"/>) every access into
    /// that memory is checked, as <c>translate run --check</c> does.
    /// </summary>
    public CpuKernelHost(CheckedModule deviceCode, TextWriter stdout, string? cacheDirectory,
        CpuCompileOptions? options = null, CheckedDeviceMemory? checkedMemory = null)
    {
        _session = CpuSession.Start(deviceCode, stdout, cacheDirectory, options ?? CpuCompileOptions.Default, checkedMemory);
    }

    private CpuProgram Program => _session.Program;

    /// <summary>The index of the kernel with IR name <paramref name="name"/>, or -1.</summary>
    public int FindKernel(string name) => Program.IndexOfKernel(name);

    /// <summary>Where the device (or constant) variable with IR name <paramref name="name"/> lives, or 0.</summary>
    public nint GlobalAddress(string name)
    {
        if (!Program.Program.Module.Globals.Any(g => g.Name == name)) return 0;
        return Program.Lookup(CpuAbi.GlobalSymbol(name));
    }

    public long StaticSharedBytes(int kernel) => (_staticShared ??= new(Program.Program, Program.Kernels)).Of(kernel);
    private KernelSharedSizes? _staticShared;

    public (long[] Offsets, long[] Sizes, long Size) ArgumentLayout(int kernel) => KernelArgumentLayout.Of(Program.Program, Program.Kernels[kernel]);

    /// <summary>
    /// Runs a launch to completion. Returns 0, a cudaError_t for an invalid configuration, or -1 when the
    /// kernel stopped with a runtime error (then <see cref="Error"/> says which, with its location).
    /// </summary>
    public int Launch(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments,
        bool cooperative = false)
    {
        try
        {
            // The runtime checked the kernel's own shared-memory limit (opt-in included); the device's ceiling is left.
            return CpuLauncher.Launch(_session, kernel, grid, block, sharedBytes, packedArguments, cooperative, CudaLimits.SharedBytesPerBlockOptin);
        }
        catch (DiagnosticException e)
        {
            _session.Fail(e.Diagnostics[0]);
            return -1;
        }
    }

    /// <summary>The first runtime error of a kernel run on this device code, if any.</summary>
    public Diagnostic? Error => _session.Error;

    public IReadOnlyList<Diagnostic> TakeWarnings() => _session.TakeWarnings();

    public void Dispose() => _session.Dispose();
}
