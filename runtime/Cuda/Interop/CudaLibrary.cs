using System.Runtime.InteropServices;

namespace Translate.Runtime.Cuda.Interop;

/// <summary>
/// Which driver-API library the cuda device binds: the system's <c>libcuda.so.1</c>, or another implementation of the
/// driver API named by <see cref="Use"/> (our own runtime library is one: the tests run the cuda device's whole path
/// against it on machines without an NVIDIA GPU). One handle serves the imports and the calls bound by name.
/// </summary>
public static class CudaLibrary
{
    private static string _path = CudaNative.Library;
    private static readonly Lazy<nint> Loaded = new(() => NativeLibrary.TryLoad(_path, out var handle) ? handle : 0);

    /// <summary>Binds the driver API from <paramref name="path"/>; only before the first call into the driver.</summary>
    public static void Use(string path)
    {
        if (Loaded.IsValueCreated) throw new InvalidOperationException($"the CUDA driver library is bound already ({_path})");
        _path = path;
    }

    /// <summary>The library's handle (kept loaded), or 0 when it does not load here.</summary>
    public static nint Handle => Loaded.Value;
}
