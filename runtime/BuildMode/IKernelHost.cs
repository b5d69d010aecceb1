using Translate.Ir.Diagnostics;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// One embedded device image loaded on a device, as build-mode executables use it: kernels launched by
/// name with their arguments packed as CUDA lays them out, device variables reached through a
/// host-addressable address, and the first runtime error of a kernel.
/// </summary>
public interface IKernelHost : IDisposable
{
    /// <summary>The index of the kernel with IR name <paramref name="name"/>, or -1.</summary>
    int FindKernel(string name);

    /// <summary>A host-addressable address of the device (or constant) variable with IR name <paramref name="name"/>, or 0.</summary>
    nint GlobalAddress(string name);

    /// <summary>Offsets and sizes of a kernel's parameters in its packed argument record, and the record's size.</summary>
    (long[] Offsets, long[] Sizes, long Size) ArgumentLayout(int kernel);

    /// <summary>Bytes of static shared memory a block of kernel <paramref name="kernel"/> uses (CUDA's sharedSizeBytes).</summary>
    long StaticSharedBytes(int kernel);

    /// <summary>
    /// Runs a launch to completion: 0, a cudaError_t for an invalid configuration, or -1 when the kernel
    /// stopped with a runtime error (then <see cref="Error"/> says which). <paramref name="cooperative"/>:
    /// cudaLaunchCooperativeKernel, every block resident at once (cudaErrorCooperativeLaunchTooLarge beyond
    /// <see cref="DeviceContract.CudaLimits.FitsCooperativeLaunch"/>).
    /// </summary>
    int Launch(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments, bool cooperative = false);

    /// <summary>The first runtime error of a kernel run on this code, if any.</summary>
    Diagnostic? Error { get; }

    /// <summary>Runtime warnings met since the last call (TR0319 …), each the first time this code met it.</summary>
    IReadOnlyList<Diagnostic> TakeWarnings() => [];
}

/// <summary>The device allocation (start and size) that contains <paramref name="address"/>, or null.</summary>
public delegate (nint Start, long Size)? AllocationResolver(nint address);
