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
        new OpenClDevice(),
        new CudaDevice(),
        new HipDevice(),
    ];

    /// <summary>
    /// The device called <paramref name="name"/> (case-insensitive), or null if none is. A
    /// <c>family:which</c> name (<c>opencl:1</c>, <c>opencl:pocl</c>) selects within a device family.
    /// </summary>
    public static IDevice? Find(string name)
    {
        var exact = All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null || name.IndexOf(':') is not (> 0 and var colon)) return exact;
        return All.FirstOrDefault(d => string.Equals(d.Name, name[..colon], StringComparison.OrdinalIgnoreCase)) is OpenClDevice family
            ? family.WithSelector("opencl" + name[colon..]) : null;
    }

    /// <summary>The default device.</summary>
    public static IDevice Default => Find(DefaultName)!;
}
