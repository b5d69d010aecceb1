using Translate.Backends.Cpu;
using Translate.Cli.Build;
using Translate.Frontend;
using Translate.Ir.Verification;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Cli.Commands;

/// <summary><c>translate run FILE(.cu|.lisp) [--device NAME] [--verify NAME] [--check] [--fp strict|relaxed] [--with FILE.c] [-I DIR] [-D NAME[=VAL]] [-- ARGS...]</c>: lift or read a program, check it, then run it on a device.</summary>
internal sealed class RunCommand : Command
{
    public override string Name => "run";
    public override string Synopsis => "run FILE(.cu|.lisp) [--device NAME] [--verify NAME] [--check] [--fp strict|relaxed] [--with FILE.c] [--device-code FILE.ptx] [-I DIR] [-D NAME[=VAL]] [-- ARGS...]";
    public override string Summary => "translate a CUDA (or read an IR) program, check it, then run it on a device";
    public override (int Min, int Max) PositionalCount => (1, 1);
    public override bool AcceptsPassThrough => true;
    public override IReadOnlyList<OptionSpec> Options { get; } = [new("device", "d", "NAME"), new("verify", null, "NAME"), new("check"), new("fp", null, "MODE"), new("fast-math"), new("verbose", "v"), new("with", null, "FILE", Repeatable: true), new("device-code", null, "FILE.ptx"), .. CudaOptions.Specs];

