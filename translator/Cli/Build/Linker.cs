using Translate.Cli.Output;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Build;

/// <summary>
/// Links objects into an executable with clang 19 against the CUDA runtime library, with an rpath to the
/// library's folder so the executable runs from any working directory. The executable is written to a
/// temporary name and renamed, so a failed link never leaves a broken or half-written file behind.
/// </summary>
internal static class Linker
{
    /// <summary>Links <paramref name="objects"/> into <paramref name="output"/>; <paramref name="runtime"/> is the runtime library
    /// being located since the build began (<see cref="RuntimeLibrary.StartLocating"/>), or null to locate it now.</summary>
    public static bool Link(IReadOnlyList<string> objects, string output, BuildOptions options, TextWriter stderr, Task<RuntimeLibrary.Located>? runtime = null)
    {
        var clang = HostCompiler.Clang;
        if (clang is null)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilerMissing, output,
                "linking needs clang-19 (Debian package clang-19; scripts/setup.sh installs it)"));
            return false;
        }
        var (library, problem, log) = (runtime ?? RuntimeLibrary.StartLocating(options.Verbose)).Result;
        stderr.Write(log);
        if (library is null)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.RuntimeLibraryMissing, output, problem!));
            return false;
        }
        var libraryDirectory = Path.GetDirectoryName(library)!;
        try
        {
            AtomicFile.Write(output, temp =>
            {
                // Through a CUDA toolkit layout, the library is its libcudart (a linker script naming ours by its full path).
                List<string> runtime = options.Toolkit is { } toolkit
                    ? ["-L" + Nvcc.NvccToolkit.LibraryDirectory(toolkit), "-lcudart"]
                    : ["-L", libraryDirectory, "-l:" + RuntimeLibrary.FileName, "-Wl,-rpath," + libraryDirectory];
                var arguments = new List<string>(objects) { "-o", temp };
                if (FastLinker(clang) is { } linker) arguments.Add("-fuse-ld=" + linker); // a flag of the user's given later wins
                arguments.AddRange(runtime);
                arguments.Add("-lm");
                arguments.AddRange(options.LinkFlags.Where(flag => !ProvidedByRuntime.Contains(flag)));
                var result = ToolRunner.Run(clang, arguments, options.Verbose, stderr, options.EchoPrefix);
                stderr.Write(result.Stderr);
                if (result.ExitCode != 0) throw new LinkFailed();
            });
            return true;
        }
        catch (LinkFailed)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilationFailed, output, "linking failed"));
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.OutputNotWritten, output, $"cannot be written: {e.Message}"));
            return false;
        }
    }

    /// <summary>
    /// The quickest linker to start that is installed, for the driver's <c>-fuse-ld</c>: GNU gold (binutils), else LLVM's
    /// lld beside <paramref name="clang"/> (Debian's lld-19, which scripts/setup.sh installs), else null (GNU ld). A
    /// build links a few small objects against our runtime library, so start-up is most of a link: a sample links in
    /// 0.13 s with gold, 0.17 s with lld (it loads libLLVM) and 0.21 s with GNU ld, through the same driver.
    /// </summary>
    private static string? FastLinker(string clang)
    {
        if (ToolRunner.Find("ld.gold") is not null) return "gold";
        var real = new FileInfo(clang).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? clang;
        return File.Exists(Path.Combine(Path.GetDirectoryName(real)!, "ld.lld")) ? "lld" : null;
    }

    /// <summary>
    /// CUDA toolkit libraries whose part we implement lives in our runtime library (linked above) or in
    /// our headers (NVTX is header-only), so a Makefile's <c>-lcudart</c> must not send the linker looking
    /// for NVIDIA's file. <c>-lcuda</c> too: a program that calls the driver API still fails at the link,
    /// naming the undefined function, while one that merely links it (most CMake and Make files) builds.
    /// </summary>
    internal static readonly IReadOnlySet<string> ProvidedByRuntime = new HashSet<string>(StringComparer.Ordinal)
    {
        "-lcudart", "-lcudart_static", "-lcudadevrt", "-lcuda", "-lnvToolsExt", "-lnvtx3interop",
    };

    private sealed class LinkFailed : Exception;
}
