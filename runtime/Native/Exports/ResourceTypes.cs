using System.Runtime.InteropServices;

namespace Translate.Runtime.Native.Exports;

// The C structs of arrays, textures and surfaces as our headers declare them (the build-mode tests
// compare their offsets with what clang computes for the headers, so this file is compiled there too).

/// <summary><c>struct cudaChannelFormatDesc</c>: bits per component and their kind.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ChannelFormatDesc
{
    public int X, Y, Z, W, Kind;

    /// <summary>Bytes per element, or 0 when the descriptor is not one CUDA accepts (components of 8, 16 or 32 bits, same size, x first).</summary>
    public readonly int ElementBytes
    {
        get
        {
            int[] bits = [X, Y, Z, W];
            if (Kind is < 0 or > 2 || X is not (8 or 16 or 32)) return 0;
            int count = 0;
            foreach (int b in bits)
                if (b == X) count++;
                else if (b != 0) return 0;
            return count is 1 or 2 or 4 ? count * X / 8 : 0;
        }
    }
}

/// <summary><c>struct cudaResourceDesc</c>: the resource type and the union of its four forms.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct ResourceDesc
{
    [FieldOffset(0)] public int ResType;
    /// <summary><c>res.array.array</c>, <c>res.mipmap.mipmap</c>, <c>res.linear.devPtr</c> or <c>res.pitch2D.devPtr</c>.</summary>
    [FieldOffset(8)] public nint Pointer;
    [FieldOffset(16)] public ChannelFormatDesc Desc;
    /// <summary><c>res.linear.sizeInBytes</c> or <c>res.pitch2D.width</c>.</summary>
    [FieldOffset(40)] public nuint SizeOrWidth;
    [FieldOffset(48)] public nuint Height;
    [FieldOffset(56)] public nuint PitchInBytes;

    public const int Array = 0, Mipmap = 1, Linear = 2, Pitch2D = 3;
}

/// <summary><c>struct cudaTextureDesc</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TextureDesc
{
    public fixed int AddressMode[3];
    public int FilterMode, ReadMode, SRgb;
    public fixed float BorderColor[4];
    public int NormalizedCoords;
    public uint MaxAnisotropy;
    public int MipmapFilterMode;
    public float MipmapLevelBias, MinMipmapLevelClamp, MaxMipmapLevelClamp;
    public int DisableTrilinearOptimization, SeamlessCubemap;
}

/// <summary><c>struct cudaResourceViewDesc</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ResourceViewDesc
{
    public int Format;
    public nuint Width, Height, Depth;
    public uint FirstMipmapLevel, LastMipmapLevel, FirstLayer, LastLayer;
}

/// <summary>
/// <c>struct __tr_resource</c> of texture_object_record.h: what device code reads through a texture or
/// surface handle (the handle is this record's device address).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TextureRecord
{
    public ulong Data, Pitch, Slice;
    public int Width, Height, Depth, Layers, Kind, Channels, ChannelBytes, ElementBytes, FilterMode, ReadMode, NormalizedCoords;
    public fixed int AddressMode[3];
    public fixed float BorderColor[4];
}