    public override string Details => $"""
        The program's output goes to standard output; ARGS after '--' become its argv[1..].
        Errors in the program or found while it runs are printed as diagnostics on standard error.

        options:
          -d, --device NAME       where to run it (default: {DeviceRegistry.DefaultName}, or {DeviceRegistry.FallbackName}
                                  when {DeviceRegistry.DefaultName} is unavailable here); see 'translate devices'
          --verify NAME           CUDA programs: run in build mode and rerun every kernel launch on
                                  device NAME (e.g. interp) from the same memory; the first result
                                  that differs stops the launch with TR0612 (TRANSLATE_VERIFY)
          --check                 cpu: check every access through a pointer into device memory
                                  (out of bounds, use after free, misaligned: TR0301/TR0302/TR0303); slower.
                                  interp always checks.
                                  In build mode: TRANSLATE_CHECK=1
          --fp strict|relaxed     cpu: strict (default) rounds every operation as written, like interp;
                                  relaxed lets LLVM fuse a*b+c into FMA and reassociate sums (faster).
                                  In build mode: TRANSLATE_FP
          --fast-math             the same as --fp relaxed
          --with FILE             IR programs: link FILE (C source compiled by clang-19, or a .so)
                                  for the functions the program declares without a body, as
                                  upstream links its runtime.c; the C library is always linked.
                                  Host code only (repeatable)
          --device-code FILE.ptx  run the program's kernels from the PTX module FILE.ptx instead of
                                  its own device code (kernels found by name; the rest of the
                                  program, host code included, as it is)
        {CudaOptions.Help}
          -v, --verbose           say which path the program took: lifted whole, or build mode
          -h, --help              show this help

        A .cu program whose host code is outside the liftable subset (classes, the C++ standard
        library …) while its device code lifts runs in build mode: it is built with clang-19 like
        'translate build' and the executable runs on the cpu device (or --device opencl).

        exit status: main's return value (or exit's argument); 1 when the program has errors,
        is not translated in full, or fails while running; 2 usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        string path = args.Positionals[0];
        bool verbose = args.Has("verbose");
        string deviceName = args.Value("device") ?? DeviceRegistry.DefaultName;
        if (args.Has("with") && CudaOptions.IsCuda(path))
            throw new UsageException("'--with' links IR programs; a CUDA program's host code links with 'translate build'");
        CheckedModule? program;
        if (CudaOptions.IsCuda(path) && File.Exists(path))
        {
            var lifted = CudaFrontend.Translate(path, CudaOptions.From(args));
            // Build-mode executables run kernels on cpu, whatever the lifted path's default device is.
            string buildModeDevice = args.Value("device") ?? "cpu";
            if (args.Value("verify") is { } verify && BuildModeRun.AppliesWhenAsked(lifted))
            {
                var options = CompileOptionsFor(buildModeDevice, args);
                if (verbose) stderr.WriteLine($"translate: build mode (--verify {verify}); host code compiled by clang-19, kernels lifted");
                return BuildModeRun.Run(path, CudaOptions.From(args), buildModeDevice, options, args.PassThrough, verbose, stdout, stderr, verify);
            }
            if (BuildModeRun.Applies(lifted))
            {
                if (args.Has("device-code")) throw new UsageException("'--device-code' applies to programs whose host code lifts; this one runs in build mode");
                var options = CompileOptionsFor(buildModeDevice, args);
                if (verbose) stderr.WriteLine($"translate: build mode: {BuildModeRun.Reason(lifted)}; host code compiled by clang-19, kernels lifted");
                return BuildModeRun.Run(path, CudaOptions.From(args), buildModeDevice, options, args.PassThrough, verbose, stdout, stderr);
            }
            DiagnosticPrinter.Print(stderr, lifted.Diagnostics);
            program = lifted.Success ? lifted.Checked : null;
            if (program is not null && verbose) stderr.WriteLine($"translate: lifted whole (host code and kernels); running on {deviceName}");
        }
        else if (args.Has("verify")) throw new UsageException("'--verify' compares the kernel launches of a CUDA program; it needs a .cu file");
        else program = ProgramLoader.Load(path, stderr, CudaOptions.From(args), args.Values("with"));
        if (program is not null && args.Value("device-code") is { } ptx) program = WithDeviceCode(program, ptx, stderr);
        if (program is null) return ExitCodes.Failure;
        if (program.Main is null)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.NoMain, path,
                "there is nothing to run: define ((main int)) or ((main int) (argc int) (argv (ptr (ptr int8))))"));
            return ExitCodes.Failure;
        }
        IDevice? device;
        if (args.Value("device") is { } named) device = FindDevice(named, stderr);
        else
        {
            (device, var note) = DeviceRegistry.Usable();
            if (note is not null) stderr.WriteLine($"translate: {note}");
        }
        if (device is null) return ExitCodes.Failure;
        device = WithCompileOptions(device, args);
        try
        {
            return device.Run(program, new RunOptions(args.PassThrough, stdout, stderr) { ProgramName = path });
        }
        catch (DiagnosticException e)
        {
            // What the program printed before it failed comes first, as it happened.
            stdout.Flush();
            DiagnosticPrinter.Print(stderr, e.Diagnostics);
            return ExitCodes.Failure;
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>The program with its kernels lifted from the PTX module at <paramref name="path"/>; null when that fails (reported).</summary>
    private static CheckedModule? WithDeviceCode(CheckedModule program, string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.FileNotFound, path, "no such file"));
            return null;
        }
        var diagnostics = new DiagnosticBag();
        var linked = PtxFrontend.WithDeviceCode(program.Module, File.ReadAllText(path), path, diagnostics);
        DiagnosticPrinter.Print(stderr, diagnostics.Items);
        if (linked is null) return null;
        try
        {
            return TypeChecker.Check(linked);
        }
        catch (DiagnosticException e)
        {
            DiagnosticPrinter.Print(stderr, e.Diagnostics);
            return null;
        }
    }

    /// <summary>Applies --check and --fp to the cpu device; the interpreter is always checked and strict.</summary>
    private static IDevice WithCompileOptions(IDevice device, ParsedArguments args)
    {
        var options = CompileOptionsFor(device.Name, args);
        return device is CpuDevice cpu ? cpu.With(options) : device;
    }

    /// <summary>
    /// --check and --fp for kernels run on <paramref name="device"/>, lifted or in build mode alike: they choose the cpu
    /// device's code; the interpreter always checks (so --check is accepted there) and is strict; other devices take neither.
    /// </summary>
    private static CpuCompileOptions CompileOptionsFor(string device, ParsedArguments args)
    {
        bool relaxed = args.Has("fast-math") || args.Value("fp") switch
        {
            null or "strict" => false,
            "relaxed" => true,
            var other => throw new UsageException($"unknown floating-point mode '{other}' for '--fp': strict or relaxed"),
        };
        if (args.Has("fast-math") && args.Value("fp") == "strict")
            throw new UsageException("'--fast-math' and '--fp strict' contradict each other");
        if (device != "cpu" && (relaxed || args.Has("check") && device != "interp"))
            throw new UsageException($"'{(relaxed ? "--fp relaxed" : "--check")}' applies to the cpu device, not '{device}'");
        return new CpuCompileOptions(args.Has("check"), relaxed ? FloatMode.Relaxed : FloatMode.Strict);
    }

    private static IDevice? FindDevice(string name, TextWriter stderr)
    {
        var device = DeviceRegistry.Find(name);
        string? problem = device is null
            ? $"unknown device '{name}'; devices: {string.Join(", ", DeviceRegistry.All.Select(d => d.Name))} (see 'translate devices')"
            : device.UnavailableReason is { } why ? $"device '{name}' is not available here: {why}" : null;
        if (problem is null) return device;
        DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.UnknownDevice, "translate", problem));
        return null;
    }
}
