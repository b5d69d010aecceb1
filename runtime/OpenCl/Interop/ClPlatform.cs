namespace Translate.Runtime.OpenCl.Interop;

/// <summary>An OpenCL platform (one installed driver, e.g. PoCL) and its devices.</summary>
public sealed unsafe class ClPlatform
{
    internal nint Handle { get; }

    private ClPlatform(nint handle)
    {
        Handle = handle;
        Name = Info(ClConstants.PlatformName);
        Vendor = Info(ClConstants.PlatformVendor);
        Version = Info(ClConstants.PlatformVersion);
    }

    public string Name { get; }
    public string Vendor { get; }
    public string Version { get; }

    /// <summary>
    /// Every platform the ICD loader knows. Throws <see cref="DllNotFoundException"/> when
    /// <c>libOpenCL.so.1</c> is missing; returns an empty list when no driver is installed.
    /// </summary>
    public static IReadOnlyList<ClPlatform> All()
    {
        PoclSettings.Apply();
        uint count;
        int status = OpenClNative.clGetPlatformIDs(0, null, &count);
        if (status == ClStatus.PlatformNotFoundKhr || count == 0) return [];
        OpenClException.Check(status, "clGetPlatformIDs");
        var ids = new nint[count];
        fixed (nint* p = ids) OpenClException.Check(OpenClNative.clGetPlatformIDs(count, p, null), "clGetPlatformIDs");
        return ids.Select(id => new ClPlatform(id)).ToList();
    }

    /// <summary>The platform's devices of every type.</summary>
    public IReadOnlyList<ClDevice> Devices()
    {
        uint count;
        int status = OpenClNative.clGetDeviceIDs(Handle, ClConstants.DeviceTypeAll, 0, null, &count);
        if (status == ClStatus.DeviceNotFound) return [];
        OpenClException.Check(status, "clGetDeviceIDs");
        var ids = new nint[count];
        fixed (nint* p = ids) OpenClException.Check(OpenClNative.clGetDeviceIDs(Handle, ClConstants.DeviceTypeAll, count, p, null), "clGetDeviceIDs");
        return ids.Select(id => new ClDevice(id, this)).ToList();
    }

    private string Info(uint param) =>
        ClInfo.String((size, value, ret) => OpenClNative.clGetPlatformInfo(Handle, param, size, value, ret), "clGetPlatformInfo");
}
