using System.Collections.Concurrent;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Lowering;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;
using Translate.Ir.Transformations;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Execution;

/// <summary>
/// A program JIT-compiled for this machine: the host module at once, each kernel at its first launch
/// with a given block shape (specialized on it, cached in memory per (kernel, shape)).
/// </summary>
public sealed class CpuProgram : IDisposable
{
    private readonly LlvmJit _jit;
    private readonly LlvmTargetMachine _machine;
    private readonly ConcurrentDictionary<(int Kernel, BlockShape Shape), nint> _kernels = new();
    private readonly Lock _compileGate = new();
    private readonly List<FunctionDef> _kernelList;

    /// <summary>Compiles the host side; <paramref name="runtimeSymbols"/> are the runtime's entry points by name.</summary>
    public CpuProgram(CheckedModule program, IReadOnlyDictionary<string, nint> runtimeSymbols)
    {
        // Device functions that synchronize are inlined: barrier regions are split in kernel bodies only.
        program = Inliner.InlineSynchronizingCalls(program);
        Program = program;
        _kernelList = program.Kernels.ToList();
        _machine = LlvmTargetMachine.Host();
        _jit = new LlvmJit();
        _jit.DefineAbsolute(runtimeSymbols);
        AddModule("host", new CpuModuleContents(true, []));
    }

    public CheckedModule Program { get; }
    public FailureTable Failures { get; } = new();
    public IReadOnlyList<FunctionDef> Kernels => _kernelList;

    /// <summary>Milliseconds spent compiling (lowering, optimizing, machine code) so far.</summary>
    public double CompileMilliseconds { get; private set; }

    /// <summary>The address of a symbol of the host module (e.g. <see cref="CpuAbi.MainEntry"/> or the session global).</summary>
    public nint Lookup(string name) => _jit.Lookup(name);

    /// <summary>The entry of kernel <paramref name="index"/> compiled for <paramref name="shape"/>: <c>i32 (ptr args, ptr launch, ptr jmpbuf)</c>.</summary>
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
        var tsc = new LlvmThreadSafeContext();
        try
        {
            var lowering = new CpuModuleLowering(Program, tsc.Context, name, contents, Failures);
            lowering.Module.SetTarget(_jit.Triple, _jit.DataLayout);
            lowering.Build();
            CpuCompiler.Verify(lowering.Module);
            lowering.Module.RunPasses(CpuCompiler.Pipeline, _machine);
            lowering.Builder.Dispose();
            _jit.Add(lowering.Module, tsc);
        }
        finally { tsc.Dispose(); }
        // The JIT compiles lazily at lookup; time the lookup together with lowering in Kernel()/Lookup callers.
        CompileMilliseconds += watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
        _jit.Dispose();
        _machine.Dispose();
    }
}
