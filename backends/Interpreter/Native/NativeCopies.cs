using System.Runtime.InteropServices;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;

namespace Translate.Interpreter.Native;

/// <summary>
/// The native copies of interpreter memory one native call reaches through its pointer arguments. Interpreter
/// pointers name allocations, not addresses, so each pointer argument is handed over as a native copy of the
/// allocation it points into (one copy per allocation per call), copied back after the call; a returned pointer
/// into one of those copies maps back to the allocation. Memory reached through pointers stored inside that memory
/// is not translated, and a pointer that names no allocation (an integer made a pointer) is passed as its bits, as
/// C would. Dispose frees the copies.
/// </summary>
internal sealed unsafe class NativeCopies(ExternalCall call, string callee) : IDisposable
{
    private readonly List<(Allocation Allocation, nint Native)> _copies = [];

    /// <summary>The native address for an interpreter pointer: into a copy of its allocation, made once per call.</summary>
    public long ToNative(long pointer)
    {
        if (call.Heap.Find(pointer) is not { } a) return pointer;
        if (a.Freed) throw new RuntimeError(Codes.UseAfterFree, $"{callee} is passed a pointer into {a.What}, which was freed");
        // The side rule of every access (Heap.UseSide): host code reaches no device memory, device code no host memory.
        if (!call.OnDevice && a.Kind is AllocationKind.Device or AllocationKind.Shared or AllocationKind.Constant or AllocationKind.DeviceStack)
            throw new RuntimeError(Codes.WrongSpace, $"host code passes a pointer into {a.What} (device memory) to {callee}");
        if (call.OnDevice && a.Kind is AllocationKind.Host or AllocationKind.Stack)
            throw new RuntimeError(Codes.WrongSpace, $"device code passes a pointer into {a.What} (host memory) to {callee}");
        foreach (var (existing, native) in _copies)
            if (existing == a) return native + Heap.OffsetOf(pointer);
        // One spare byte past the end so a one-past-the-end pointer stays inside the copy.
        var copy = (nint)NativeMemory.AllocZeroed((nuint)a.Data.Length + 1);
        a.Data.CopyTo(new Span<byte>((void*)copy, a.Data.Length));
        _copies.Add((a, copy));
        return copy + Heap.OffsetOf(pointer);
    }

    /// <summary>The interpreter pointer for a native address: into the allocation whose copy it points into, else its bits.</summary>
    public long FromNative(long address)
    {
        foreach (var (a, native) in _copies)
            if (address >= native && address <= native + a.Data.Length)
                return Heap.MakePointer(a.Id, address - native);
        return address;
    }

    /// <summary>Writes what the native code changed back into the allocations (read-only ones cannot have changed).</summary>
    public void CopyBack()
    {
        foreach (var (a, native) in _copies)
            if (!a.ReadOnly) new ReadOnlySpan<byte>((void*)native, a.Data.Length).CopyTo(a.Data);
    }

    public void Dispose()
    {
        foreach (var (_, native) in _copies) NativeMemory.Free((void*)native);
        _copies.Clear();
    }
}
