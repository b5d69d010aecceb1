using System.Runtime.InteropServices;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>A live texture or surface object: its record in device memory and the descriptors it was made from.</summary>
internal sealed record TextureObject(nint Record, ResourceDesc Resource, TextureDesc Texture, ResourceViewDesc View, bool IsSurface);

/// <summary>
/// Texture and surface objects. Creating one checks the descriptors as CUDA does and writes a
/// <see cref="TextureRecord"/> into device memory; the handle is its address, which the fetch and surface
/// functions of our headers read on the device.
/// </summary>
internal static unsafe class TextureObjects
{
    private static readonly Dictionary<ulong, TextureObject> Live = [];

    private const uint ArrayLayered = 1, ArraySurfaceLoadStore = 2, ArrayCubemap = 4;
    private const int KindFloat = 2, FilterLinear = 1, ReadNormalizedFloat = 1;

    [UnmanagedCallersOnly(EntryPoint = "cudaCreateTextureObject")]
    public static int CreateTextureObject(ulong* handle, ResourceDesc* resource, TextureDesc* texture, ResourceViewDesc* view)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (handle == null || resource == null || texture == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Describe(*resource, surface: false, out var record) is var error and not 0) return NativeRuntime.Fail(error);
        var t = *texture;
        for (int d = 0; d < 3; d++)
            if (t.AddressMode[d] is < 0 or > 3) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (t.FilterMode is < 0 or > 1 || t.ReadMode is < 0 or > 1) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        // The normalized-float read mode is for 8- and 16-bit integers; linear filtering needs float results.
        if (t.ReadMode == ReadNormalizedFloat && (record.Kind == KindFloat || record.ChannelBytes == 4)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (t.FilterMode == FilterLinear && record.Kind != KindFloat && t.ReadMode != ReadNormalizedFloat) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        record.FilterMode = t.FilterMode;
        record.ReadMode = t.ReadMode;
        record.NormalizedCoords = t.NormalizedCoords != 0 ? 1 : 0;
        for (int d = 0; d < 3; d++) record.AddressMode[d] = t.AddressMode[d];
        for (int c = 0; c < 4; c++) record.BorderColor[c] = t.BorderColor[c];
        return Publish(handle, record, new TextureObject(0, *resource, t, view == null ? default : *view, IsSurface: false), "cudaCreateTextureObject");
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaCreateSurfaceObject")]
    public static int CreateSurfaceObject(ulong* handle, ResourceDesc* resource)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (handle == null || resource == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (resource->ResType != ResourceDesc.Array) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Describe(*resource, surface: true, out var record) is var error and not 0) return NativeRuntime.Fail(error);
        return Publish(handle, record, new TextureObject(0, *resource, default, default, IsSurface: true), "cudaCreateSurfaceObject");
    }

    private static int Publish(ulong* handle, TextureRecord record, TextureObject obj, string api)
    {
        nint at = NativeRuntime.Device.Allocate(sizeof(TextureRecord), api);
        if (at == 0) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        *(TextureRecord*)at = record;
        lock (Live) Live[(ulong)at] = obj with { Record = at };
        *handle = (ulong)at;
        return CudaErrorCodes.Success;
    }

