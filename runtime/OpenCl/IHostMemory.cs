namespace Translate.Runtime.OpenCl;

/// <summary>
/// The memory a kernel's pointers point into, where it lives on the host side between launches: the
/// interpreter's heap (the opencl device) or the build-mode runtime's native allocations.
/// <see cref="MirroredLauncher"/> makes OpenCL buffers over it where the device shares the host's memory, else
/// mirrors it in buffers around each launch.
/// </summary>
public interface IHostMemory
{
    /// <summary>
    /// The allocation <paramref name="pointer"/> points into: a key naming it while it lives, the byte
    /// offset, and whether a kernel may reach it (device memory, not host memory); null for a null
    /// pointer or one into no allocation.
    /// </summary>
    HostBlock? Resolve(long pointer);

    /// <summary>The size in bytes of the allocation <paramref name="key"/> names.</summary>
    long Size(long key);

    /// <summary>The live bytes of the allocation <paramref name="key"/> names (writes go to the host side); only for
    /// allocations of at most <see cref="int.MaxValue"/> bytes (a span's limit).</summary>
    Span<byte> Bytes(long key);

    /// <summary>
    /// Where the allocation's bytes are when they stay put while it lives (native memory), so an OpenCL buffer may be made
    /// over them; 0 when they may move (the interpreter's managed arrays).
    /// </summary>
    nint Address(long key);
}

/// <summary>Where a pointer points: its allocation's key, the offset into it, and whether kernels may reach it.</summary>
public readonly record struct HostBlock(long Key, long Offset, bool DeviceReachable);
