using Translate.Ir.Verification;

namespace Translate.Runtime.Gpu;

/// <summary>
/// The calls of a GPU API the GPU devices make, one implementation per API: the CUDA driver API
/// (runtime/Cuda) and HIP's module API (runtime/Hip). Both launch with one pointer per kernel
/// parameter, so everything else — the mirroring of memory around a launch, the argument packing,
/// the stream and events — is <see cref="GpuKernelDispatcher"/>'s, once. A failing call throws the
/// API's exception naming the call, except the two that report a fault in the kernel.
/// </summary>
public interface IGpuDriver
{
    /// <summary>The device's name (<c>cuda</c>, <c>hip</c>), for diagnostics.</summary>
    string Device { get; }

    /// <summary>Makes the device current on the calling thread (both APIs keep it per thread).</summary>
    void MakeCurrent();

    /// <summary>Emits the program's code for this GPU and loads it; the module handle.</summary>
    nint LoadModule(CheckedModule program);
    void UnloadModule(nint module);
    nint Function(nint module, string name);

    /// <summary>The device address and size of a module global; null when the module has none by that name.</summary>
    (ulong Address, long Bytes)? Global(nint module, string symbol);

    /// <summary>Device memory of <paramref name="bytes"/> (at least one); its address.</summary>
    ulong Allocate(long bytes);
    void Free(ulong address);

    /// <summary>Copies to device memory (never called with nothing to copy).</summary>
    void CopyIn(ulong address, ReadOnlySpan<byte> source);

    /// <summary>Copies from device memory (never called with nothing to copy).</summary>
    void CopyOut(Span<byte> destination, ulong address);

    nint CreateStream();
    void DestroyStream(nint stream);
    nint CreateEvent();
    void DestroyEvent(nint @event);
    void RecordEvent(nint @event, nint stream);
    float ElapsedMilliseconds(nint start, nint end);

    /// <summary>
    /// Queues a launch with one pointer per parameter; 0, or the API's error code (not thrown: the program sees it).
    /// A cooperative launch has every block resident at once (the API refuses a grid too large for that), which the
    /// grid barrier the GPU backends compile needs.
    /// </summary>
    int Launch(nint function, int[] grid, int[] block, long dynamicSharedBytes, nint stream, nint[] parameters, bool cooperative);

    /// <summary>Waits for the stream; 0, or the API's error code for a fault in the kernel (not thrown).</summary>
    int Synchronize(nint stream);
}
