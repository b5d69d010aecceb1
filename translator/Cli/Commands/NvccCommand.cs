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
          -rdc=true, -dc    relocatable device code: compiled file by file (-dc also means -c); a call of a device
                            function defined in another file does not lift (TR0407, with TR0604 saying why)
          -dlink            the device-link step: an empty object (device code is compiled at run time, per file)
          -ptx, -fatbin, -cubin   the device code of one FILE.cu alone, as PTX text from our PTX backend (OUT,
                            default FILE.ptx/.fatbin/.cubin), which the driver API's cuModuleLoadData loads

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
        if (nvcc.DeviceLink) return DeviceLink(nvcc, stderr);
        if (nvcc.DeviceOutput is { } kind) return DeviceCode(nvcc, kind, stdout, stderr);
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
        var frontend = new FrontendOptions { IncludeDirectories = nvcc.Includes, Defines = ["__NVCC__", .. nvcc.Defines], PreIncludes = nvcc.PreIncludes };
        if (nvcc.Standard is not null) frontend = frontend with { LanguageStandard = nvcc.Standard };
        var options = new BuildOptions(frontend, nvcc.HostFlags, nvcc.LinkFlags, nvcc.Verbose) { EchoPrefix = NvccToolkit.VerbosePrefix, Toolkit = NvccToolkit.Root };
        if (!nvcc.CompileOnly)
            return Builder.BuildExecutable(nvcc.Inputs, nvcc.Output ?? "a.out", options, stderr) ? ExitCodes.Success : RelocatableFailure(nvcc, stderr);
        if (nvcc.Output is not null && nvcc.Inputs.Count > 1) throw new UsageException("-o with -c takes one input file");
        foreach (var input in nvcc.Inputs)
        {
            if (Builder.IsObject(input)) continue;
            string output = nvcc.Output ?? Path.ChangeExtension(Path.GetFileName(input), ".o");
            if (!Builder.CompileObject(input, output, options, stderr)) return RelocatableFailure(nvcc, stderr);
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// Relocatable device code (<c>-rdc=true</c>, <c>-dc</c>) compiles as <c>-c</c> does: each file's device code is lifted
    /// with the file, which works for the many projects that ask for it (CMake's CUDA_SEPARABLE_COMPILATION) without calling
    /// device functions across files. A file that does call one fails to lift (its callee has no body, TR0407); then TR0604
    /// says why.
    /// </summary>
    /// <summary>-ptx/-fatbin/-cubin: 'translate compile --target ptx' of the one input.</summary>
    private static int DeviceCode(NvccArguments nvcc, string kind, TextWriter stdout, TextWriter stderr)
    {
        if (nvcc.Inputs.Count != 1 || !CudaOptions.IsCuda(nvcc.Inputs[0])) throw new UsageException($"-{kind} takes one .cu input file");
        string input = nvcc.Inputs[0];
        string output = nvcc.Output ?? Path.ChangeExtension(Path.GetFileName(input), "." + kind);
        var compile = new List<string> { "compile", input, "--target", "ptx", "-o", output };
        foreach (var dir in nvcc.Includes) compile.AddRange(["-I", dir]);
        foreach (var define in (string[])["__NVCC__", .. nvcc.Defines]) compile.AddRange(["-D", define]);
        foreach (var file in nvcc.PreIncludes) compile.AddRange(["--pre-include", file]);
        if (nvcc.Standard is not null) compile.Add("-std=" + nvcc.Standard);
        if (nvcc.Verbose) stderr.WriteLine($"{NvccToolkit.VerbosePrefix}translate {string.Join(' ', compile)}");
        return CommandLine.Run([.. compile], stdout, stderr);
    }

    private static int RelocatableFailure(NvccArguments nvcc, TextWriter stderr)
    {
        if (nvcc.RelocatableDeviceCode)
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.RelocatableDeviceCode, nvcc.Inputs[0],
                "relocatable device code (-rdc=true / -dc) is compiled file by file: device functions and variables defined in another file are not linked"));
        return ExitCodes.Failure;
    }

    /// <summary>
    /// <c>-dlink</c>: nvcc links the files' device code into one object here. Device code travels with each file's object and
    /// is compiled at run time, so there is nothing to link: the output is an empty object, which the host link takes as it is.
    /// </summary>
    private static int DeviceLink(NvccArguments nvcc, TextWriter stderr)
    {
        string output = nvcc.Output ?? "a_dlink.o";
        if (HostCompiler.Clang is not { } clang)
            return Fail(stderr, Codes.HostCompilerMissing, output, "the device-link object is made by clang-19 (Debian package clang-19; scripts/setup.sh installs it)");
        if (nvcc.Verbose) stderr.WriteLine("translate nvcc: note: -dlink: device code is linked at run time, per file; the device-link object is empty");
        var result = ToolRunner.Run(clang, ["-x", "c", "-c", "/dev/null", "-o", output], nvcc.Verbose, stderr, NvccToolkit.VerbosePrefix);
        stderr.Write(result.Stderr);
        return result.ExitCode == 0 ? ExitCodes.Success : Fail(stderr, Codes.OutputNotWritten, output, "the device-link object could not be written");
    }

    private static int Fail(TextWriter stderr, DiagnosticCode code, string path, string message)
    {
        DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(code, path, message));
        return ExitCodes.Failure;
    }
}
