using System.Diagnostics;

namespace Translate.Tests.SpirV;

/// <summary>The two independent SPIR-V consumers the checks run: spirv-val (SPIRV-Tools) and llvm-spirv-15 (the Khronos LLVM translator).</summary>
internal static class SpirVTools
{
    public const string Validator = Backends.SpirV.SpirVValidator.Tool;
    public const string LlvmReader = "llvm-spirv-15";

    /// <summary>Null when the tool is on PATH, else why the check cannot run.</summary>
    public static string? Missing(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)))
            ? null : $"{tool} is not installed (Debian: {(tool == Validator ? "spirv-tools" : "llvm-spirv-15")})";

    /// <summary>spirv-val's complaint, or null when the module is valid (<see cref="Backends.SpirV.SpirVValidator"/>).</summary>
    public static string? Validate(byte[] binary) => Backends.SpirV.SpirVValidator.Validate(binary);

    /// <summary>llvm-spirv-15 -r: translates the module back to LLVM IR; null when it reads it without error.</summary>
    public static string? ReadBack(byte[] binary) => Run(binary, LlvmReader, f => ["-r", f, "-o", f + ".bc"]);

    /// <summary>spirv-dis's text (for failure messages).</summary>
    public static string Disassemble(byte[] binary) => Run(binary, "spirv-dis", f => [f], wantOutput: true) ?? "";

    private static string? Run(byte[] binary, string tool, Func<string, string[]> args, bool wantOutput = false)
    {
        var dir = Path.Combine(Path.GetTempPath(), "translate-spirv-tests");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".spv");
        File.WriteAllBytes(file, binary);
        try
        {
            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args(file)) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (wantOutput) return stdout.Result + stderr;
            return p.ExitCode == 0 ? null : $"{tool} exit {p.ExitCode}: {stderr}{stdout.Result}";
        }
        finally
        {
            File.Delete(file);
            if (File.Exists(file + ".bc")) File.Delete(file + ".bc");
        }
    }
}
