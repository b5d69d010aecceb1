using Translate.Cli.Build;
using Translate.Cli.Nvcc;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Frontend;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Commands;

/// <summary>
/// <c>translate nvcc …</c>: an nvcc-compatible driver for Makefiles, built on build mode. <c>-c</c> writes a
/// native object (host code compiled by clang, device code lifted and embedded); linking makes a native
/// executable against Translate's CUDA runtime, so <c>NVCC='translate nvcc'</c> builds a project unchanged.
/// </summary>
internal sealed class NvccCommand : Command
{
    public override string Name => "nvcc";
    public override string Synopsis => "nvcc [NVCC OPTIONS] FILE.cu|.cpp|.o... [-o OUT]";
    public override string Summary => "an nvcc-compatible compiler driver for build scripts (build mode)";
    public override (int Min, int Max) PositionalCount => (0, int.MaxValue);

    public override string Details => """
        Accepts nvcc's common flags so a Makefile can use NVCC='translate nvcc':
          -c                compile only: each FILE.cu (or .cpp) becomes a native object (OUT, default FILE.o)
                            with its device code lifted into the IR and embedded
          -o OUT            the output file (default a.out when linking)
          -I DIR, -D N[=V]  as nvcc (glued forms too)
          -O*, -g, -std=X, -Xcompiler A,B   passed to clang for host code
                            (-Xcompiler -fopenmp also links clang's OpenMP runtime)
          -lNAME, -L DIR, -Xlinker A        passed to the link
          -x cu, -G, -lineinfo, -arch/-gencode/--gpu-architecture, --use_fast_math, -Xptxas,
          -maxrregcount, --extended-lambda, --expt-relaxed-constexpr, -Xcudafe, -Xnvlink …
                            accepted and recorded, without effect (kernels are compiled at run time
                            for the device TRANSLATE_DEVICE selects)
          -v                echo each tool command (as nvcc does, after "#$ ") and list the flags ignored
          -MD, -MMD, -MT T, -MF F, -MP   dependency files, written by the host compilation
          --forward-unknown-to-host-compiler, --forward-unknown-to-host-linker
                            other options go to clang (host compilation; -Wl,… and with the second all of them to the link)
          --version         nvcc's version banner (CUDA 12.4), so build systems that check it accept this driver
          -rdc=true, -dc    relocatable device code: not supported (TR0604)

        Without -c, the inputs (.cu, .cpp, .c, and objects from 'translate nvcc -c') are linked into a
        native executable, as 'translate build' does.

        exit status: 0 done, 1 errors in the input (diagnostics on stderr), 2 usage error

        """;

    protected override int ParseAndExecute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            stdout.Write(Help);
            return ExitCodes.Success;
        }
        if (args.Any(a => a is "--version" or "-V"))
        {
            stdout.Write(NvccToolkit.Banner);
            return ExitCodes.Success;
        }
        var nvcc = NvccArguments.Parse(args);
        if (nvcc.Verbose && NvccToolkit.Root is { } toolkit)
            foreach (var line in NvccToolkit.VerboseEnvironment(toolkit)) stderr.WriteLine(line);
        return Execute(nvcc, stdout, stderr);
    }

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr) =>
        throw new InvalidOperationException("nvcc parses its own arguments");

    private static int Execute(NvccArguments nvcc, TextWriter stdout, TextWriter stderr)
    {
        if (nvcc.Inputs.Count == 0) throw new UsageException("no input files");
        if (nvcc.RelocatableDeviceCode)
            return Fail(stderr, Codes.RelocatableDeviceCode, nvcc.Inputs[0],
                "relocatable device code (-rdc=true / -dc) is not supported: each kernel must be defined in the file that is lifted with it");
        foreach (var input in nvcc.Inputs)
        {
            if (!Builder.IsSource(input) && !Builder.IsObject(input))
                throw new UsageException($"'{input}' is not a source (.cu .c .cpp …) or object (.o .a .so) file");
            if (!File.Exists(input)) return Fail(stderr, Codes.FileNotFound, input, $"'{input}' does not exist");
        }
        if (nvcc.Verbose && nvcc.Recorded.Count > 0)
            stderr.WriteLine("translate nvcc: note: ignored (GPU code is generated at run time for the device TRANSLATE_DEVICE selects): "
                + string.Join(", ", nvcc.Recorded));
        // nvcc defines __NVCC__ in host and device compilation alike (CMake identifies the compiler by it).
        var frontend = new FrontendOptions { IncludeDirectories = nvcc.Includes, Defines = ["__NVCC__", .. nvcc.Defines] };
        if (nvcc.Standard is not null) frontend = frontend with { LanguageStandard = nvcc.Standard };
        var options = new BuildOptions(frontend, nvcc.HostFlags, nvcc.LinkFlags, nvcc.Verbose) { EchoPrefix = "#$ ", Toolkit = NvccToolkit.Root };
        if (!nvcc.CompileOnly)
            return Builder.BuildExecutable(nvcc.Inputs, nvcc.Output ?? "a.out", options, stderr) ? ExitCodes.Success : ExitCodes.Failure;
        if (nvcc.Output is not null && nvcc.Inputs.Count > 1) throw new UsageException("-o with -c takes one input file");
        foreach (var input in nvcc.Inputs)
        {
            if (Builder.IsObject(input)) continue;
            string output = nvcc.Output ?? Path.ChangeExtension(Path.GetFileName(input), ".o");
            if (!Builder.CompileObject(input, output, options, stderr)) return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    private static int Fail(TextWriter stderr, DiagnosticCode code, string path, string message)
    {
        DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(code, path, message));
        return ExitCodes.Failure;
    }
}
