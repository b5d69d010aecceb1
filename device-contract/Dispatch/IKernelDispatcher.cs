using Translate.Ir.Model;

namespace Translate.DeviceContract;

/// <summary>
/// The hook that lets another device run the kernels of a program whose host code the interpreter
/// runs (the interpreter calls it; the opencl, cuda and hip devices implement it). Without one (the <c>interp</c> device) the interpreter runs launches itself, thread by thread.
/// With one, every valid launch (CUDA's limits are checked first) is handed over, and device memory
/// lives in the interpreter's heap between launches: the dispatcher brings the allocations it needs to
/// its device and writes back what the kernel changed before returning (coherence at launch boundaries,
/// which CUDA's synchronous semantics allow for the default stream).
/// </summary>
public interface IKernelDispatcher
{
    /// <summary>
    /// Runs <paramref name="launch"/> to completion. Returns 0 or a CUDA error code (the interpreter
    /// records it as the last error). Errors that are the program's fault or the device's (build
    /// failures, unsupported constructs) are thrown as <see cref="Translate.Ir.Diagnostics.DiagnosticException"/>.
    /// </summary>
    int Launch(KernelLaunch launch, IDeviceMemory memory);
}

/// <summary>One launch, <c>Kernel&lt;&lt;&lt;Grid, Block, DynamicSharedBytes&gt;&gt;&gt;(Arguments)</c>.</summary>
/// <param name="Kernel">The kernel's IR definition.</param>
/// <param name="Grid">Blocks in x, y, z.</param>
/// <param name="Block">Threads per block in x, y, z.</param>
/// <param name="DynamicSharedBytes">Bytes of <c>extern __shared__</c> memory per block.</param>
/// <param name="Arguments">
/// One value per kernel parameter, as the interpreter's registers hold them: integers sign-extended
/// from their width, floats as their bit pattern, bools 0 or 1, pointers as heap pointers (resolve them
/// with <see cref="IDeviceMemory.Resolve"/>), and by-value aggregates as a pointer to their bytes
/// (read them with <see cref="IDeviceMemory.Read"/>).
/// </param>
/// <param name="Cooperative">
/// <c>cudaLaunchCooperativeKernel</c> (<c>launch-cooperative</c>): every block must be resident at once, so a
/// <c>(grid-sync)</c> can complete; a device that cannot promise it refuses the launch.
/// </param>
public sealed record KernelLaunch(FunctionDef Kernel, int[] Grid, int[] Block, long DynamicSharedBytes, IReadOnlyList<long> Arguments,
    bool Cooperative = false);

/// <summary>A block of device-reachable memory: its heap allocation id and its bytes (live: writes go to the heap).</summary>
public readonly record struct DeviceAllocation(int Id, byte[] Bytes);

/// <summary>The interpreter's memory as a kernel dispatcher sees it.</summary>
public interface IDeviceMemory
{
    /// <summary>
    /// Every live allocation a kernel may reach: cudaMalloc'd and managed memory and the
    /// <c>__device__</c>/<c>__constant__</c> globals.
    /// </summary>
    IReadOnlyList<DeviceAllocation> DeviceAllocations { get; }

    /// <summary>The allocation id and byte offset a pointer names; null for null or a freed or unknown allocation.</summary>
    (int Id, long Offset)? Resolve(long pointer);

    /// <summary>The address of global variable <paramref name="name"/> (0 when there is none).</summary>
    long GlobalAddress(string name);

    /// <summary><paramref name="size"/> bytes at <paramref name="pointer"/> (bounds-checked; any side).</summary>
    byte[] Read(long pointer, long size);
}
