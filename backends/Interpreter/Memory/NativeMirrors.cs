using Translate.Ir.Diagnostics;

namespace Translate.Interpreter.Memory;

/// <summary>A block of process memory a kernel may reach: its start, size, and whether it is host memory mapped for the device.</summary>
public readonly record struct NativeBlock(nint Start, long Size, bool MappedHost);

/// <summary>
/// The memory of a native process as the interpreter's kernels see it (build mode's <c>interp</c> device).
/// Pointers keep their real addresses, so pointers stored in memory, pointer arithmetic and casts behave
/// as on the device. A block (a window of at most 1 GiB of a larger one) is copied into a heap allocation the first time a launch touches it and
/// copied back by <see cref="Flush"/> at the launch's end, so every access is checked against the block
/// it falls in (bounds, alignment) while the process's memory changes only between launches.
/// Device variables are aliases: their host-side addresses name the heap allocations that hold them.
/// </summary>
internal sealed unsafe class NativeMirrors(Func<nint, NativeBlock?> resolve)
{
    /// <summary>x86-64 Linux user space ends at 2^47; the heap's own pointers start there.</summary>
    private const long UserSpaceEnd = 1L << 47;

    /// <summary>The most of one block mirrored in one heap allocation (a power of two: an access aligned within its block never straddles two).</summary>
    internal const long Window = 1L << 30;

    // Sorted by start: mirrors of this launch, and the device variables' aliases (kept across launches).
    private readonly List<(long Start, Allocation Block, bool Mirror)> _blocks = [];
    private (long Start, long End, Allocation Block) _last;
    // The whole block each mirrored window is part of.
    private readonly Dictionary<Allocation, NativeBlock> _windows = [];

    /// <summary>The heap allocation that holds [start, start + allocation size) from now on.</summary>
    public void Alias(nint start, Allocation block) => Insert(start, block, mirror: false);

    /// <summary>The allocation holding <paramref name="pointer"/> and the offset in it, or null when no reachable block contains it.</summary>
    public Allocation? Find(long pointer, out long offset)
    {
        if (pointer >= _last.Start && pointer < _last.End)
        {
            offset = pointer - _last.Start;
            return _last.Block;
        }
        offset = 0;
        if (pointer <= 0 || pointer >= UserSpaceEnd) return null;
        int i = Below(pointer);
        if (i >= 0 && pointer < _blocks[i].Start + _blocks[i].Block.Data.Length)
            return Hit(_blocks[i].Start, _blocks[i].Block, pointer, out offset);
        if (resolve((nint)pointer) is not { } block) return null;
        // A heap allocation holds less than 2 GiB, so a larger block is mirrored a window at a time, as touched.
        long first = (pointer - block.Start) / Window * Window;
        long size = Math.Min(Window, block.Size - first);
        long start = block.Start + first;
        var data = new byte[size];
        new ReadOnlySpan<byte>((void*)start, (int)size).CopyTo(data);
        string what = Describe(block);
        if (size != block.Size) what = $"bytes {first}–{first + size} of {what}";
        var mirror = new Allocation(0, data, block.MappedHost ? AllocationKind.Pinned : AllocationKind.Device, false, what);
        if (size != block.Size) _windows[mirror] = block;
        Insert(start, mirror, mirror: true);
        return Hit(start, mirror, pointer, out offset);
    }

    private Allocation Hit(long start, Allocation block, long pointer, out long offset)
    {
        _last = (start, start + block.Data.Length, block);
        offset = pointer - start;
        return block;
    }

    /// <summary>Writes every mirrored block back to the process and forgets it (the host may change or free it before the next launch).</summary>
    public void Flush()
    {
        foreach (var (start, block, mirror) in _blocks)
            if (mirror) block.Data.CopyTo(new Span<byte>((void*)start, block.Data.Length));
        _blocks.RemoveAll(b => b.Mirror);
        _windows.Clear();
        _last = default;
    }

    /// <summary>Why an access at a native address failed, naming the nearest block below it when it ran past one.</summary>
    public RuntimeError Explain(long pointer, int size, int align, bool write)
    {
        string verb = write ? "write" : "read";
        if (Find(pointer, out long offset) is { } a)
        {
            if (offset + size > a.Data.Length)
                return new RuntimeError(Codes.OutOfBounds, $"{verb} of {size} bytes at offset {offset} of {a.What}, which is {a.Data.Length} bytes long");
            if ((pointer & (align - 1)) != 0)
                return new RuntimeError(Codes.Misaligned, $"{verb} of {size} bytes at offset {offset} of {a.What}: needs {align}-byte alignment");
            return new RuntimeError(Codes.ReadOnlyWrite, $"write to {a.What}, which is read-only");
        }
        int i = Below(pointer);
        if (i >= 0)
        {
            // Past the end of a block touched in this launch (the whole block, when a window of it was touched).
            var (start, length, what) = _windows.TryGetValue(_blocks[i].Block, out var whole)
                ? ((long)whole.Start, whole.Size, Describe(whole)) : (_blocks[i].Start, (long)_blocks[i].Block.Data.Length, _blocks[i].Block.What);
            if (pointer >= start + length && pointer - (start + length) < 4096)
                return new RuntimeError(Codes.OutOfBounds, $"{verb} of {size} bytes at offset {pointer - start} of {what}, which is {length} bytes long");
        }
        return new RuntimeError(Codes.BadPointer, $"{verb} of {size} bytes at 0x{pointer:x}: not in any device allocation, device variable or " +
            "mapped host memory (host memory the GPU cannot access, freed memory, or a wild pointer)");
    }

    private static string Describe(NativeBlock block) =>
        $"{(block.MappedHost ? "mapped host memory" : "device memory")} of {block.Size} bytes at 0x{(long)block.Start:x}";

    /// <summary>Index of the last block starting at or below <paramref name="pointer"/>, or -1.</summary>
    private int Below(long pointer)
    {
        int lo = 0, hi = _blocks.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (_blocks[mid].Start <= pointer) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    private void Insert(long start, Allocation block, bool mirror)
    {
        int i = Below(start) + 1;
        _blocks.Insert(i, (start, block, mirror));
    }
}
