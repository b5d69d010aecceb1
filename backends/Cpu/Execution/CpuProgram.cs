using Translate.Ir.Passes;
using System.Collections.Concurrent;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Kernels;
using Translate.Backends.Cpu.Lowering;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Transformations;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Execution;

/// <summary>
/// A program JIT-compiled for this machine: the host module at once, each kernel at its first launch
/// with a given block shape (specialized on it, cached in memory per (kernel, shape) and on disk by
/// content hash, see <see cref="KernelCache"/>).
/// </summary>
public sealed class CpuProgram : IDisposable
{
    private readonly LlvmJit _jit;
    private readonly LlvmTargetMachine _machine;
    private readonly ConcurrentDictionary<(int Kernel, BlockShape Shape), nint> _kernels = new();
    private readonly Lock _compileGate = new();
    private readonly List<FunctionDef> _kernelList;
    private readonly KernelCache _cache;

    /// <summary>Compiles the host side; <paramref name="runtimeSymbols"/> are the runtime's entry points by name.</summary>
    public CpuProgram(CheckedModule program, IReadOnlyDictionary<string, nint> runtimeSymbols)
        : this(program, runtimeSymbols, KernelCache.DefaultDirectory) { }

    /// <summary>As above, with compiled modules cached in <paramref name="cacheDirectory"/> (null: no disk cache).</summary>
    public CpuProgram(CheckedModule program, IReadOnlyDictionary<string, nint> runtimeSymbols, string? cacheDirectory)
        : this(program, runtimeSymbols, cacheDirectory, CpuCompileOptions.Default) { }

    /// <summary>As above, compiled with <paramref name="options"/> (memory checks, floating-point mode).</summary>
    public CpuProgram(CheckedModule program, IReadOnlyDictionary<string, nint> runtimeSymbols, string? cacheDirectory, CpuCompileOptions options)
    {
        Options = options;
        program = options.Passes.Run(program);
        Program = program;
        _kernelList = program.Kernels.ToList();
        _machine = LlvmTargetMachine.Host();
        _jit = new LlvmJit();
        _jit.DefineAbsolute(runtimeSymbols);
        // Natively linked declarations resolve to the addresses the loader found (a --with library need not be global).
        if (program.NativeFunctions.Count > 0)
            _jit.DefineAbsolute(program.NativeFunctions.Where(kv => !runtimeSymbols.ContainsKey(kv.Key)).ToDictionary());
        _cache = new KernelCache(cacheDirectory, program, _machine, options);
        AddModule("host", new CpuModuleContents(true, []));
    }

    public CheckedModule Program { get; }
    public CpuCompileOptions Options { get; }
    public FailureRegistry Failures { get; } = new();
    public IReadOnlyList<FunctionDef> Kernels => _kernelList;

    /// <summary>The index in <see cref="Kernels"/> of the kernel with IR name <paramref name="name"/>, or -1.</summary>
    public int IndexOfKernel(string name) => _kernelList.FindIndex(k => k.Name == name);

    /// <summary>Modules loaded from the disk cache, and modules compiled, so far.</summary>
    public int CacheHits { get; private set; }
    public int CompiledModules { get; private set; }

    /// <summary>Milliseconds spent compiling (lowering, optimizing, machine code) or loading cached code so far.</summary>
    public double CompileMilliseconds { get; private set; }

    /// <summary>Where the time went, per module compiled or loaded so far.</summary>
    public IReadOnlyList<ModuleCompileTime> ModuleTimes => _moduleTimes;

    private readonly List<ModuleCompileTime> _moduleTimes = [];

    /// <summary>The address of a symbol of the host module (e.g. <see cref="CpuAbi.MainEntry"/> or the session global).</summary>
    public nint Lookup(string name) => _jit.Lookup(name);

    /// <summary>The entry of kernel <paramref name="index"/> compiled for <paramref name="shape"/>: <c>i32 (ptr args, ptr launch, ptr jmpbuf, i64 from, i64 to)</c>.</summary>
    public nint Kernel(int index, BlockShape shape)
    {
        if (_kernels.TryGetValue((index, shape), out var entry)) return entry;
        lock (_compileGate)
        {
            if (_kernels.TryGetValue((index, shape), out entry)) return entry;
            var kernel = _kernelList[index];
            AddModule($"{kernel.Name}.{shape.X}x{shape.Y}x{shape.Z}", new CpuModuleContents(false, [(kernel, shape)]));
            entry = _jit.Lookup(CpuAbi.BlockEntry(kernel.Name, shape));
            _kernels[(index, shape)] = entry;
            return entry;
        }
    }

    private void AddModule(string name, CpuModuleContents contents)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failures = Failures.Open(name);
        var key = _cache.Key(name, failures.IdBase);
        var objectFile = _cache.TryLoad(key, failures);
        double lower = 0, optimize = 0, codegen = 0;
        bool compiled = objectFile is null;
        if (!compiled) CacheHits++;
        else
        {
            using var context = new LlvmContext();
            using var lowering = new CpuModuleLowering(Program, context, name, contents, failures, Options);
            lowering.Module.SetTarget(_machine.Triple, _machine.DataLayout);
            lowering.Build();
            CpuCompiler.Verify(lowering.Module);
            lower = watch.Elapsed.TotalMilliseconds;
            CpuCompiler.Optimize(lowering.Module, _machine, Options, host: contents.Host, shape: contents.Kernels is [(_, var shape)] ? shape : null);
            optimize = watch.Elapsed.TotalMilliseconds - lower;
            try { objectFile = _machine.EmitObjectBytes(lowering.Module); }
            catch (LlvmException e) when (lowering.FirstAsm is { } asm)
            {
                throw new DiagnosticException(new Diagnostic(Codes.CpuUnsupported, asm,
                    $"the host's assembler rejects this module's inline assembly (written for another instruction set?): {e.Message}"));
            }
            codegen = watch.Elapsed.TotalMilliseconds - lower - optimize;
            _cache.Store(key, objectFile, failures.Items);
            CompiledModules++;
        }
        _jit.AddObject(objectFile!, name);
        var slots = JitCodeRanges.Add(objectFile!, _jit.Lookup);
        lock (_codeSlots) _codeSlots.AddRange(slots);
        if (PerfMap.Enabled) PerfMap.Record(objectFile!, _jit.Lookup);
        double total = watch.Elapsed.TotalMilliseconds;
        CompileMilliseconds += total;
        _moduleTimes.Add(new ModuleCompileTime(name, compiled, lower, optimize, codegen, total));
    }

    /// <summary>The slots of <see cref="JitCodeRanges"/> this program's code holds.</summary>
    private readonly List<int> _codeSlots = [];

    public void Dispose()
    {
        JitCodeRanges.Remove(_codeSlots);
        _jit.Dispose();
        _machine.Dispose();
    }
}

/// <summary>
/// How long one module took, in milliseconds: lowering (with the verifier), the optimization
/// pipeline, machine code, and the total including loading into the JIT (all 0 but the total when it
/// came from the disk cache).
/// </summary>
public sealed record ModuleCompileTime(string Module, bool Compiled, double Lower, double Optimize, double Codegen, double Total);
