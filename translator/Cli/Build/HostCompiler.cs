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
    public static bool Compile(string input, string objectFile, string workDirectory, BuildOptions options, TextWriter stderr)
    {
        var clang = Clang;
        if (clang is null)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilerMissing, input,
                "compiling host code needs clang-19 (Debian package clang-19; scripts/setup.sh installs it)"));
            return false;
        }
        var arguments = CudaOptions.IsCuda(input)
            ? CudaArguments(input, workDirectory, options, stderr)
            : PlainArguments(input, options);
        if (arguments is null) return false;
        arguments.AddRange(["-c", input, "-o", objectFile]);
        var result = ToolRunner.Run(clang, arguments, options.Verbose, stderr, options.EchoPrefix);
        stderr.Write(result.Stderr);
        if (result.ExitCode == 0) return true;
        DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilationFailed, input, "the host compiler (clang-19) failed on this file"));
        return false;
    }

    /// <summary>Lifts the device code, writes the image, and returns clang's arguments for the host side.</summary>
    private static List<string>? CudaArguments(string input, string workDirectory, BuildOptions options, TextWriter stderr)
    {
        var cuda = options.Cuda with { DeviceOnly = true };
        // The device compilation runs in this process; echoed like nvcc's device steps, with the architecture device code is
        // compiled for (CMake reads the default CUDA architecture from "-arch compute_NN" in nvcc -v's output).
        if (options.Verbose)
            stderr.WriteLine($"{options.EchoPrefix}translate lift -arch {CudaFrontend.DeviceArchitecture.Replace("sm_", "compute_")} {input} (in process: device code into the IR, embedded as the GPU binary)");
        var lifted = CudaFrontend.Translate(input, cuda);
        // clang prints its own warnings when it compiles the host side; the lifter's findings are ours to print.
        DiagnosticPrinter.Print(stderr, lifted.Diagnostics.Where(d => d.Code != Codes.ClangWarning));
        if (!lifted.Success || lifted.Module is null) return null;
        var image = new DeviceImage(Path.GetFullPath(input), IrPrinter.Print(lifted.Module),
            lifted.LinkNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal));
        var imagePath = Path.Combine(workDirectory, Path.GetFileName(input) + "." + Guid.NewGuid().ToString("N")[..8] + ".image");
        File.WriteAllBytes(imagePath, image.ToBytes());
        var arguments = CudaFrontend.ClangArguments(input, options.Cuda).ToList();
        arguments.AddRange(lifted.CompatibilityArguments); // the host side sees the text the device side was lifted from
        arguments.AddRange([
            // CUDA >= 9.2 launch sequence (__cudaPushCallConfiguration + cudaLaunchKernel), as our runtime implements it.
            "-Xclang", "-target-sdk-version=12.4",
            "-Xclang", "-fcuda-include-gpubinary", "-Xclang", imagePath,
            "-fPIE", "-O2",
        ]);
        arguments.AddRange(options.HostFlags);
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
        arguments.AddRange(options.HostFlags);
        return arguments;
    }
}
