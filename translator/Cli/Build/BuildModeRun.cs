using System.Diagnostics;
using Translate.Backends.Cpu;
using Translate.Cli.Output;
using Translate.Frontend;
using Translate.Frontend.Lifting;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Build;

/// <summary>
/// <c>translate run FILE.cu</c> for programs whose host code is outside the liftable subset (classes,
/// the C++ standard library …): the program is built in build mode into a temporary folder and the
/// executable is run with the same arguments, its output passed through and its exit status returned.
/// </summary>
internal static class BuildModeRun
{
    /// <summary>
    /// Whether build mode can take a program the lifter refused: clang parsed it, every kernel and device
    /// function was lifted, and only host code was left out.
    /// </summary>
    public static bool Applies(FrontendResult lifted) =>
        !lifted.Success
        && !lifted.Diagnostics.Any(d => d.Code == Codes.ClangError || d.Code == Codes.FileNotFound || d.Code == Codes.ClangUnavailable)
        && HostCode.OnlyHostFailed(lifted.Functions)
        && HostCompiler.Clang is not null;

    /// <summary>Whether build mode can take a program when asked to (--verify): every kernel and device function lifted
    /// (a missing clang-19 is then reported by the build, not passed over).</summary>
    public static bool AppliesWhenAsked(FrontendResult lifted) => lifted.Success || Applies(lifted);

    /// <summary>Why the lifted path was not taken, in one line: the first host function left out and its reason.</summary>
    public static string Reason(FrontendResult lifted) => HostCode.WhyNotLifted(lifted.Functions);

    /// <summary>
    /// Builds <paramref name="source"/> into a temporary folder and runs it with its kernels on <paramref name="device"/>,
    /// compiled for cpu as <paramref name="options"/> say (--check: TRANSLATE_CHECK=1; --fp relaxed: TRANSLATE_FP=relaxed);
    /// with <paramref name="verify"/>, every launch is rerun on that device and compared (TRANSLATE_VERIFY).
    /// </summary>
    public static int Run(string source, FrontendOptions cuda, string device, CpuCompileOptions options, IReadOnlyList<string> arguments,
        bool verbose, TextWriter stdout, TextWriter stderr, string? verify = null)
    {
        foreach (var wanted in verify is null ? [device] : new[] { device, verify })
        {
            if (Runtime.BuildMode.BuildModeDevices.Supports(wanted)) continue;
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.BuildModeDevice, source,
                $"this program runs in build mode, whose executables run kernels on {Runtime.BuildMode.BuildModeDevices.Listed} so far (not '{wanted}')"));
            return ExitCodes.Failure;
        }
        var work = Directory.CreateTempSubdirectory("translate-run-");
        try
        {
            string exe = Path.Combine(work.FullName, Path.GetFileNameWithoutExtension(source));
            if (!Builder.BuildExecutable([source], exe, new BuildOptions(cuda, [], [], verbose), stderr)) return ExitCodes.Failure;
            return Execute(exe, source, device, options, verify, arguments, stdout, stderr);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static int Execute(string exe, string programName, string device, CpuCompileOptions options, string? verify,
        IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["TRANSLATE_DEVICE"] = device;
        if (verify is not null) start.Environment["TRANSLATE_VERIFY"] = verify;
        // The command's options decide, as TRANSLATE_DEVICE: not what translate's own environment may hold.
        start.Environment["TRANSLATE_CHECK"] = options.CheckMemory ? "1" : "0";
        start.Environment["TRANSLATE_FP"] = options.Float == FloatMode.Relaxed ? "relaxed" : "strict";
        using var process = Process.Start(start) ?? throw new IOException($"cannot start {programName}");
        var errors = Task.Run(() => Pump(process.StandardError, stderr));
        Pump(process.StandardOutput, stdout);
        errors.Wait();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Pump(StreamReader from, TextWriter to)
    {
        var buffer = new char[8192];
        int n;
        while ((n = from.Read(buffer, 0, buffer.Length)) > 0)
            lock (to) to.Write(buffer, 0, n);
        lock (to) to.Flush();
    }
}
