using System.Runtime.InteropServices;
using System.Text;
using Translate.DeviceContract;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>cuInit, versions, errors and devices: the devices of the runtime API (cudaDeviceProp's values).</summary>
internal static unsafe class DriverDevices
{
    [UnmanagedCallersOnly(EntryPoint = "cuInit")]
    public static int Init(uint flags)
    {
        if (flags != 0) return CudaDriverResults.InvalidValue;
        Initialized = true;
        return NativeRuntime.DeviceName is null ? CudaDriverResults.NoDevice : CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDriverGetVersion")]
    public static int DriverGetVersion(int* version)
    {
        if (version == null) return CudaDriverResults.InvalidValue;
        *version = CudaLimits.RuntimeVersion;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuGetErrorName")]
    public static int GetErrorName(int error, nint* name) => Describe(error, name, CudaDriverResults.Name(error));

    [UnmanagedCallersOnly(EntryPoint = "cuGetErrorString")]
    public static int GetErrorString(int error, nint* text) => Describe(error, text, CudaDriverResults.Text(error));

    private static int Describe(int error, nint* into, string? text)
    {
        if (into == null) return CudaDriverResults.InvalidValue;
        *into = text is null ? 0 : NativeStrings.Of(text);
        return text is null ? CudaDriverResults.InvalidValue : CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGetCount")]
    public static int DeviceGetCount(int* count)
    {
        if (!Initialized) return CudaDriverResults.NotInitialized;
        if (count == null) return CudaDriverResults.InvalidValue;
        *count = NativeRuntime.DeviceName is null ? 0 : DeviceOrdinals.Count;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGet")]
    public static int DeviceGet(int* device, int ordinal)
    {
        if (Ready() is var r and not 0) return r;
        if (device == null) return CudaDriverResults.InvalidValue;
        if (!IsDevice(ordinal)) return CudaDriverResults.InvalidDevice;
        *device = ordinal;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGetName")]
    public static int DeviceGetName(byte* name, int length, int device)
    {
        if (Ready() is var r and not 0) return r;
        if (name == null || length <= 0) return CudaDriverResults.InvalidValue;
        DeviceProperties p;
        delegate* unmanaged<DeviceProperties*, int, int> properties = &Devices.GetDeviceProperties;
        if (properties(&p, device) is var e and not 0) return Result(e);
        var bytes = Encoding.UTF8.GetBytes(Marshal.PtrToStringUTF8((nint)p.Name) ?? "");
        int n = Math.Min(bytes.Length, length - 1);
        bytes.AsSpan(0, n).CopyTo(new Span<byte>(name, n));
        name[n] = 0;
        return CudaDriverResults.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceGetAttribute")]
    public static int DeviceGetAttribute(int* value, int attribute, int device)
    {
        if (Ready() is var r and not 0) return r;
        delegate* unmanaged<int*, int, int, int> get = &Devices.DeviceGetAttribute;
        return Result(get(value, attribute, device));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceComputeCapability")]
    public static int DeviceComputeCapability(int* major, int* minor, int device)
    {
        if (Ready() is var r and not 0) return r;
        if (major == null || minor == null) return CudaDriverResults.InvalidValue;
        delegate* unmanaged<int*, int, int, int> get = &Devices.DeviceGetAttribute;
        if (get(major, 75, device) is var e and not 0) return Result(e);
        return Result(get(minor, 76, device));
    }

    [UnmanagedCallersOnly(EntryPoint = "cuDeviceTotalMem_v2")]
    public static int DeviceTotalMem(nuint* bytes, int device)
    {
        if (Ready() is var r and not 0) return r;
        if (bytes == null) return CudaDriverResults.InvalidValue;
        DeviceProperties p;
        delegate* unmanaged<DeviceProperties*, int, int> properties = &Devices.GetDeviceProperties;
        if (properties(&p, device) is var e and not 0) return Result(e);
        *bytes = p.TotalGlobalMem;
        return CudaDriverResults.Success;
    }
}
