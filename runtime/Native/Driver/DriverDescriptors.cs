using System.Runtime.InteropServices;
using Translate.Runtime.Native.Exports;

namespace Translate.Runtime.Native.Driver;

// The driver API's descriptor structs as cuda.h declares them (HeaderLayoutTests compares their offsets with clang's),
// and their translation into the runtime API's, which the driver functions then call.

/// <summary><c>CUDA_ARRAY_DESCRIPTOR</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ArrayDescriptor
{
    public nuint Width, Height;
    public int Format;
    public uint NumChannels;
}

/// <summary><c>CUDA_ARRAY3D_DESCRIPTOR</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Array3DDescriptor
{
    public nuint Width, Height, Depth;
    public int Format;
    public uint NumChannels, Flags;
}

/// <summary>One side of a <c>CUDA_MEMCPY2D</c> or <c>CUDA_MEMCPY3D</c>: where the region starts and what it lies in.</summary>
internal readonly record struct CopySide(nuint XInBytes, nuint Y, nuint Z, int MemoryType, nint Host, nint Device, nint Array, nuint Pitch, nuint Height)
{
    public const int HostMemory = 1, DeviceMemory = 2, ArrayMemory = 3, Unified = 4;
}

/// <summary><c>CUDA_MEMCPY2D</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DriverMemcpy2D
{
    public nuint SrcXInBytes, SrcY;
    public int SrcMemoryType;
    public nint SrcHost, SrcDevice, SrcArray;
    public nuint SrcPitch;
    public nuint DstXInBytes, DstY;
    public int DstMemoryType;
    public nint DstHost, DstDevice, DstArray;
    public nuint DstPitch;
    public nuint WidthInBytes, Height;

    public readonly CopySide Source => new(SrcXInBytes, SrcY, 0, SrcMemoryType, SrcHost, SrcDevice, SrcArray, SrcPitch, 0);
    public readonly CopySide Destination => new(DstXInBytes, DstY, 0, DstMemoryType, DstHost, DstDevice, DstArray, DstPitch, 0);
}

/// <summary><c>CUDA_MEMCPY3D</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DriverMemcpy3D
{
    public nuint SrcXInBytes, SrcY, SrcZ, SrcLod;
    public int SrcMemoryType;
    public nint SrcHost, SrcDevice, SrcArray, Reserved0;
    public nuint SrcPitch, SrcHeight;
    public nuint DstXInBytes, DstY, DstZ, DstLod;
    public int DstMemoryType;
    public nint DstHost, DstDevice, DstArray, Reserved1;
    public nuint DstPitch, DstHeight;
    public nuint WidthInBytes, Height, Depth;

    public readonly CopySide Source => new(SrcXInBytes, SrcY, SrcZ, SrcMemoryType, SrcHost, SrcDevice, SrcArray, SrcPitch, SrcHeight);
    public readonly CopySide Destination => new(DstXInBytes, DstY, DstZ, DstMemoryType, DstHost, DstDevice, DstArray, DstPitch, DstHeight);
}

/// <summary><c>CUDA_RESOURCE_DESC</c>: the type, the union of its forms (128 bytes), flags.</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct DriverResourceDesc
{
    [FieldOffset(0)] public int ResType;
    /// <summary><c>res.array.hArray</c>, <c>res.mipmap.hMipmappedArray</c>, <c>res.linear.devPtr</c> or <c>res.pitch2D.devPtr</c>.</summary>
    [FieldOffset(8)] public nint Handle;
    [FieldOffset(16)] public int Format;
    [FieldOffset(20)] public uint NumChannels;
    /// <summary><c>res.linear.sizeInBytes</c> or <c>res.pitch2D.width</c>.</summary>
    [FieldOffset(24)] public nuint SizeOrWidth;
    [FieldOffset(32)] public nuint Height;
    [FieldOffset(40)] public nuint PitchInBytes;
    [FieldOffset(136)] public uint Flags;
}

/// <summary><c>CUDA_TEXTURE_DESC</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DriverTextureDesc
{
    public fixed int AddressMode[3];
    public int FilterMode;
    public uint Flags, MaxAnisotropy;
    public int MipmapFilterMode;
    public float MipmapLevelBias, MinMipmapLevelClamp, MaxMipmapLevelClamp;
    public fixed float BorderColor[4];
    public fixed int Reserved[12];

    public const uint ReadAsInteger = 0x01, NormalizedCoordinates = 0x02, SRgb = 0x10, DisableTrilinearOptimization = 0x20, SeamlessCubemap = 0x40;
}

/// <summary><c>CUDA_RESOURCE_VIEW_DESC</c>: <see cref="ResourceViewDesc"/>'s fields, then 16 reserved words.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DriverResourceViewDesc
{
    public ResourceViewDesc View;
    public fixed uint Reserved[16];
}

/// <summary>The driver's array formats (<c>CUarray_format</c>) as the runtime's channel descriptors, and back.</summary>
internal static class ArrayFormats
{
    private const int Signed = 0, Unsigned = 1, Float = 2;

    /// <summary>The channel descriptor of <paramref name="channels"/> channels of <paramref name="format"/>, or null when CUDA refuses the pair.</summary>
    public static ChannelFormatDesc? Channels(int format, uint channels)
    {
        if (channels is not (1 or 2 or 4)) return null;
        (int bits, int kind) = format switch
        {
            0x01 => (8, Unsigned), 0x02 => (16, Unsigned), 0x03 => (32, Unsigned),
            0x08 => (8, Signed), 0x09 => (16, Signed), 0x0a => (32, Signed),
            0x10 => (16, Float), 0x20 => (32, Float),
            _ => (0, 0),
        };
        if (bits == 0) return null;
        return new ChannelFormatDesc { X = bits, Y = channels > 1 ? bits : 0, Z = channels > 2 ? bits : 0, W = channels > 2 ? bits : 0, Kind = kind };
    }

    /// <summary>The <c>CUarray_format</c> and channel count of a channel descriptor the runtime accepted.</summary>
    public static (int Format, uint Channels) Of(ChannelFormatDesc desc)
    {
        int format = (desc.Kind, desc.X) switch
        {
            (Unsigned, 8) => 0x01, (Unsigned, 16) => 0x02, (Unsigned, 32) => 0x03,
            (Signed, 8) => 0x08, (Signed, 16) => 0x09, (Signed, 32) => 0x0a,
            (Float, 16) => 0x10, _ => 0x20,
        };
        return (format, (uint)(desc.ElementBytes / (desc.X / 8)));
    }

    /// <summary>Whether texels of this format read as floats in [0, 1] unless CU_TRSF_READ_AS_INTEGER asks otherwise.</summary>
    public static bool Promotes(ChannelFormatDesc desc) => desc.Kind != Float && desc.X is 8 or 16;
}
