using Translate.Backends.OpenCl;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>What one launch measured: the kernel's time on the device (profiling events).</summary>
public sealed record LaunchResult(string Kernel, TimeSpan DeviceTime, ulong DeviceNanoseconds);

/// <summary>
/// A module built for one OpenCL device: its kernels, and the buffers holding the module's globals
/// (initialized from their initializers; CUDA's <c>cudaMemcpyToSymbol</c> writes them with <see cref="GlobalBuffer"/>).
/// </summary>
public sealed class OpenClModule : IDisposable
{
    private readonly OpenClSession _session;
    private readonly ClProgram _built;
    private readonly Dictionary<string, ClKernel> _kernels = [];
    private readonly Dictionary<string, ClBuffer> _globals = [];
    private ClBuffer? _clockCounter;
    // The first trap's id and the first warning's, zero while none fired: one buffer for the module's life (launches are
    // serialized by its hosts), written back to zero only after a launch set it (a buffer made, zeroed and released per
    // launch cost three blocking round trips to the device, most of a small launch's time on PoCL).
    private ClBuffer? _trapStatus;

    internal OpenClModule(OpenClSession session, CheckedModule module, OpenClProgram program, ClProgram built, IReadOnlyList<Diagnostic> warnings)
    {
        _session = session;
        _built = built;
        Program = program;
        Warnings = warnings;
        foreach (var g in program.Globals)
        {
            var buffer = session.Context.CreateBuffer(g.Size);
            buffer.Write<byte>(GlobalImage.Bytes(g.Definition, module.Layout));
            _globals[g.Definition.Name] = buffer;
        }
    }

    /// <summary>The emitted OpenCL C and its kernels' argument lists.</summary>
    public OpenClProgram Program { get; }

    public string Source => Program.Source;

    public IReadOnlyList<Diagnostic> Warnings { get; }

    private readonly HashSet<Diagnostic> _warned = [];
    private readonly List<Diagnostic> _runtimeWarnings = [];

    /// <summary>Records a warning for <see cref="TakeRuntimeWarnings"/>, once per module.</summary>
    internal void Warn(Diagnostic warning)
    {
        lock (_warned)
            if (_warned.Add(warning)) _runtimeWarnings.Add(warning);
    }

    /// <summary>Warnings kernels met at run time (TR0319) since the last call, each the first time it was met.</summary>
    public IReadOnlyList<Diagnostic> TakeRuntimeWarnings()
    {
        lock (_warned)
        {
            var taken = _runtimeWarnings.ToArray();
            _runtimeWarnings.Clear();
            return taken;
        }
    }

    /// <summary>The buffer holding global variable <paramref name="name"/> (by its IR name).</summary>
    public ClBuffer GlobalBuffer(string name) =>
        _globals.TryGetValue(name, out var b) ? b : throw new KeyNotFoundException($"no device code uses a global named '{name}'");

    /// <summary>
    /// Runs kernel <paramref name="kernel"/> on a grid of blocks, as <c>kernel&lt;&lt;&lt;grid, block, dynamicSharedBytes&gt;&gt;&gt;(arguments)</c>,
    /// and waits for it. Arguments follow the CUDA parameters; the emitter's extra arguments are supplied here.
    /// </summary>
    public LaunchResult Launch(string kernel, Dim3 grid, Dim3 block, long dynamicSharedBytes, params KernelArgument[] arguments) =>
        Launch(kernel, grid, block, dynamicSharedBytes, arguments, cooperative: false);