    /// <summary>The record's resource fields for a resource descriptor, or the cudaError_t CUDA gives for it.</summary>
    private static int Describe(ResourceDesc resource, bool surface, out TextureRecord record)
    {
        record = default;
        ChannelFormatDesc format;
        switch (resource.ResType)
        {
            case ResourceDesc.Array:
                if (Arrays.Find(resource.Pointer) is not { } a) return CudaErrorCodes.InvalidResourceHandle;
                if (surface && (a.Flags & ArraySurfaceLoadStore) == 0) return CudaErrorCodes.InvalidValue;
                bool planes = (a.Flags & (ArrayLayered | ArrayCubemap)) != 0;
                format = a.Desc;
                record.Data = (ulong)a.Data;
                record.Width = (int)a.Width;
                record.Height = (int)a.Rows;
                record.Depth = planes ? 1 : (int)Math.Max(a.Depth, 1);
                record.Layers = planes ? (int)Math.Max(a.Depth, 1) : 1;
                record.Pitch = (ulong)a.RowBytes;
                record.Slice = (ulong)(a.RowBytes * a.Rows);
                break;
            case ResourceDesc.Linear or ResourceDesc.Pitch2D:
            {
                format = resource.Desc;
                int element = format.ElementBytes;
                if (element == 0) return CudaErrorCodes.InvalidChannelDescriptor;
                bool linear = resource.ResType == ResourceDesc.Linear;
                long width = linear ? (long)resource.SizeOrWidth / element : (long)resource.SizeOrWidth;
                long height = linear ? 1 : (long)resource.Height;
                long pitch = linear ? (long)resource.SizeOrWidth : (long)resource.PitchInBytes;
                if (width <= 0 || height <= 0 || pitch < width * element) return CudaErrorCodes.InvalidValue;
                if (!NativeRuntime.Device.Contains(resource.Pointer, pitch * (height - 1) + width * element)) return CudaErrorCodes.InvalidValue;
                record.Data = (ulong)resource.Pointer;
                record.Width = (int)Math.Min(width, int.MaxValue);
                record.Height = (int)height;
                record.Depth = record.Layers = 1;
                record.Pitch = (ulong)pitch;
                record.Slice = (ulong)(pitch * height);
                break;
            }
            default:
                // Mipmapped arrays cannot be made yet (cudaMallocMipmappedArray is not implemented), so no handle is valid.
                return resource.ResType == ResourceDesc.Mipmap ? CudaErrorCodes.InvalidResourceHandle : CudaErrorCodes.InvalidValue;
        }
        int bytes = format.ElementBytes;
        if (bytes == 0) return CudaErrorCodes.InvalidChannelDescriptor;
        record.Kind = format.Kind;
        record.ChannelBytes = format.X / 8;
        record.Channels = bytes / record.ChannelBytes;
        record.ElementBytes = bytes;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaDestroyTextureObject")]
    public static int DestroyTextureObject(ulong handle) => Destroy(handle, surface: false);

    [UnmanagedCallersOnly(EntryPoint = "cudaDestroySurfaceObject")]
    public static int DestroySurfaceObject(ulong handle) => Destroy(handle, surface: true);

    private static int Destroy(ulong handle, bool surface)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (handle == 0) return CudaErrorCodes.Success;
        TextureObject? o;
        lock (Live)
            if (!Live.TryGetValue(handle, out o) || o.IsSurface != surface || !Live.Remove(handle)) o = null;
        if (o is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        NativeRuntime.Device.Free(o.Record);
        return CudaErrorCodes.Success;
    }

    private static int Query(ulong handle, bool surface, out TextureObject? found)
    {
        found = null;
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        lock (Live)
            if (Live.TryGetValue(handle, out var o) && o.IsSurface == surface) found = o;
        return found is null ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue) : CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetTextureObjectResourceDesc")]
    public static int GetTextureObjectResourceDesc(ResourceDesc* desc, ulong handle)
    {
        if (Query(handle, surface: false, out var o) is var e and not 0) return e;
        if (desc == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *desc = o!.Resource;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetTextureObjectTextureDesc")]
    public static int GetTextureObjectTextureDesc(TextureDesc* desc, ulong handle)
    {
        if (Query(handle, surface: false, out var o) is var e and not 0) return e;
        if (desc == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *desc = o!.Texture;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetTextureObjectResourceViewDesc")]
    public static int GetTextureObjectResourceViewDesc(ResourceViewDesc* desc, ulong handle)
    {
        if (Query(handle, surface: false, out var o) is var e and not 0) return e;
        if (desc == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *desc = o!.View;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetSurfaceObjectResourceDesc")]
    public static int GetSurfaceObjectResourceDesc(ResourceDesc* desc, ulong handle)
    {
        if (Query(handle, surface: true, out var o) is var e and not 0) return e;
        if (desc == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *desc = o!.Resource;
        return CudaErrorCodes.Success;
    }
}
