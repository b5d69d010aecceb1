using System.Runtime.InteropServices;
using Translate.Interpreter.Execution;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Interpreter.BuildMode;

/// <summary>
/// The device code of a native executable run by the reference interpreter (build mode's <c>interp</c>
/// device): kernels launched with CUDA's packed argument records, every access checked against the
/// process's device allocations (<see cref="NativeMirrors"/>), barriers and warp operations checked as in
/// a whole-program run. Device variables live in the interpreter's heap; each has a host shadow (its
/// address for cudaMemcpyToSymbol and friends) that is copied in before each launch and out after it.
/// Not thread-safe: the caller runs one launch at a time.
/// </summary>
public sealed unsafe class InterpretedDeviceCode : IDisposable
{
    private readonly Machine _machine;
    private readonly NativeMirrors _native;
    private readonly List<(nint Shadow, long Heap, int Size)> _globals = [];
    private readonly Dictionary<string, nint> _shadows = [];

    /// <param name="program">The checked device module.</param>
    /// <param name="stdout">Where device printf writes.</param>
    /// <param name="reachable">The process block a kernel may reach at an address (device memory, mapped host memory), or null.</param>
    public InterpretedDeviceCode(CheckedModule program, TextWriter stdout, Func<nint, NativeBlock?> reachable)
    {
        _native = new NativeMirrors(reachable);
        _machine = new Machine(new LoadedProgram(program, new ExternalLibrary(), _native), stdout, TextWriter.Null);
        var heap = _machine.Heap;
        heap.AllowBothSides();
        foreach (var g in program.Module.Globals)
        {
            long at = _machine.Program.GlobalAddress(g.Name);
            var block = heap.Find(at)!;
            var shadow = (nint)NativeMemory.AlignedAlloc((nuint)block.Data.Length, 64);
            block.Data.CopyTo(new Span<byte>((void*)shadow, block.Data.Length));
            _native.Alias(shadow, block);
            _globals.Add((shadow, at, block.Data.Length));
            _shadows[g.Name] = shadow;
        }
        Kernels = program.Kernels.ToList();
    }

    /// <summary>The module's kernels, in the order launches name them.</summary>
    public IReadOnlyList<FunctionDef> Kernels { get; }

    /// <summary>The host-side address of device variable <paramref name="name"/>, or 0.</summary>
    public nint GlobalAddress(string name) => _shadows.GetValueOrDefault(name);

    /// <summary>
    /// Runs one launch to completion; returns 0 or the CUDA error code of a refused configuration (the caller
    /// has checked the kernel's own dynamic shared memory limit; this checks the device's opt-in limit). A
    /// kernel that goes wrong (out-of-bounds access, barrier divergence, failed assert …) throws
    /// <see cref="DiagnosticException"/>, located at the IR operation and naming the CUDA line and thread.
    /// </summary>
    public int Launch(int kernel, int[] grid, int[] block, long dynamicSharedBytes, byte* record, long[] offsets, bool cooperative)
    {
        var definition = Kernels[kernel];
        var heap = _machine.Heap;
        var temporaries = new List<long>();
        try
        {
            heap.AllowBothSides();
            foreach (var (shadow, at, size) in _globals)
                new ReadOnlySpan<byte>((void*)shadow, size).CopyTo(heap.Bytes(at, size, write: true));
            var args = new long[definition.Parameters.Count];
            for (int k = 0; k < args.Length; k++)
            {
                var type = definition.Parameters[k].Type;
                int size = (int)_machine.Program.Layout.SizeOf(type);
                byte* value = record + offsets[k];
                if (type.IsAggregate)
                {
                    long copy = heap.Allocate(size, AllocationKind.Pinned, $"argument '{definition.Parameters[k].Name}'");
                    new ReadOnlySpan<byte>(value, size).CopyTo(heap.Bytes(copy, size, write: true));
                    temporaries.Add(copy);
                    args[k] = copy;
                }
                else args[k] = type.IsBool ? (*value != 0 ? 1 : 0) : size switch
                {
                    1 => *(sbyte*)value,
                    2 => *(short*)value,
                    4 => *(int*)value,
                    _ => *(long*)value,
                };
            }
            long error = _machine.LaunchGrid(_machine.Program.CodeOf(definition), [grid[0], grid[1], grid[2]], [block[0], block[1], block[2]],
                dynamicSharedBytes, args, cooperative, DeviceContract.CudaLimits.SharedBytesPerBlockOptin);
            return (int)error;
        }
        catch (RuntimeError e)
        {
            throw new DiagnosticException(new Diagnostic(e.Code, definition.Location, e.Message));
        }
        finally
        {
            _native.Flush();
            heap.AllowBothSides();
            foreach (var (shadow, at, size) in _globals)
                heap.Bytes(at, size, write: false).CopyTo(new Span<byte>((void*)shadow, size));
            foreach (var t in temporaries) heap.Release(t);
            _machine.Stdout.Flush();
        }
    }

    public void Dispose()
    {
        foreach (var (shadow, _, _) in _globals) NativeMemory.AlignedFree((void*)shadow);
        _globals.Clear();
    }
}
