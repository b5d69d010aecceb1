using System.Diagnostics;

namespace Translate.Backends.SpirV;

/// <summary>
/// SPIRV-Tools' <c>spirv-val</c> on a module this backend wrote: the independent check the tests and the fuzzer run on
/// every SPIR-V output (the backend cannot execute SPIR-V on this machine's OpenCL device).
/// </summary>
public static class SpirVValidator
{
    public const string Tool = "spirv-val";

    /// <summary>Null when spirv-val is on PATH, else why the check cannot run.</summary>
    public static string? Missing =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, Tool)))
            ? null : $"{Tool} is not installed (Debian package spirv-tools)";

    /// <summary>
    /// spirv-val for OpenCL 2.1 (SPIR-V 1.0, the Kernel flavour); null when valid, else its complaint. spirv-val's
    /// OpenCL environments allow only core capabilities, so a module with 64-bit atomics (cl_khr_int64_base_atomics'
    /// Int64Atomics) is checked against plain SPIR-V 1.0 rules instead.
    /// </summary>
    public static string? Validate(byte[] binary)
    {
        var file = Path.Combine(Path.GetTempPath(), $"translate-spirv-val-{Guid.NewGuid():N}.spv");
        File.WriteAllBytes(file, binary);
        try
        {
            var psi = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--target-env", EnvironmentFor(binary), file }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : $"{Tool} exit {p.ExitCode}: {stderr}{stdout.Result}";
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The <c>--target-env</c> the module is checked against (see <see cref="Validate"/>).</summary>
    public static string EnvironmentFor(byte[] binary) =>
        SpirVText.Format(binary).Contains("OpCapability Int64Atomics", StringComparison.Ordinal) ? "spv1.0" : "opencl2.1";
}
