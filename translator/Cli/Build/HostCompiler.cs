using Translate.Cli.Output;
using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Ir.Printing;
using Translate.Runtime.BuildMode;

namespace Translate.Cli.Build;

/// <summary>
/// Compiles one input to a native object with clang 19. A .cu file is compiled twice over: its device
/// code is lifted into the IR (our frontend) and embedded as the "GPU binary"; its host code is compiled
/// by clang in CUDA host mode against our headers, which also emits the registration of every kernel
/// and device variable and the launch stubs. C and C++ files are compiled as they are.
/// </summary>
internal static class HostCompiler
{
    public static string? Clang => ToolRunner.Find("clang++-19", "clang++");

    /// <summary>Compiles <paramref name="input"/> into <paramref name="objectFile"/>; false when it failed (reported on <paramref name="stderr"/>).</summary>
    public static bool Compile(string input, string objectFile, BuildOptions options, TextWriter stderr)
    {
        var clang = Clang;
        if (clang is null)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilerMissing, input,
                "compiling host code needs clang-19 (Debian package clang-19; scripts/setup.sh installs it)"));
            return false;
        }
        if (CudaOptions.IsCuda(input)) return CompileCuda(clang, input, objectFile, options, stderr);
        var arguments = PlainArguments(input, options);
        arguments.AddRange(["-c", input, "-o", objectFile]);
        return Finish(ToolRunner.Run(clang, arguments, options.Verbose, stderr, options.EchoPrefix), input, stderr);
    }

    private static bool Finish(ToolRunner.Result result, string input, TextWriter stderr)
    {
        stderr.Write(result.Stderr);
        if (result.ExitCode == 0) return true;
        DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilationFailed, input, "the host compiler (clang-19) failed on this file"));
        return false;
    }

    /// <summary>
    /// A .cu file. Its host compilation starts at once and reads the device image from standard input, which clang does
    /// only when it generates code, after parsing and analysing the host side (most of its time): meanwhile the device
    /// code is lifted here, on the other core. When lifting fails, the early compilation is stopped; when lifting finds
    /// that the host side must see corrected text (<see cref="FrontendResult.CompatibilityArguments"/>), it is run again
    /// with them.
    /// </summary>
    private static bool CompileCuda(string clang, string input, string objectFile, BuildOptions options, TextWriter stderr)
    {
        // The device compilation runs in this process; echoed like nvcc's device steps, with the architecture device code is
        // compiled for (CMake reads the default CUDA architecture from "-arch compute_NN" in nvcc -v's output).
        if (options.Verbose)
            stderr.WriteLine($"{options.EchoPrefix}translate lift -arch {CudaFrontend.DeviceArchitecture.Replace("sm_", "compute_")} {input} (in process: device code into the IR, embedded as the GPU binary)");
        var host = ToolRunner.Start(clang, HostArguments(input, objectFile, options, []), options.Verbose, stderr, options.EchoPrefix, input: true);
        try
        {
            var lifted = CudaFrontend.Translate(input, options.Cuda with { DeviceOnly = true });
            // clang prints its own warnings when it compiles the host side; the lifter's findings are ours to print.
            DiagnosticPrinter.Print(stderr, lifted.Diagnostics.Where(d => d.Code != Codes.ClangWarning));
            if (!lifted.Success || lifted.Module is null) return false;
            var image = new DeviceImage(Path.GetFullPath(input), IrPrinter.Print(lifted.Module),
                lifted.LinkNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal)).ToBytes();
            if (lifted.CompatibilityArguments.Count > 0)
            {
                host.Kill();
                host.Dispose();
                host = ToolRunner.Start(clang, HostArguments(input, objectFile, options, lifted.CompatibilityArguments), options.Verbose, stderr,
                    options.EchoPrefix, input: true);
            }
            host.Feed(image);
            return Finish(host.Wait(), input, stderr);
        }
        finally
        {
            host.Kill(); // stops a compilation whose image never came (lifting failed or threw); a finished one stays as it is
            host.Dispose();
        }
    }

    /// <summary>clang's arguments for the host side of a .cu file, the device image read from standard input.</summary>
    private static List<string> HostArguments(string input, string objectFile, BuildOptions options, IReadOnlyList<string> compatibility)
    {
        var arguments = CudaFrontend.ClangArguments(input, options.Cuda).ToList();
        arguments.AddRange(compatibility); // the host side sees the text the device side was lifted from
        arguments.AddRange([
            // CUDA >= 9.2 launch sequence (__cudaPushCallConfiguration + cudaLaunchKernel), as our runtime implements it.
            "-Xclang", "-target-sdk-version=12.4",
            "-Xclang", "-fcuda-include-gpubinary", "-Xclang", "/dev/stdin",
            "-fPIE", "-O2",
        ]);
        arguments.AddRange(options.HostFlags);
        arguments.AddRange(["-c", input, "-o", objectFile]);
        return arguments;
    }

    private static List<string> PlainArguments(string input, BuildOptions options)
    {
        bool c = input.EndsWith(".c", StringComparison.Ordinal);
        var arguments = new List<string> { "-x", c ? "c" : "c++", c ? "-std=c17" : options.Cuda.ClangStandardFlag, "-fPIE", "-O2",
            "-isystem", options.Cuda.CudaIncludeDirectory ?? CudaFrontend.DefaultIncludeDirectory };
        arguments.AddRange(CudaFrontend.NvccWarnings); // GCC, nvcc's host compiler, warns where clang stops
        foreach (var i in options.Cuda.IncludeDirectories) arguments.AddRange(["-I", i]);
        foreach (var d in options.Cuda.Defines) arguments.Add("-D" + d);
        foreach (var f in options.Cuda.PreIncludes) arguments.AddRange(["-include", f]);
        arguments.AddRange(options.HostFlags);
        return arguments;
    }
}
