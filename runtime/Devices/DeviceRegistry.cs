namespace Translate.Runtime.Devices;

/// <summary>
/// Every device Translate knows, by name, available or not (an unavailable one says why), so
/// <c>translate devices</c> can list them all and <c>--device NAME</c> can explain a refusal.
/// </summary>
public static class DeviceRegistry
{
    /// <summary>The device <c>run</c> uses when none is named: native code, the fast one.</summary>
    public const string DefaultName = "cpu";

    /// <summary>The device used instead of the default when that one cannot work here (no LLVM 19).</summary>
    public const string FallbackName = "interp";

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

    /// <summary>The default device, as listed (it may be unavailable here; see <see cref="Usable()"/>).</summary>
    public static IDevice Default => Find(DefaultName)!;

    /// <summary>
    /// The device to run on when none is named: the default, or the interpreter when the default is
    /// unavailable here, with a one-line note saying why (null when no fallback was needed).
    /// </summary>
    public static (IDevice Device, string? Note) Usable() => Usable(Default, Find(FallbackName)!);

    /// <summary><paramref name="preferred"/> when it is available here, else <paramref name="fallback"/> with the note.</summary>
    public static (IDevice Device, string? Note) Usable(IDevice preferred, IDevice fallback) =>
        preferred.UnavailableReason is { } why
            ? (fallback, $"note: running on '{fallback.Name}' because the default device '{preferred.Name}' is not available here: {why}")
            : (preferred, null);
}
