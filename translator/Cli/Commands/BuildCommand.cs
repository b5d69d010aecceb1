using Translate.Cli.Build;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Commands;

/// <summary>
/// <c>translate build FILE.cu [more .cu/.cpp/.c/.o] [-I DIR] [-D N] [-o EXE]</c>: build mode. Device code
/// is lifted into the IR and embedded; host code, whatever C++ it uses, is compiled by clang 19; the
/// executable links against Translate's CUDA runtime and runs its kernels on TRANSLATE_DEVICE.
/// </summary>
internal sealed class BuildCommand : Command
{
    private static readonly OptionSpec Output = new("output", "o", "EXE");
    private static readonly OptionSpec Verbose = new("verbose", "v");
    private static readonly OptionSpec HostFlag = new("host-flag", "X", "FLAG", Repeatable: true);
    private static readonly OptionSpec Library = new("library", "l", "NAME", Repeatable: true);
    private static readonly OptionSpec LibraryPath = new("library-path", "L", "DIR", Repeatable: true);

    public override string Name => "build";
    public override string Synopsis => "build FILE.cu [FILE.cu|.cpp|.c|.o ...] [-o EXE] [-I DIR] [-D NAME[=VAL]]";
    public override string Summary => "build a native executable from CUDA sources whose host code is any C++ (build mode)";
    public override (int Min, int Max) PositionalCount => (1, int.MaxValue);
    public override IReadOnlyList<OptionSpec> Options { get; } = [Output, Verbose, HostFlag, Library, LibraryPath, .. CudaOptions.Specs];

    public override string Details => $"""
        Each .cu file's device code (kernels, the device functions they call, device variables) is
        lifted into the IR and embedded in its object; its host code is compiled by clang-19 in CUDA
        host mode against Translate's CUDA headers. The executable links against Translate's CUDA
        runtime library (rpath set, so it runs from any directory). At run time TRANSLATE_DEVICE picks
        where kernels run (cpu, the default, or opencl; TRANSLATE_CHECK=1 checks every device-memory
        access on cpu, TRANSLATE_FP=relaxed compiles them as 'run --fp relaxed' does); each kernel is
        compiled at its first launch and cached on disk.

        options:
          -o, --output EXE        the executable (default a.out)
        {CudaOptions.Help}
          -X, --host-flag FLAG    pass FLAG to clang for host code (e.g. -X -O3, -X -std=c++20; -X -fopenmp also links OpenMP)
          -l, --library NAME      link with libNAME
          -L, --library-path DIR  search DIR for libraries
          -v, --verbose           print each tool command as it runs
          -h, --help              show this help

        exit status: 0 built; 1 an input did not translate or compile (diagnostics on stderr); 2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        var inputs = args.Positionals;
        foreach (var input in inputs)
        {
            if (!Builder.IsSource(input) && !Builder.IsObject(input))
                throw new UsageException($"'{input}' is not a source (.cu .c .cpp …) or object (.o .a .so) file");
            if (!File.Exists(input))
            {
                DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.FileNotFound, input, $"'{input}' does not exist"));
                return ExitCodes.Failure;
            }
        }
        var options = new BuildOptions(CudaOptions.From(args), args.Values(HostFlag.Name),
            [.. args.Values(LibraryPath.Name).SelectMany(d => new[] { "-L", d }), .. args.Values(Library.Name).Select(l => "-l" + l),
             // OpenMP host code needs clang's OpenMP runtime at the link too, as nvcc's -Xcompiler -fopenmp gives it.
             .. args.Values(HostFlag.Name).Where(f => f == "-fopenmp" || f.StartsWith("-fopenmp=", StringComparison.Ordinal))],
            args.Has(Verbose.Name));
        string output = args.Value(Output.Name) ?? "a.out";
        return Builder.BuildExecutable(inputs, output, options, stderr) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
