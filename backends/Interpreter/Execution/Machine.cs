using Translate.DeviceContract;
using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Semantics;

namespace Translate.Interpreter.Execution;

/// <summary>
/// Runs a loaded program: the host thread from <c>main</c>, and kernels (synchronously) when it
/// launches them. Partial files: the dispatch loop, kernel launch and scheduling, warp collectives.
/// </summary>
internal sealed partial class Machine
{
    /// <summary>Frames per thread before TR0309: deep enough for real recursion, far from a .NET stack overflow (frames are on the heap).</summary>
    public const int MaxCallDepth = 10_000;

    public Machine(LoadedProgram program, TextWriter stdout, TextWriter stderr, IKernelDispatcher? dispatcher = null)
    {
        Dispatcher = dispatcher;
        Program = program;
        Stdout = stdout;
        Stderr = stderr;
        // Stream and event handles are one-byte heap blocks, so a handle used as a pointer is reported as what it is.
        Cuda = new CudaRuntimeState(what => Heap.Allocate(1, AllocationKind.Host, what));
    }

    public LoadedProgram Program { get; }
    public Heap Heap => Program.Heap;
    public TextWriter Stdout { get; }
    public TextWriter Stderr { get; }
    public CudaRuntimeState Cuda { get; }

    /// <summary>Where launches run: null runs them here, thread by thread.</summary>
    public IKernelDispatcher? Dispatcher { get; }
    public GlibcRandom Random { get; } = new();

    /// <summary>Bytecode instructions executed so far, over all threads.</summary>
    public long InstructionCount { get; private set; }

    /// <summary>Starts <paramref name="function"/> as the only frame of a new thread.</summary>
    public ExecutionThread StartThread(FunctionCode function, ReadOnlySpan<long> arguments, BlockContext? block)
    {
        var t = new ExecutionThread { Block = block };
        PushFrame(t, function, arguments, -1);
        return t;
    }

    private Frame PushFrame(ExecutionThread t, FunctionCode f, ReadOnlySpan<long> arguments, int destination)
    {
        if (t.Depth >= MaxCallDepth)
            throw new RuntimeError(Codes.StackOverflow, $"calling '{f.Name}' exceeds the call depth limit of {MaxCallDepth} frames (runaway recursion?)");
        Program.EnsureCompiled(f);
        var stackKind = t.Block is null ? AllocationKind.Stack : AllocationKind.DeviceStack;
        var regs = new long[f.RegisterCount];
        arguments.CopyTo(regs);
        var frame = new Frame(f, regs, destination);
        foreach (var (r, v) in f.Preloads) regs[r] = v;
        if (f.TemporaryBytes > 0)
        {
            long base_ = Heap.Allocate(f.TemporaryBytes, stackKind, $"temporaries of '{f.Name}'");
            (frame.Allocations ??= []).Add(base_);
            foreach (var (r, off) in f.Temporaries) regs[r] = base_ + off;
        }
        foreach (var m in f.MemoryVariables)
        {
            long p = Heap.Allocate(m.Size, stackKind, $"local '{m.Name}' of '{f.Name}'");
            (frame.Allocations ??= []).Add(p);
            if (m.IsParameter)
            {
                if (m.IsAggregate) Heap.Copy(p, regs[m.Register], m.Size);
                else Heap.Write(p, m.ScalarSize, regs[m.Register]);
            }
            regs[m.Register] = p;
        }
        if (t.Depth == t.Frames.Length) Array.Resize(ref t.Frames, t.Depth * 2);
        t.Frames[t.Depth++] = frame;
        return frame;
    }

    private void PopFrame(ExecutionThread t)
    {
        var f = t.Frames[--t.Depth];
        t.Frames[t.Depth] = null!;
        if (f.Allocations is { } list)
            foreach (var p in list) Heap.Release(p);
    }

    /// <summary>Turns a runtime error into a diagnostic at the IR operation, naming the CUDA line and thread.</summary>
    private DiagnosticException Located(ExecutionThread t, DiagnosticCode code, string message, Frame? frame, int pc)
    {
        var at = frame is not null && pc >= 0 && pc < frame.Function.Locations.Length ? frame.Function.Locations[pc] : Ir.Syntax.SourceLocation.None;
        return new DiagnosticException(new Diagnostic(code, at, message + Context(t)));
    }

    private static string Context(ExecutionThread t)
    {
        var s = t.Block is null ? "" : $" (in {t.Describe()})";
        if (t.CudaLocation is { } cuda) s += $" [CUDA source {cuda}]";
        return s;
    }

    /// <summary>
    /// Location text of a waiting thread's operation, for barrier and warp errors: the CUDA statement it waits
    /// in when the IR says (IR positions of device code embedded in an executable are positions in its text), else the IR operation.
    /// </summary>
    private static string WaitSite(ExecutionThread t) =>
        t.CudaLocation is { } cuda ? cuda.ToString()
        : t.WaitFunction is { } f && t.WaitPc < f.Locations.Length ? f.Locations[t.WaitPc].ToString() : "?";
}
