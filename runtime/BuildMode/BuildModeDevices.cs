namespace Translate.Runtime.BuildMode;

/// <summary>The devices a build-mode executable can run its kernels on (TRANSLATE_DEVICE): one list for the runtime and the CLI.</summary>
public static class BuildModeDevices
{
    /// <summary>The names, as messages list them.</summary>
    public const string Listed = "cpu, interp or opencl[:N|:NAME]";

    /// <summary>Whether <paramref name="device"/> names one of them (an opencl selector is checked when the executable opens it).</summary>
    public static bool Supports(string device) => device is "cpu" or "interp" || IsOpenCl(device);

    /// <summary>Whether <paramref name="device"/> names an OpenCL device: <c>opencl</c>, <c>opencl:N</c> or <c>opencl:NAME</c>.</summary>
    public static bool IsOpenCl(string device) => device == "opencl" || device.StartsWith("opencl:", StringComparison.Ordinal);
}
