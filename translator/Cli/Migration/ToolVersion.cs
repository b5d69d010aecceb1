using System.Reflection;
using Translate.Backends.Cpu;
using Translate.Backends.OpenCl;
using Translate.Frontend;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Migration;

/// <summary>
/// What identifies the translator that made an output, for the incremental key: the version plus the
/// module ids of the assemblies that shape outputs. Builds are deterministic, so the ids change exactly
/// when their sources do — a rebuilt frontend or backend redoes every file. Our CUDA headers are files
/// beside the assembly, not in it, so their contents are part of the version too.
/// </summary>
internal static class ToolVersion
{
    public static string Current { get; } = Compute();

    private static string Compute()
    {
        var assemblies = new[] { typeof(ToolVersion), typeof(CudaFrontend), typeof(Diagnostic), typeof(CpuCompiler), typeof(OpenClEmitter) }
            .Select(t => t.Assembly);
        string version = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return version + "+" + string.Join(".", assemblies.Select(a => a.ManifestModule.ModuleVersionId.ToString("N")[..8]))
            + "+" + CudaHeaders(CudaFrontend.DefaultIncludeDirectory);
    }

    private static string CudaHeaders(string directory)
    {
        if (!Directory.Exists(directory)) return "no-cuda-include";
        var hashes = new ContentHashes();
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        string all = string.Join("\0", files.Select(f => Path.GetRelativePath(directory, f) + "=" + hashes.Of(f)));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(all)))[..8];
    }

    /// <summary>The version shown in reports.</summary>
    public static string Display => typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
