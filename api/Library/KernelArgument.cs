using System.Runtime.InteropServices;

namespace Translate.Api;

/// <summary>
/// A kernel argument given as its bytes: a struct parameter (a C# struct laid out as the C++ one, e.g. with
/// <c>[StructLayout(LayoutKind.Sequential)]</c>), a CUDA vector type (<c>float4</c> as four floats) or a
/// <c>__nv_bfloat16</c> as its <c>ushort</c> bits. The launch checks only that the size is the parameter's.
/// </summary>
public sealed class KernelArgument
{
    private KernelArgument(byte[] bytes, string typeName)
    {
        Bytes = bytes;
        TypeName = typeName;
    }

    internal byte[] Bytes { get; }

    internal string TypeName { get; }

    /// <summary>The bytes of <paramref name="value"/>.</summary>
    public static KernelArgument Of<T>(T value) where T : unmanaged =>
        new(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray(), typeof(T).Name);

    /// <summary>The bytes of <paramref name="values"/>, one after another (a vector type's lanes, a small array).</summary>
    public static KernelArgument Of<T>(params T[] values) where T : unmanaged =>
        new(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), $"{typeof(T).Name}[{values.Length}]");
}
