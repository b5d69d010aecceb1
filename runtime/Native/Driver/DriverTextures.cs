using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// Texture and surface objects through the driver API: the runtime's objects (a CUtexObject is a cudaTextureObject_t,
/// so kernels fetch through either alike), made from the driver's descriptors. Its read mode is a flag: without
/// CU_TRSF_READ_AS_INTEGER, 8- and 16-bit integer texels read as normalized floats.
/// </summary>
internal static unsafe class DriverTextures
{
    private const int ElementType = 0, NormalizedFloat = 1;

    [UnmanagedCallersOnly(EntryPoint = "cuTexObjectCreate")]
    public static int TexObjectCreate(ulong* texture, DriverResourceDesc* resource, DriverTextureDesc* description, DriverResourceViewDesc* view)
    {
        if (Ready() is var r and not 0) return r;
        if (texture == null || resource == null || description == null) return CudaDriverResults.InvalidValue;
        if (Resource(*resource) is not { } res) return CudaDriverResults.InvalidValue;
        var d = *description;
        var t = new TextureDesc
        {
            FilterMode = d.FilterMode,
            ReadMode = (d.Flags & DriverTextureDesc.ReadAsInteger) == 0 && ArrayFormats.Promotes(Format(res)) ? NormalizedFloat : ElementType,
            SRgb = (d.Flags & DriverTextureDesc.SRgb) != 0 ? 1 : 0,
            NormalizedCoords = (d.Flags & DriverTextureDesc.NormalizedCoordinates) != 0 ? 1 : 0,
            MaxAnisotropy = d.MaxAnisotropy,
            MipmapFilterMode = d.MipmapFilterMode,
            MipmapLevelBias = d.MipmapLevelBias,
            MinMipmapLevelClamp = d.MinMipmapLevelClamp,
            MaxMipmapLevelClamp = d.MaxMipmapLevelClamp,
            DisableTrilinearOptimization = (d.Flags & DriverTextureDesc.DisableTrilinearOptimization) != 0 ? 1 : 0,
            SeamlessCubemap = (d.Flags & DriverTextureDesc.SeamlessCubemap) != 0 ? 1 : 0,
        };
        for (int k = 0; k < 3; k++) t.AddressMode[k] = d.AddressMode[k];
        for (int k = 0; k < 4; k++) t.BorderColor[k] = d.BorderColor[k];
        ResourceViewDesc v = view == null ? default : view->View;
        delegate* unmanaged<ulong*, ResourceDesc*, TextureDesc*, ResourceViewDesc*, int> create = &TextureObjects.CreateTextureObject;
        return Result(create(texture, &res, &t, view == null ? null : &v));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuTexObjectDestroy")]
    public static int TexObjectDestroy(ulong texture)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<ulong, int> destroy = &TextureObjects.DestroyTextureObject;
        return Result(destroy(texture));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuTexObjectGetResourceDesc")]
    public static int TexObjectGetResourceDesc(DriverResourceDesc* resource, ulong texture)
    {
        if (Ready() is var r and not 0) return r;
        if (resource == null) return CudaDriverResults.InvalidValue;
        ResourceDesc res;
        delegate* unmanaged<ResourceDesc*, ulong, int> get = &TextureObjects.GetTextureObjectResourceDesc;
        if (get(&res, texture) is var e and not 0) return Result(e);
        *resource = Driver(res);
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuSurfObjectCreate")]
    public static int SurfObjectCreate(ulong* surface, DriverResourceDesc* resource)
    {
        if (Ready() is var r and not 0) return r;
        if (surface == null || resource == null) return CudaDriverResults.InvalidValue;
        if (Resource(*resource) is not { } res) return CudaDriverResults.InvalidValue;
        delegate* unmanaged<ulong*, ResourceDesc*, int> create = &TextureObjects.CreateSurfaceObject;
        return Result(create(surface, &res));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuSurfObjectDestroy")]
    public static int SurfObjectDestroy(ulong surface)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<ulong, int> destroy = &TextureObjects.DestroySurfaceObject;
        return Result(destroy(surface));
    }

    /// <summary>The runtime's descriptor of a driver resource, or null when its format or flags are not ones CUDA accepts.</summary>
    private static ResourceDesc? Resource(DriverResourceDesc d)
    {
        if (d.Flags != 0) return null;
        var res = new ResourceDesc { ResType = d.ResType, Pointer = d.Handle };
        switch (d.ResType)
        {
            case ResourceDesc.Linear or ResourceDesc.Pitch2D:
                if (ArrayFormats.Channels(d.Format, d.NumChannels) is not { } desc) return null;
                res.Desc = desc;
                res.SizeOrWidth = d.SizeOrWidth;
                if (d.ResType == ResourceDesc.Pitch2D) (res.Height, res.PitchInBytes) = (d.Height, d.PitchInBytes);
                break;
        }
        return res;
    }

    /// <summary>The driver's descriptor of a runtime resource.</summary>
    private static DriverResourceDesc Driver(ResourceDesc res)
    {
        var d = new DriverResourceDesc { ResType = res.ResType, Handle = res.Pointer };
        if (res.ResType is ResourceDesc.Linear or ResourceDesc.Pitch2D)
        {
            (d.Format, d.NumChannels) = ArrayFormats.Of(res.Desc);
            d.SizeOrWidth = res.SizeOrWidth;
            if (res.ResType == ResourceDesc.Pitch2D) (d.Height, d.PitchInBytes) = (res.Height, res.PitchInBytes);
        }
        return d;
    }

    /// <summary>The texels' format: an array's own, or the one a linear or pitched resource names.</summary>
    private static ChannelFormatDesc Format(ResourceDesc res) =>
        res.ResType == ResourceDesc.Array && Arrays.Find(res.Pointer) is { } a ? a.Desc : res.Desc;
}
