namespace Translate.Runtime.Devices;

/// <summary>
/// Every device Translate knows, by name, available or not (an unavailable one says why), so
/// <c>translate devices</c> can list them all and <c>--device NAME</c> can explain a refusal.
/// </summary>
public static class DeviceRegistry
{
    /// <summary>The device <c>run</c> uses when none is named.</summary>
    public const string DefaultName = "interp";

    /// <summary>All known devices, in the order they are listed.</summary>
    public static IReadOnlyList<IDevice> All { get; } =
    [
        new InterpDevice(),
        new CpuDevice(),
        new UnavailableDevice("opencl", "OpenCL C / SPIR-V on an OpenCL platform (e.g. PoCL)", "not built yet: the OpenCL backend is planned"),
        new CudaDevice(),
        new HipDevice(),
    ];

    /// <summary>The device called <paramref name="name"/> (case-insensitive), or null if none is.</summary>
    public static IDevice? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The default device.</summary>
    public static IDevice Default => Find(DefaultName)!;
}
