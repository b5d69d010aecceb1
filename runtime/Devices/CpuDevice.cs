using System.Runtime.InteropServices;
using Translate.Backends.Cpu;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Execution;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.Cpu;

namespace Translate.Runtime.Devices;

/// <summary>
/// The <c>cpu</c> device: the whole program (host code and kernels) compiled by LLVM 19 for this
/// x86-64 machine and run natively; blocks of a launch run on all cores. Memory is not checked by
/// default; with <see cref="CpuCompileOptions.CheckMemory"/> (<c>--check</c>) every access through a
/// pointer into device memory is checked against the live allocations (see
/// <see cref="CheckedDeviceMemory"/>; <c>interp</c> checks every access). Integer division by zero,
/// barrier divergence and traps are reported as on the interpreter. Compiled modules are cached on
/// disk by content hash (see <see cref="KernelCache"/>), so a second run of the same program skips compilation.
/// </summary>
public sealed unsafe class CpuDevice(string? cacheDirectory, CpuCompileOptions compileOptions) : IDevice
{
    /// <summary>The device with its disk cache in <see cref="KernelCache.DefaultDirectory"/>.</summary>
    public CpuDevice() : this(KernelCache.DefaultDirectory) { }

    /// <summary>The device with its disk cache in <paramref name="cacheDirectory"/> (null: none), default options.</summary>
    public CpuDevice(string? cacheDirectory) : this(cacheDirectory, CpuCompileOptions.Default) { }

    /// <summary>Memory checks and floating-point mode of the code this device generates.</summary>
    public CpuCompileOptions Options => compileOptions;

    /// <summary>The same device (same cache) generating code with <paramref name="changed"/> options.</summary>
    public CpuDevice With(CpuCompileOptions changed) => new(cacheDirectory, changed);

    /// <summary>What the last <see cref="Run"/> compiled: modules loaded from the disk cache, modules compiled, milliseconds.</summary>
    public (int CacheHits, int Compiled, double Milliseconds) LastCompilation { get; private set; }

    /// <summary>Per module of the last <see cref="Run"/>: lowering, optimization, machine code and total milliseconds.</summary>
    public IReadOnlyList<ModuleCompileTime> LastModuleTimes { get; private set; } = [];

    public string Name => "cpu";
    public string Description => "native x86-64 code through LLVM 19, blocks on all cores";
    public string? UnavailableReason => LlvmAvailability.UnavailableReason;

    public int Run(CheckedModule program, RunOptions options)
    {
        if (program.Main is null)
            throw new DiagnosticException(new Diagnostic(Codes.NoMain, SourceLocation.None, "the program has no main function"));
        using var checkedMemory = compileOptions.CheckMemory ? new CheckedDeviceMemory() : null;
        using var session = CpuSession.Start(program, options.Stdout, cacheDirectory, compileOptions, checkedMemory);
        var compiled = session.Program;
        var argv = new List<nint>();
        var jmpbuf = NativeMemory.AllocZeroed(CpuAbi.JmpBufSize);
        var saved = CpuSession.CurrentJmpBuf;
        try
        {
            var main = (delegate* unmanaged<nint, int, nint*, int>)compiled.Lookup(CpuAbi.MainEntry);
            foreach (var a in options.Arguments.Prepend(options.ProgramName)) argv.Add(Marshal.StringToCoTaskMemUTF8(a));
            argv.Add(0);
            CpuSession.CurrentJmpBuf = (nint)jmpbuf;
            int status;
            var faultCell = FaultReporter.ThreadCell();
            var outerFault = FaultReporter.Enter(faultCell, FaultReporter.HostMessage, (nint)jmpbuf);
            try
            {
                fixed (nint* p = argv.ToArray()) status = main((nint)jmpbuf, options.Arguments.Count + 1, p);
            }
            finally { FaultReporter.Leave(faultCell, outerFault); }
            if (FaultReporter.TakeFault(faultCell, out nint address)) session.Fail(FaultReporter.HostFault(address));
            options.Stdout.Flush();
            if (session.Error is { } error) throw new DiagnosticException(error);
            return session.ExitStatus ?? status;
        }
        finally
        {
            CpuSession.CurrentJmpBuf = saved;
            foreach (var w in session.TakeWarnings()) options.Stderr.WriteLine(w);
            LastCompilation = (compiled.CacheHits, compiled.CompiledModules, compiled.CompileMilliseconds);
            LastModuleTimes = compiled.ModuleTimes.ToList();
            NativeMemory.Free(jmpbuf);
            foreach (var a in argv) Marshal.FreeCoTaskMem(a);
        }
    }
}
