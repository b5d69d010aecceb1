namespace Translate.Runtime.BuildMode;

/// <summary>The devices a build-mode executable can run its kernels on (TRANSLATE_DEVICE): one list for the runtime and the CLI.</summary>
public static class BuildModeDevices
{
    /// <summary>The names, as messages list them.</summary>
    public const string Listed = "cpu, interp or opencl[:N|:NAME]";

    /// <summary>Whether <paramref name="device"/> names one of them (an opencl selector is checked when the executable opens it).</summary>
    public static bool Supports(string device) =>
        device is "cpu" or "interp" or "opencl" || device.StartsWith("opencl:", StringComparison.Ordinal);
}
