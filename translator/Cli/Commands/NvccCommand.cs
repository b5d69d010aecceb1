using Translate.Cli.Nvcc;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Ir.Printing;
using Translate.Ir.Verification;

namespace Translate.Cli.Commands;

/// <summary>
/// <c>translate nvcc …</c>: an nvcc-compatible driver for Makefiles. <c>-c</c> writes the checked IR as the
/// "object"; linking one program writes a script that runs it with <c>translate run</c>, until build mode
/// links natively.
/// </summary>
internal sealed class NvccCommand : Command
{
    public override string Name => "nvcc";
    public override string Synopsis => "nvcc [NVCC OPTIONS] FILE.cu... [-o OUT]";
    public override string Summary => "an nvcc-compatible driver for build scripts (without native linking yet)";
    public override (int Min, int Max) PositionalCount => (0, int.MaxValue);

    public override string Details => """
        Accepts nvcc's common flags so a Makefile can use NVCC='translate nvcc':
          -c                compile only: OUT (default FILE.o) holds the checked IR of FILE.cu
          -o OUT            the output file
          -I DIR, -D N[=V]  as nvcc (glued forms too)
          -std=, -O*, -g, -G, -lineinfo, -x cu, -Xcompiler X, -arch/-gencode/--gpu-architecture,
          -l*, -L*, --use_fast_math …   accepted and recorded, without effect
          -rdc=true, -dc    relocatable device code: not supported (TR0604)

        Without -c, one program (one FILE.cu, or one object made by 'translate nvcc -c') is
        "linked" into OUT (default a.out): NOT a native executable yet, but a shell script that runs
        the lifted IR, kept beside it as OUT.lisp, with 'translate run' (device: $TRANSLATE_DEVICE,
        default interp). Real native linking comes with build mode; linking several translation
        units together needs it too (TR0606).

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
            stdout.WriteLine("translate nvcc: Translate's nvcc-compatible driver (CUDA through the llama.lisp IR; no native linking yet)");
            return ExitCodes.Success;
        }
        return Execute(NvccArguments.Parse(args), stdout, stderr);
    }

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr) =>
        throw new InvalidOperationException("nvcc parses its own arguments");

    private static int Execute(NvccArguments nvcc, TextWriter stdout, TextWriter stderr)
    {
        if (nvcc.Inputs.Count == 0) throw new UsageException("no input files");
        if (nvcc.RelocatableDeviceCode)
            return Fail(stderr, Codes.RelocatableDeviceCode, nvcc.Inputs[0],
                "relocatable device code (-rdc=true / -dc) is not supported: Translate lifts each program whole");
        var cuda = new FrontendOptions { IncludeDirectories = nvcc.Includes, Defines = nvcc.Defines };
        if (nvcc.CompileOnly)
        {
            if (nvcc.Output is not null && nvcc.Inputs.Count > 1) throw new UsageException("-o with -c takes one input file");
            foreach (var input in nvcc.Inputs)
            {
                var program = Load(input, stderr, cuda);
                if (program is null) return ExitCodes.Failure;
                string output = nvcc.Output ?? Path.ChangeExtension(Path.GetFileName(input), ".o");
                if (!OutputWriter.WriteText(output, IrPrinter.Print(program.Module), stdout, stderr)) return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        }
        if (nvcc.Inputs.Count > 1)
            return Fail(stderr, Codes.NativeLinkUnavailable, nvcc.Inputs[1],
                "linking several translation units needs build mode, which is not built yet; give one program");
        var linked = Load(nvcc.Inputs[0], stderr, cuda);
        if (linked is null) return ExitCodes.Failure;
        string exe = nvcc.Output ?? "a.out";
        string ir = exe + ".lisp";
        if (!OutputWriter.WriteText(ir, IrPrinter.Print(linked.Module), stdout, stderr)) return ExitCodes.Failure;
        bool ok = OutputWriter.WriteFile(exe, temp =>
        {
            File.WriteAllText(temp, RunnerScript.Text(ir, nvcc.Inputs, nvcc.Recorded));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(temp) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }, stderr);
        return ok ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>A .cu input is lifted; anything else must be an object 'translate nvcc -c' wrote (IR text).</summary>
    private static CheckedModule? Load(string input, TextWriter stderr, FrontendOptions cuda) =>
        ProgramLoader.Load(input, stderr, cuda);

    private static int Fail(TextWriter stderr, DiagnosticCode code, string path, string message)
    {
        DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(code, path, message));
        return ExitCodes.Failure;
    }
}