    /// <summary>
    /// As above; <paramref name="cooperative"/> is <c>cudaLaunchCooperativeKernel</c>, which a kernel with grid barriers
    /// needs (as on cpu and interp: its grid barrier could never complete otherwise, TR0317). <paramref name="enqueued"/>, if
    /// given, runs once the kernel (its last phase) is enqueued, before the launch waits for it: commands it enqueues
    /// without waiting (mapping buffers back to the host) are complete when this returns, for the one wait the launch
    /// makes anyway.
    /// </summary>
    public LaunchResult Launch(string kernel, Dim3 grid, Dim3 block, long dynamicSharedBytes, KernelArgument[] arguments, bool cooperative,
        Action? enqueued = null)
    {
        if (!Program.GridPhases.TryGetValue(kernel, out var plan)) return LaunchOne(kernel, grid, block, dynamicSharedBytes, arguments, enqueued);
        if (!cooperative)
            throw new DiagnosticException(new Diagnostic(Codes.GridBarrierIncomplete, plan.FirstGridSync,
                Codes.GridSyncNotCooperative));
        return LaunchPhases(plan, grid, block, dynamicSharedBytes, arguments, enqueued);
    }

    /// <summary>
    /// A kernel split at its grid barriers: its phases one after another over the same grid, sharing a spill buffer
    /// that carries each thread's variables and each block's shared memory from one phase to the next.
    /// </summary>
    private LaunchResult LaunchPhases(Ir.Transformations.GridPhasePlan plan, Dim3 grid, Dim3 block, long dynamicSharedBytes, KernelArgument[] arguments,
        Action? enqueued)
    {
        using var spill = _session.Context.CreateBuffer(plan.SpillBytes(grid.Count, block.Count, dynamicSharedBytes));
        KernelArgument[] phaseArguments = [.. arguments, KernelArgument.Pointer(spill), KernelArgument.Long(dynamicSharedBytes)];
        var time = TimeSpan.Zero;
        ulong nanoseconds = 0;
        foreach (var phase in plan.Phases)
        {
            var r = LaunchOne(phase, grid, block, dynamicSharedBytes, phaseArguments, phase == plan.Phases[^1] ? enqueued : null);
            time += r.DeviceTime;
            nanoseconds += r.DeviceNanoseconds;
        }
        return new LaunchResult(plan.Kernel, time, nanoseconds);
    }

