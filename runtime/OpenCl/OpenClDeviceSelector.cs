using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// Finds OpenCL devices by the names users give: <c>opencl</c> (the first device), <c>opencl:N</c> (the
/// N-th, counting every platform's devices from 0), <c>opencl:TEXT</c> (the first whose platform, vendor,
/// device name or version contains TEXT, e.g. <c>opencl:pocl</c>).
/// </summary>
public static class OpenClDeviceSelector
{
    /// <summary>Debian packages that provide the loader and the CPU driver used here.</summary>
    public const string InstallHint = "install ocl-icd-libopencl1 and pocl-opencl-icd";

    /// <summary>Every device of every platform, or why there are none.</summary>
    public static (IReadOnlyList<ClDevice> Devices, string? Reason) Discover()
    {
        try
        {
            var platforms = ClPlatform.All();
            if (platforms.Count == 0) return ([], $"no OpenCL platform is installed ({InstallHint})");
            var devices = platforms.SelectMany(p => p.Devices()).ToList();
            return devices.Count == 0 ? ([], "the OpenCL platforms report no devices") : (devices, null);
        }
        catch (DllNotFoundException)
        {
            return ([], $"libOpenCL.so.1 is not installed ({InstallHint})");
        }
        catch (EntryPointNotFoundException e)
        {
            return ([], $"libOpenCL.so.1 lacks an OpenCL 1.2 entry point: {e.Message}");
        }
        catch (OpenClException e)
        {
            return ([], e.Message);
        }
    }

    /// <summary>The device a name selects, or null with the reason.</summary>
    public static (ClDevice? Device, string? Reason) Select(string name)
    {
        if (!(name == "opencl" || name.StartsWith("opencl:", StringComparison.Ordinal)))
            return (null, $"'{name}' is not an OpenCL device name (opencl, opencl:N, opencl:NAME)");
        var (devices, reason) = Discover();
        if (reason is not null) return (null, reason);
        if (name == "opencl") return (devices[0], null);
        string which = name["opencl:".Length..];
        if (int.TryParse(which, out int index))
            return index >= 0 && index < devices.Count ? (devices[index], null) : (null, $"there are {devices.Count} OpenCL devices; {index} is out of range");
        var match = devices.FirstOrDefault(d => new[] { d.Platform.Name, d.Platform.Vendor, d.Name, d.Version, d.Vendor }
            .Any(s => s.Contains(which, StringComparison.OrdinalIgnoreCase)));
        return match is null ? (null, $"no OpenCL device matches '{which}'") : (match, null);
    }
}
