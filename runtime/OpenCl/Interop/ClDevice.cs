namespace Translate.Runtime.OpenCl.Interop;

/// <summary>One OpenCL device with the facts the backend and runtime need about it.</summary>
public sealed unsafe class ClDevice
{
    internal nint Handle { get; }

    internal ClDevice(nint handle, ClPlatform platform)
    {
        Handle = handle;
        Platform = platform;
        Name = Text(ClConstants.DeviceName);
        Vendor = Text(ClConstants.DeviceVendor);
        DriverVersion = Text(ClConstants.DriverVersion);
        Version = Text(ClConstants.DeviceVersion);
        OpenClCVersion = Text(ClConstants.DeviceOpenClCVersion);
        Extensions = Text(ClConstants.DeviceExtensions).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        MaxWorkGroupSize = (long)Scalar<nuint>(ClConstants.DeviceMaxWorkGroupSize);
        LocalMemorySize = (long)Scalar<ulong>(ClConstants.DeviceLocalMemSize);
        GlobalMemorySize = (long)Scalar<ulong>(ClConstants.DeviceGlobalMemSize);
        ComputeUnits = (int)Scalar<uint>(ClConstants.DeviceMaxComputeUnits);
        AddressBits = (int)Scalar<uint>(ClConstants.DeviceAddressBits);
        IlVersion = OptionalText(ClConstants.DeviceIlVersion);
        BaseAddressAlignment = Math.Max(1, (int)Scalar<uint>(ClConstants.DeviceMemBaseAddrAlign) / 8);
        SharesHostAddresses = (Scalar<ulong>(ClConstants.DeviceType) & ClConstants.DeviceTypeCpu) != 0 && Scalar<uint>(ClConstants.DeviceHostUnifiedMemory) != 0;
        CorrectlyRoundedDivideSqrt = (Scalar<ulong>(ClConstants.DeviceSingleFpConfig) & ClConstants.FpCorrectlyRoundedDivideSqrt) != 0;
    }

    public ClPlatform Platform { get; }
    public string Name { get; }
    public string Vendor { get; }
    public string DriverVersion { get; }
    /// <summary>E.g. <c>OpenCL 3.0 PoCL …</c>.</summary>
    public string Version { get; }
    /// <summary>E.g. <c>OpenCL C 1.2 PoCL</c>: the language version programs are compiled as.</summary>
    public string OpenClCVersion { get; }
    public IReadOnlySet<string> Extensions { get; }
    public long MaxWorkGroupSize { get; }
    public long LocalMemorySize { get; }
    public long GlobalMemorySize { get; }
    public int ComputeUnits { get; }
    public int AddressBits { get; }
    /// <summary>
    /// CL_DEVICE_IL_VERSION, e.g. <c>SPIR-V_1.2</c>: the intermediate languages the device ingests; empty when
    /// none (OpenCL 1.2 devices, and PoCL 3.1 here, which reports no IL).
    /// </summary>
    public string IlVersion { get; }
    /// <summary>True when the device takes SPIR-V through <c>clCreateProgramWithIL</c>.</summary>
    public bool AcceptsSpirv => IlVersion.Contains("SPIR-V", StringComparison.OrdinalIgnoreCase);
    /// <summary>True when <c>-cl-fp32-correctly-rounded-divide-sqrt</c> is honoured (CUDA's IEEE division and sqrt).</summary>
    public bool CorrectlyRoundedDivideSqrt { get; }
    /// <summary>
    /// True for a CPU device with host-unified memory (PoCL's): its kernels run on the host in this process,
    /// so a global pointer holding a host address reaches that memory.
    /// </summary>
    public bool SharesHostAddresses { get; }

    /// <summary>Bytes a buffer's memory must be aligned to (CL_DEVICE_MEM_BASE_ADDR_ALIGN is in bits): 128 on PoCL.</summary>
    public int BaseAddressAlignment { get; }

    public bool HasExtension(string name) => Extensions.Contains(name);

    public override string ToString() => $"{Name} ({Platform.Name}, {OpenClCVersion})";

    private string Text(uint param) =>
        ClInfo.String((size, value, ret) => OpenClNative.clGetDeviceInfo(Handle, param, size, value, ret), "clGetDeviceInfo");

    /// <summary>A string query that pre-2.1 devices may reject (CL_INVALID_VALUE): empty then.</summary>
    private string OptionalText(uint param)
    {
        try { return Text(param); }
        catch (OpenClException) { return ""; }
    }

    private T Scalar<T>(uint param) where T : unmanaged =>
        ClInfo.Scalar<T>((size, value, ret) => OpenClNative.clGetDeviceInfo(Handle, param, size, value, ret), "clGetDeviceInfo");
}
