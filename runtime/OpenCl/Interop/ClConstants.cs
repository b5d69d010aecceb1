namespace Translate.Runtime.OpenCl.Interop;

/// <summary>The numeric constants of <c>CL/cl.h</c> that the bindings use.</summary>
internal static class ClConstants
{
    public const ulong DeviceTypeAll = 0xFFFFFFFF;

    public const uint PlatformVersion = 0x0901, PlatformName = 0x0902, PlatformVendor = 0x0903;

    public const uint DeviceType = 0x1000, DeviceMaxComputeUnits = 0x1002, DeviceMaxWorkGroupSize = 0x1004,
        DeviceAddressBits = 0x100D, DeviceSingleFpConfig = 0x101B, DeviceGlobalMemSize = 0x101F, DeviceLocalMemSize = 0x1023,
        DeviceName = 0x102B, DeviceVendor = 0x102C, DriverVersion = 0x102D, DeviceVersion = 0x102F, DeviceExtensions = 0x1030,
        DeviceOpenClCVersion = 0x103D, DeviceIlVersion = 0x105B, DeviceHostUnifiedMemory = 0x1035;

    public const ulong DeviceTypeCpu = 1 << 1;

    public const ulong FpCorrectlyRoundedDivideSqrt = 1 << 7;

    public const ulong QueueProfilingEnable = 1 << 1;
    public const ulong MemReadWrite = 1 << 0;
    public const ulong MemUseHostPtr = 1 << 3;
    public const uint DeviceMemBaseAddrAlign = 0x1019;
    public const ulong MapRead = 1 << 0, MapWrite = 1 << 1;

    public const uint ProgramBinarySizes = 0x1165, ProgramBinaries = 0x1166;
    public const uint ProgramBuildStatus = 0x1181, ProgramBuildLog = 0x1183;

    public const uint ProfilingCommandQueued = 0x1280, ProfilingCommandSubmit = 0x1281,
        ProfilingCommandStart = 0x1282, ProfilingCommandEnd = 0x1283;
}