    private LaunchResult LaunchOne(string kernel, Dim3 grid, Dim3 block, long dynamicSharedBytes, KernelArgument[] arguments, Action? enqueued = null)
    {
        var info = Program.Kernel(kernel);
        int userCount = info.Arguments.Count(a => a.Kind == OpenClArgumentKind.User);
        if (arguments.Length != userCount)
            throw Bad($"kernel '{kernel}' takes {userCount} arguments; {arguments.Length} given");
        if (grid.Count <= 0 || block.Count <= 0 || block.Count > _session.Device.MaxWorkGroupSize)
            throw Bad($"grid {grid} and block {block} are not a valid launch (this device allows at most {_session.Device.MaxWorkGroupSize} threads per block)");
        if (!_kernels.TryGetValue(kernel, out var k)) _kernels[kernel] = k = _built.CreateKernel(info.EmittedName);
        ClBuffer? trapStatus = null;
        try
        {
            for (int i = 0; i < info.Arguments.Count; i++)
            {
                var a = info.Arguments[i];
                switch (a.Kind)
                {
                    case OpenClArgumentKind.User:
                        switch (arguments[a.UserIndex])
                        {
                            // An empty struct's value (0 bytes) goes as the one unused byte the kernel declares for it.
                            case KernelArgument.Value v: k.SetBytes(i, v.Bytes.Length == 0 ? [0] : v.Bytes); break;
                            case KernelArgument.Struct st: k.SetBytes(i, st.Bytes); break;
                            case KernelArgument.Null: k.SetBuffer(i, null); break;
                            // The offset goes in the PointerOffset argument that follows (OpenClTarget.PointerOffsets).
                            case KernelArgument.Buffer b when Program.PointerOffsets || b.ByteOffset == 0: k.SetBuffer(i, b.Target); break;
                            case KernelArgument.Buffer: throw Bad($"kernel '{kernel}' was built to take whole buffers; argument {a.UserIndex + 1} points into one");
                        }
                        break;
                    case OpenClArgumentKind.PointerOffset:
                        k.SetBytes(i, BitConverter.GetBytes(arguments[a.UserIndex] is KernelArgument.Buffer pointed ? pointed.ByteOffset : 0L));
                        break;
                    case OpenClArgumentKind.StructPointer:
                        var target = arguments[a.UserIndex] is KernelArgument.Struct held ? held.Pointers[a.FieldOffset]
                            : throw Bad($"kernel '{kernel}' takes a struct holding pointers as argument {a.UserIndex + 1}; its bytes alone were given");
                        k.SetBuffer(i, target is KernelArgument.Buffer { ByteOffset: 0 } b0 ? b0.Target
                            : target is KernelArgument.Null ? null : throw Bad($"a pointer inside argument {a.UserIndex + 1} of '{kernel}' must be a whole buffer"));
                        break;
                    case OpenClArgumentKind.Global:
                        k.SetBuffer(i, _globals[a.GlobalName!]);
                        break;
                    case OpenClArgumentKind.DynamicShared:
                        k.SetLocalSize(i, dynamicSharedBytes);
                        break;
                    case OpenClArgumentKind.WarpScratch:
                        k.SetLocalSize(i, OpenClKernel.WarpScratchBytes(block.Count));
                        break;
                    case OpenClArgumentKind.TrapStatus:
                        if (_trapStatus is null)
                        {
                            _trapStatus = _session.Context.CreateBuffer(2 * sizeof(int));
                            _trapStatus.Write<int>([0, 0]);
                        }
                        trapStatus = _trapStatus;
                        k.SetBuffer(i, trapStatus);
                        break;
                    case OpenClArgumentKind.ClockCounter:
                        // One counter for the module's life, so clock() keeps growing from launch to launch.
                        if (_clockCounter is null)
                        {
                            _clockCounter = _session.Context.CreateBuffer(sizeof(ulong));
                            _clockCounter.Write<ulong>([0]);
                        }
                        k.SetBuffer(i, _clockCounter);
                        break;
                }
            }
            // CUDA's grid counts blocks; OpenCL's global size counts work-items.
            using var evt = k.Enqueue([(long)grid.X * block.X, (long)grid.Y * block.Y, (long)grid.Z * block.Z], [block.X, block.Y, block.Z]);
            enqueued?.Invoke();
            if (trapStatus is null)
            {
                if (enqueued is null) evt.Wait();
                else _session.Context.Finish(); // the kernel and what was enqueued after it
            }
            else
            {
                // The blocking read waits for the kernel too (the queue runs commands in order): one round trip, not two.
                Span<int> status = stackalloc int[2];
                trapStatus.Read(status);
                if (status[0] != 0 || status[1] != 0) trapStatus.Write<int>([0, 0]);
                if (Program.TrapErrors.TryGetValue(status[1], out var warning)) Warn(warning);
                if (Program.TrapErrors.TryGetValue(status[0], out var error))
                    throw new DiagnosticException(new Diagnostic(error.Code, error.Location, $"kernel '{kernel}' stopped: {error.Message}"));
                if (status[0] > 0 && status[0] <= Program.Traps.Count)
                    throw new DiagnosticException(new Diagnostic(Codes.Trap, Program.Traps[status[0] - 1],
                        $"trap in kernel '{kernel}': the program stopped itself (__trap or a failed assert)"));
                if (status[0] < 0 && -status[0] <= Program.Traps.Count)
                    throw new DiagnosticException(new Diagnostic(Codes.AssertFailed, Program.Traps[-status[0] - 1],
                        $"a device-side assertion failed in kernel '{kernel}': the program stopped"));
            }
            return new LaunchResult(kernel, evt.Duration, evt.DurationNanoseconds);
        }
        catch (OpenClException e)
        {
            throw new DiagnosticException(new Diagnostic(Codes.OpenClCallFailed, SourceLocation.None, $"launch of '{kernel}': {e.Message}"));
        }
    }

    private static DiagnosticException Bad(string why) => new(new Diagnostic(Codes.BadLaunch, SourceLocation.None, why));

    public void Dispose()
    {
        foreach (var k in _kernels.Values) k.Dispose();
        foreach (var b in _globals.Values) b.Dispose();
        _clockCounter?.Dispose();
        _trapStatus?.Dispose();
        // The built program belongs to the session's cache.
    }
}
