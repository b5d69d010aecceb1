using System.Globalization;
using Translate.Cli.Kernels;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Ir.Types;
using Translate.Ir.Verification;
using Translate.Runtime.BuildMode;
using Translate.Runtime.Cpu;
using Translate.Runtime.OpenCl;

namespace Translate.Cli.Commands;

/// <summary>
/// <c>translate run-kernel FILE(.ptx|.cu|.lisp) --grid G --block B [--kernel NAME] ARG...</c>: one launch of one kernel
/// with arguments given on the command line (buffers made and filled here), then the buffers printed or written out.
/// </summary>
internal sealed unsafe class RunKernelCommand : Command
{
    public override string Name => "run-kernel";
    public override string Synopsis => "run-kernel FILE(.ptx|.cu|.lisp) --grid X[,Y,Z] --block X[,Y,Z] [--kernel NAME] [OPTIONS] ARG...";
    public override string Summary => "launch one kernel of a PTX module, a CUDA file or an IR program with arguments from the command line";
    public override (int Min, int Max) PositionalCount => (1, int.MaxValue);
    public override bool AcceptsPassThrough => true;

    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("kernel", "k", "NAME"), new("grid", "g", "X[,Y,Z]"), new("block", "b", "X[,Y,Z]"), new("shared", null, "BYTES"),
        new("device", "d", "NAME"), new("out", null, "N=FILE", Repeatable: true), new("full"), new("repeat", null, "N"), .. CudaOptions.Specs,
    ];

    public override string Details => $"""
        Lifts the file (a PTX module, the device code of a CUDA file, or IR text), launches the kernel
        once on the device and prints every buffer argument afterwards. Each ARG is one parameter of
        the kernel, in order:
          NUMBER                  a scalar, read as the parameter's type (decimal, 0x hex, 2.5, -1e3);
                                  write negative numbers after '--'
          TYPE[COUNT]             a buffer of COUNT zeroed elements; its address is the argument
          TYPE[COUNT]=VALUE       ... every element VALUE
          TYPE[COUNT]=iota        ... 0, 1, 2, ...
          TYPE[COUNT]=random[:SEED]  ... seeded pseudo-random values (floats in [0, 1), integers in [0, 100))
          TYPE[COUNT]=@FILE       ... the bytes of FILE (TYPE[]=@FILE: as many elements as it holds)
        TYPE is i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 (or s8.., char, int, float, double ...). A PTX
        kernel's pointer parameters are .u64: give them buffers.

        options:
          -k, --kernel NAME       the kernel to launch (needed when the file has several)
          -g, --grid X[,Y,Z]      blocks in the grid
          -b, --block X[,Y,Z]     threads in a block
          --shared BYTES          dynamic shared memory per block (default 0)
          -d, --device NAME       {BuildModeDevices.Listed} (default cpu)
          --out N=FILE            write buffer argument N (0 = the first argument) to FILE, raw bytes
          --full                  print every element of each buffer (default: the first 16)
          --repeat N              launch N more times on the same buffers after the first launch
                                  (which compiles the kernel) and print the time per launch on
                                  standard error; the buffers printed are those after every launch
        {CudaOptions.Help}
          -h, --help              show this help

        exit status: 0 the kernel ran, 1 the file did not translate or the kernel stopped with an
        error (printed as a diagnostic), 2 usage error

        """;

    private const int Shown = 16;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        string path = args.Positionals[0];
        string device = args.Value("device") ?? "cpu";
        if (!BuildModeDevices.Supports(device)) throw new UsageException($"run-kernel runs kernels on {BuildModeDevices.Listed}, not '{device}'");
        var grid = KernelLaunchShape.Parse(args.Value("grid") ?? throw new UsageException("run-kernel needs --grid X[,Y,Z]"), "grid");
        var block = KernelLaunchShape.Parse(args.Value("block") ?? throw new UsageException("run-kernel needs --block X[,Y,Z]"), "block");
        long shared = args.Value("shared") is { } s
            ? long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long b) ? b : throw new UsageException($"--shared '{s}' is not a number of bytes")
            : 0;
        var specs = args.Positionals.Skip(1).Concat(args.PassThrough).Select(KernelArgumentSpec.Parse).ToList();
        var outputs = args.Values("out").Select(ParseOut).ToList();
        int repeat = args.Value("repeat") is { } r
            ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int times) ? times : throw new UsageException($"--repeat '{r}' is not a number of launches")
            : 0;

        bool fromPtx = Translate.Frontend.PtxFrontend.IsPtx(path);
        var program = ProgramLoader.Load(path, stderr, CudaOptions.DeviceFirst(args));
        if (program is null) return ExitCodes.Failure;
        var kernel = ChooseKernel(program, args.Value("kernel"));
        if (specs.Count != kernel.Parameters.Count)
            throw new UsageException($"kernel '{kernel.Name}' takes {kernel.Parameters.Count} arguments ({Signature(kernel)}); {specs.Count} given");
        foreach (var (n, _) in outputs)
            if (n >= specs.Count || specs[n] is not KernelArgumentSpec.Buffer) throw new UsageException($"--out {n}=...: argument {n} is not a buffer");

        // The buffer arguments by their position among the kernel's arguments.
        var buffers = new SortedDictionary<int, KernelBuffer>();
        try
        {
            for (int p = 0; p < specs.Count; p++)
                if (specs[p] is KernelArgumentSpec.Buffer buffer) buffers[p] = new KernelBuffer(buffer);
            (nint, long)? Reachable(nint address) => buffers.Values.FirstOrDefault(x => x.Contains(address)) is { } hit ? (hit.Address, hit.Bytes) : null;
            using var host = BuildModeKernelHosts.Load(device, program, stdout, Reachable, _ => false, () => OpenClSession.Open(device));
            int index = host.FindKernel(kernel.Name);
            var (offsets, sizes, size) = host.ArgumentLayout(index);
            var record = new byte[Math.Max(size, 1)];
            fixed (byte* packed = record)
            {
                for (int p = 0; p < specs.Count; p++)
                {
                    var parameter = kernel.Parameters[p];
                    string context = $"argument {p} ('{parameter.Name}', {TypeSyntax.Print(parameter.Type)})";
                    if (buffers.TryGetValue(p, out var buffer))
                    {
                        if (!parameter.Type.IsPointer && !(parameter.Type.IsInteger && sizes[p] == 8))
                            throw new UsageException($"{context} is not a pointer: give a number");
                        *(nint*)(packed + offsets[p]) = buffer.Address;
                    }
                    else
                    {
                        if (parameter.Type.IsPointer) throw new UsageException($"{context} is a pointer: give a buffer (TYPE[COUNT]...)");
                        // PTX passes pointers as .u64: a number there is an address unless the kernel only counts with it.
                        if (fromPtx && parameter.Type.IsInteger && sizes[p] == 8)
                            stderr.WriteLine($"translate: warning: {context} is a 64-bit PTX parameter given a number; if the kernel uses it as an address, "
                                + "give a buffer (TYPE[COUNT]) — '--device interp' checks every access");
                        KernelScalar.Store(parameter.Type, specs[p].Text, packed + offsets[p], sizes[p], context);
                    }
                }
                if (!Launched(host.Launch(index, grid, block, shared, (nint)packed))) return ExitCodes.Failure;
                if (repeat > 0)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    for (int k = 0; k < repeat; k++)
                        if (!Launched(host.Launch(index, grid, block, shared, (nint)packed))) return ExitCodes.Failure;
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{kernel.Name}: {clock.Elapsed.TotalMilliseconds / repeat:0.000} ms per launch ({repeat} launches after the first, on {device})"));
                }
            }

            bool Launched(int result)
            {
                DiagnosticPrinter.Print(stderr, host.TakeWarnings());
                if (result == -1) DiagnosticPrinter.Print(stderr, host.Error is { } e ? [e] : []);
                else if (result != 0)
                    stderr.WriteLine($"translate: error: the launch of '{kernel.Name}' is invalid: {CudaErrorCodes.Name(result)} ({CudaErrorCodes.Text(result)})");
                return result == 0;
            }
            Print(buffers, args.Has("full"), stdout);
            foreach (var (n, file) in outputs)
            {
                var bytes = buffers[n].Contents();
                if (!OutputWriter.WriteFile(file, temp => File.WriteAllBytes(temp, bytes), stderr)) return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        }
        catch (DiagnosticException e)
        {
            DiagnosticPrinter.Print(stderr, e.Diagnostics);
            return ExitCodes.Failure;
        }
        finally
        {
            foreach (var buffer in buffers.Values) buffer.Dispose();
        }
    }

    private static Ir.Model.FunctionDef ChooseKernel(CheckedModule program, string? name)
    {
        var kernels = program.Kernels.ToList();
        if (kernels.Count == 0) throw new UsageException("the file has no kernels");
        if (name is null)
            return kernels.Count == 1 ? kernels[0]
                : throw new UsageException($"the file has {kernels.Count} kernels; choose one with --kernel: {string.Join(", ", kernels.Select(k => k.Name))}");
        return kernels.FirstOrDefault(k => k.Name == name)
            ?? throw new UsageException($"no kernel '{name}'; the kernels are: {string.Join(", ", kernels.Select(k => k.Name))}");
    }

    private static string Signature(Ir.Model.FunctionDef kernel) =>
        string.Join(", ", kernel.Parameters.Select(p => $"{p.Name} {TypeSyntax.Print(p.Type)}"));

    private static (int Argument, string File) ParseOut(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || !int.TryParse(text[..eq], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || eq == text.Length - 1)
            throw new UsageException($"--out '{text}': write it as N=FILE (N: the argument's position, 0 first)");
        return (n, text[(eq + 1)..]);
    }

    /// <summary>Each buffer argument after the launch: its position, its spec, its elements (the first 16 unless --full).</summary>
    private static void Print(SortedDictionary<int, KernelBuffer> buffers, bool full, TextWriter stdout)
    {
        foreach (var (p, buffer) in buffers)
        {
            long shown = full ? buffer.Spec.Count : Math.Min(buffer.Spec.Count, Shown);
            var values = string.Join(" ", Enumerable.Range(0, (int)shown).Select(i => buffer.Format(i)));
            string more = shown < buffer.Spec.Count ? $" ... ({buffer.Spec.Count} elements)" : "";
            stdout.WriteLine($"{p} {buffer.Spec.Text}: {values}{more}");
        }
    }
}
