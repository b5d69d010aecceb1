using System.Diagnostics;

namespace Translate.Fuzz.Differential;

/// <summary>
/// A generated CUDA program built as plain C++ (<c>-DORACLE</c>, see <see cref="Generation.Cuda.CudaProgramGenerator"/>)
/// by clang at <c>-O0</c> with contraction off (C++20 for <c>std::barrier</c>), and run: what C++ says the program prints, independent of our frontend.
/// </summary>
internal static class NativeOracle
{
    public const string Compiler = "clang++-19";

    public static string? Missing => File.Exists("/usr/bin/" + Compiler) ? null : $"{Compiler} is not installed (Debian package clang-19)";

    public static DeviceRun Run(string source, TimeSpan timeout)
    {
        string exe = Path.ChangeExtension(source, ".oracle");
        var build = Process(Compiler, ["-x", "c++", "-std=c++20", "-O0", "-ffp-contract=off", "-w", "-DORACLE", "-pthread", source, "-o", exe], timeout);
        if (build.Code != 0) return new DeviceRun("oracle", RunEnd.Diagnostic, "", build.Code, build.Stderr) { Code = "clang" };
        try
        {
            var run = Process(exe, [], timeout);
            return run.Code == -1
                ? new DeviceRun("oracle", RunEnd.Hang, "", 0, "no result in time") { Code = "hang" }
                : new DeviceRun("oracle", RunEnd.Completed, run.Stdout, run.Code, run.Stderr);
        }
        finally
        {
            File.Delete(exe);
        }
    }

    private static (int Code, string Stdout, string Stderr) Process(string file, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "", "");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
