using System.Runtime.InteropServices;
using System.Text;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Cpu.Execution;
using Translate.Backends.Cpu;
using Translate.Ir.Diagnostics;
using Translate.Ir.Semantics;
using Translate.Ir.Verification;
using Translate.DeviceContract;

namespace Translate.Runtime.Cpu;

/// <summary>
/// The state of one program run on the cpu device: its output, CUDA's runtime state (errors, streams,
/// events), the C library's random generator, and how the run stopped (exit status or runtime error).
/// Compiled code reaches it through the session handle passed to every runtime entry point. Whole
/// programs (<c>CpuDevice</c>) and build mode's device code (<c>CpuKernelHost</c>) start one the same way.
/// </summary>
internal sealed unsafe class CpuSession : IDisposable
{
    private readonly Lock _outputGate = new();
    private readonly Lock _gate = new();
    private GCHandle _handle;

    private CpuSession(CpuProgram program, TextWriter stdout, CheckedDeviceMemory? checkedMemory)
    {
        Program = program;
        Stdout = stdout;
        CheckedMemory = checkedMemory;
    }

    /// <summary>
    /// Compiles <paramref name="code"/> for the cpu device, its runtime calls bound to <see cref="CpuCallbacks"/>
    /// (kernels are compiled at their first launch per block shape), and starts a session its code reports
    /// to: the program's session global holds a handle to the session, and with
    /// <see cref="CpuCompileOptions.CheckMemory"/> every access into <paramref name="checkedMemory"/> is
    /// checked against its bounds. Disposing the session frees the handle and the compiled code.
    /// </summary>
    public static CpuSession Start(CheckedModule code, TextWriter stdout, string? cacheDirectory, CpuCompileOptions options,
        CheckedDeviceMemory? checkedMemory)
    {
        var session = new CpuSession(new CpuProgram(code, CpuCallbacks.Symbols, cacheDirectory, options), stdout, checkedMemory);
        try
        {
            session._handle = GCHandle.Alloc(session);
            *(long*)session.Program.Lookup(CpuAbi.SessionGlobal) = GCHandle.ToIntPtr(session._handle);
            if (checkedMemory is not null && options.CheckMemory)
            {
                *(long*)session.Program.Lookup(CpuAbi.CheckedBaseGlobal) = checkedMemory.Base;
                *(long*)session.Program.Lookup(CpuAbi.CheckedSizeGlobal) = CheckedDeviceMemory.Size;
            }
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Program.Dispose();
        if (_handle.IsAllocated) _handle.Free();
        Memory.FreeAll();
        Pinned.FreeAll();
    }

    /// <summary>Where device allocations live in a <c>--check</c> run; null: <see cref="Memory"/>, unchecked.</summary>
    public CheckedDeviceMemory? CheckedMemory { get; }

    /// <summary>
    /// Device allocations of an unchecked run: kept as build mode's runtime library keeps them (256-byte aligned, large
    /// ones mapped with huge pages), so a kernel runs as fast in either; freed with the session.
    /// </summary>
    public Allocations Memory { get; } = new(new Lock());

    /// <summary>cudaMallocHost's blocks of an unchecked run: host memory, kept apart so that copies can tell it from device memory.</summary>
    public Allocations Pinned { get; } = new(new Lock());

    /// <summary>Whether [p, p + count) lies inside one block of device memory: a live device allocation or a device variable.</summary>
    public bool IsDevice(long p, long count) =>
        (CheckedMemory is { } m ? m.Covers((nint)p) && m.Explain((nint)p, count) is null : Memory.Contains((nint)p, count))
        || InDeviceVariable(p, count);

    /// <summary>Whether p points into device memory at all.</summary>
    public bool InDevice(long p) => (CheckedMemory is { } m ? m.Covers((nint)p) : Memory.Find((nint)p) is not null) || InDeviceVariable(p, 1);

    private (long Start, long Size)[]? _deviceVariables;

    private bool InDeviceVariable(long p, long count)
    {
        var module = Program.Program;
        _deviceVariables ??= [.. module.Module.Globals
            .Where(g => g.AddressSpace is Ir.Types.AddressSpace.Global or Ir.Types.AddressSpace.Constant && !g.External)
            .Select(g => (Start: AddressOf(g.Name), Size: module.Layout.SizeOf(g.Type)))
            .Where(v => v.Start != 0)];
        foreach (var (start, size) in _deviceVariables)
            if (p >= start && p + count <= start + size) return true;
        return false;
    }

    /// <summary>Where device variable <paramref name="name"/> lives; 0 when the compiled code has none (this runs inside a callback, which must not throw).</summary>
    private long AddressOf(string name)
    {
        try { return Program.Lookup(CpuAbi.GlobalSymbol(name)); }
        catch (Translate.Backends.Llvm.Api.LlvmException) { return 0; }
    }

    public CpuProgram Program { get; }
    public TextWriter Stdout { get; }
    public GlibcRandom Random { get; } = new();

    /// <summary>CUDA's error model, streams and events, as every host of the runtime API keeps them.</summary>
    public CudaRuntimeState Runtime { get; } = new();

    /// <summary>The first runtime error of the run, if any.</summary>
    public Diagnostic? Error { get; private set; }

    /// <summary>The status passed to exit(), once called.</summary>
    public int? ExitStatus { get; set; }

    /// <summary>Where the current OS thread unwinds to (main's or a block's jmp_buf).</summary>
    [ThreadStatic] public static nint CurrentJmpBuf;

    private bool?[]? _kernelPrints;

    /// <summary>Whether kernel <paramref name="index"/> (or a function it calls) writes output; found once per kernel.</summary>
    public bool KernelPrints(int index)
    {
        var known = _kernelPrints ??= new bool?[Program.Kernels.Count];
        return known[index] ??= CpuLauncher.Prints(Program.Kernels[index], Program.Program.Module);
    }

    private nint[]? _faultMessages;

    /// <summary>What a fault in kernel <paramref name="index"/>'s code prints (<see cref="FaultReporter"/>); found once per kernel.</summary>
    public nint FaultMessage(int index)
    {
        var known = _faultMessages ??= new nint[Program.Kernels.Count];
        return known[index] != 0 ? known[index] : known[index] = FaultReporter.KernelMessage(Program.Kernels[index].Name);
    }

    private int?[]? _columnTwins;

    /// <summary>
    /// The index of kernel <paramref name="index"/>'s twin that runs one-column blocks side by side
    /// (<see cref="Ir.Transformations.ColumnBlocks"/>), or -1 when it has none; found once per kernel.
    /// </summary>
    public int ColumnTwin(int index)
    {
        var known = _columnTwins ??= new int?[Program.Kernels.Count];
        return known[index] ??= Program.IndexOfKernel(Ir.Transformations.ColumnBlocks.Prefix + Program.Kernels[index].Name);
    }

    public void Fail(Diagnostic d)
    {
        lock (_gate) Error ??= d;
    }

    private readonly HashSet<int> _warnedIds = [];
    private readonly HashSet<Diagnostic> _warned = [];
    private readonly List<Diagnostic> _warnings = [];

    /// <summary>
    /// Compiled code met warning <paramref name="id"/> of the program's table; each is kept once per session (a device
    /// function inlined into two kernels has two ids for one warning).
    /// </summary>
    public void Warn(int id)
    {
        lock (_gate)
            if (_warnedIds.Add(id) && _warned.Add(Program.Failures[id])) _warnings.Add(Program.Failures[id]);
    }

    /// <summary>The warnings met since the last call, each the first time it was met.</summary>
    public IReadOnlyList<Diagnostic> TakeWarnings()
    {
        lock (_gate)
        {
            var taken = _warnings.ToArray();
            _warnings.Clear();
            return taken;
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        lock (_outputGate) Stdout.Write(text);
    }

    public void FlushOutput()
    {
        lock (_outputGate) Stdout.Flush();
    }

}
