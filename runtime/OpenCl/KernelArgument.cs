using System.Runtime.InteropServices;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>A grid or block size, as CUDA's dim3.</summary>
public readonly record struct Dim3(int X, int Y = 1, int Z = 1)
{
    public long Count => (long)X * Y * Z;
}

/// <summary>A kernel argument: a scalar by value, a device pointer (a buffer and a byte offset into it), or a null pointer.</summary>
public abstract record KernelArgument
{
    public static KernelArgument Int(int v) => new Value(BitConverter.GetBytes(v));
    public static KernelArgument Long(long v) => new Value(BitConverter.GetBytes(v));
    public static KernelArgument Float(float v) => new Value(BitConverter.GetBytes(v));
    public static KernelArgument Double(double v) => new Value(BitConverter.GetBytes(v));
    public static KernelArgument Bool(bool v) => new Value([v ? (byte)1 : (byte)0]);
    public static KernelArgument Bytes<T>(T v) where T : unmanaged => new Value(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in v)).ToArray());
    public static KernelArgument Pointer(ClBuffer buffer, long byteOffset = 0) => new Buffer(buffer, byteOffset);
    public static KernelArgument NullPointer { get; } = new Null();

    /// <summary>A by-value argument as its little-endian bytes.</summary>
    public sealed record Value(byte[] Bytes) : KernelArgument;

    /// <summary>A pointer into a device buffer.</summary>
    public sealed record Buffer(ClBuffer Target, long ByteOffset) : KernelArgument;

    /// <summary>A null pointer (CUDA programs pass one for a buffer a kernel does not use, or tests it).</summary>
    public sealed record Null : KernelArgument;

    /// <summary>
    /// A struct holding pointers: its bytes, each pointer replaced by its offset into the buffer it points into, and
    /// that buffer (or <see cref="Null"/>) by the pointer's byte offset in the struct (the kernel's StructPointer arguments).
    /// </summary>
    public sealed record Struct(byte[] Bytes, IReadOnlyDictionary<long, KernelArgument> Pointers) : KernelArgument;
}
