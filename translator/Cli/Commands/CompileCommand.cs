using Translate.Backends.Cpu.Abi;
using Translate.Cli.Options;
using Translate.DeviceContract;
using Translate.Cli.Output;
using Translate.Cli.Targets;

namespace Translate.Cli.Commands;

/// <summary><c>translate compile FILE(.cu|.lisp) --target T [-o OUT]</c>: a checked program to one backend's output.</summary>
internal sealed class CompileCommand : Command
{
    public override string Name => "compile";
    public override string Synopsis => "compile FILE(.cu|.lisp|.ptx) --target TARGET [--dialect upstream] [-o OUT] [-I DIR] [-D NAME[=VAL]]";
    public override string Summary => "translate a program and compile it for a target";
    public override (int Min, int Max) PositionalCount => (1, 1);
    public override IReadOnlyList<OptionSpec> Options { get; } =
        [new("target", "t", "TARGET"), new("output", "o", "FILE"), new("dialect", null, "NAME"), new("arch", null, "ARCH"), new("block", null, "X[xYxZ]"), .. CudaOptions.Specs];

    public override string Details => $"""
        A .cu program whose host code is outside the lifted subset is compiled from its device code
        alone (a note on standard error says so; the host code stays C++ for 'translate build').
        Text targets go to standard output without -o; binary ones need -o. The output file is
        written atomically: on any error an existing OUT is left untouched. --dialect upstream
        applies to --target lisp only.

        targets:
        {string.Join("\n", CompileTargets.All.Select(t => $"  {t.Name,-8} {t.Description}{(t.IsText ? "" : " (needs -o)")}"))}

        options:
          -t, --target TARGET     what to compile to (required)
              --arch ARCH         the GPU architecture, for ptx and amdgcn
              --block X[xYxZ]     for llvm and x86: kernels specialized on this block shape, as the
                                  cpu device compiles them at launch (default: any shape)
          -o, --output FILE       write to FILE instead of standard output
        {DialectOutput.Help}
        {CudaOptions.Help}
          -h, --help              show this help

        exit status: 0 compiled, 1 errors in the input or the backend, 2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        string path = args.Positionals[0];
        string name = args.Value("target") ?? throw new UsageException($"'compile' needs --target ({CompileTargets.Names})");
        var target = CompileTargets.Find(name)
            ?? throw new UsageException($"unknown target '{name}'; targets: {CompileTargets.Names}");
        if (args.Value("arch") is { } arch)
        {
            if (target.ForArch is null || target.Architectures is null)
                throw new UsageException($"target '{target.Name}' has no --arch");
            if (!target.Architectures.Contains(arch))
                throw new UsageException($"unknown architecture '{arch}' for {target.Name}; one of: {string.Join(", ", target.Architectures)}");
            target = target.ForArch(arch);
        }
        if (args.Value("block") is { } block)
        {
            if (target.ForBlock is null)
                throw new UsageException($"target '{target.Name}' has no --block (only the cpu targets: llvm, x86)");
            target = target.ForBlock(ParseBlock(block));
        }
        string? dialect = args.Value("dialect");
        if (dialect is not null)
        {
            DialectOutput.Validate(dialect);
            if (target.Name != "lisp") throw new UsageException($"--dialect applies to --target lisp only, not '{target.Name}'");
        }
        string? output = args.Value("output");
        if (output is null && !target.IsText)
            throw new UsageException($"target '{target.Name}' writes a binary file: give -o FILE");
        var program = ProgramLoader.Load(path, stderr, CudaOptions.DeviceFirst(args));
        if (program is null) return ExitCodes.Failure;
        if (dialect is not null)
            return DialectOutput.Write(program, path, stderr, out bool complete) is { } text && OutputWriter.WriteText(output, text, stdout, stderr)
                && complete ? ExitCodes.Success : ExitCodes.Failure;
        if (output is null)
        {
            stdout.Write(TargetEmitter.EmitText(target, program, path));
            return ExitCodes.Success;
        }
        var problems = TargetEmitter.EmitToFile(target, program, output, path);
        DiagnosticPrinter.Print(stderr, problems);
        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary><c>256</c>, <c>32x8</c> or <c>8x8x4</c>: a block shape within CUDA's limits.</summary>
    private static BlockShape ParseBlock(string text)
    {
        var parts = text.Split('x');
        var sizes = parts.Select(p => int.TryParse(p, out int n) && n > 0 ? n : 0).ToArray();
        if (parts.Length > 3 || sizes.Contains(0))
            throw new UsageException($"--block '{text}' is not a block shape; write X, XxY or XxYxZ with positive sizes (e.g. 256, 32x8)");
        var shape = new BlockShape(sizes[0], sizes.Length > 1 ? sizes[1] : 1, sizes.Length > 2 ? sizes[2] : 1);
        if (shape.X > CudaLimits.MaxBlockDimX || shape.Y > CudaLimits.MaxBlockDimY || shape.Z > CudaLimits.MaxBlockDimZ
            || (long)shape.X * shape.Y * shape.Z > CudaLimits.MaxThreadsPerBlock)
            throw new UsageException($"--block {text} is beyond CUDA's limits ({CudaLimits.MaxThreadsPerBlock} threads, {CudaLimits.MaxBlockDimZ} in z)");
        return shape;
    }
}
