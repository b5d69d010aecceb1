using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Translate.Ir.Diagnostics;

namespace Translate.Interpreter.Memory;

/// <summary>
/// All memory of a running program. A pointer is a 64-bit value: <see cref="IdBase"/> plus the allocation
/// id in the high bits, byte offset in the low 32 bits. Id 0 is never used, so small integers turned into
/// pointers are recognisably bad, and null is 0. Pointer arithmetic is plain 64-bit addition, so ptrtoint /
/// inttoptr round-trip; every access checks null, freed, bounds and alignment. With
/// native memory (kernels of a native executable) a pointer below 2^47 is a real address of
/// the process, reached through <see cref="NativeMirrors"/>.
/// </summary>
internal sealed class Heap(NativeMirrors? native = null)
{
    // The process memory kernels may reach (build mode), or null (the whole program runs here).
    private readonly NativeMirrors? _native = native;
    private readonly List<Allocation?> _table = [null];

    /// <summary>
    /// Added to allocation ids in a pointer's high 32 bits: every heap pointer is 2^47 or more, above any
    /// user-space address of x86-64 Linux, so heap pointers and a native process's addresses never meet.
    /// </summary>
    private const long IdBase = 1 << 15;

    // Bit set of AllocationKind values the current side may not touch (see UseSide).
    private int _forbiddenKinds = HostForbidden;
    private const int HostForbidden = 1 << (int)AllocationKind.Device | 1 << (int)AllocationKind.Shared | 1 << (int)AllocationKind.Constant
        | 1 << (int)AllocationKind.DeviceStack;
    private const int DeviceForbidden = 1 << (int)AllocationKind.Host | 1 << (int)AllocationKind.Stack;

    /// <summary>Data races on shared memory, checked on every plain load and store of it.</summary>
    public SharedMemoryRaces Races { get; } = new();

    /// <summary>True while host code runs (the start), false while a kernel does.</summary>
    public bool OnHost => _forbiddenKinds == HostForbidden;

    /// <summary>
    /// Selects whose accesses follow: host code may not dereference cudaMalloc'd, shared or constant
    /// memory, and device code may not dereference host malloc memory — on a GPU both fail, so the
    /// interpreter reports TR0313 rather than run a program that only works here. Managed and pinned
    /// memory are reachable from both. Returns the previous side, to restore.
    /// </summary>
    public bool UseSide(bool host)
    {
        bool was = OnHost;
        _forbiddenKinds = host ? HostForbidden : DeviceForbidden;
        return was;
    }

    /// <summary>Lifts the side rule for the runtime's own copies (cudaMemcpy and friends check directions themselves).</summary>
    public void AllowBothSides() => _forbiddenKinds = 0;

    public static long MakePointer(int id, long offset) => ((id + IdBase) << 32) + offset;
    public static int IdOf(long pointer) => (int)((pointer >> 32) - IdBase);
    public static long OffsetOf(long pointer) => (uint)pointer;

    public long Allocate(long size, AllocationKind kind, string what, bool readOnly = false)
    {
        if (size < 0 || size > int.MaxValue) throw new RuntimeError(Codes.BadLaunch, $"allocation of {size} bytes is too large");
        var id = _table.Count;
        var a = new Allocation(id, new byte[size], kind, readOnly, what);
        _table.Add(a);
        return MakePointer(id, 0);
    }

    /// <summary>A NUL-terminated UTF-8 string: read-only as a literal, writable otherwise (argv strings are).</summary>
    public long AllocateString(string value, AllocationKind kind = AllocationKind.StringLiteral)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var id = _table.Count;
        var data = new byte[bytes.Length + 1];
        bytes.CopyTo(data, 0);
        _table.Add(new Allocation(id, data, kind, readOnly: kind == AllocationKind.StringLiteral,
            kind == AllocationKind.StringLiteral ? "string literal" : $"string \"{(value.Length > 20 ? value[..20] + "..." : value)}\""));
        return MakePointer(id, 0);
    }

    /// <summary>The allocation a pointer names, or null (no check of the offset).</summary>
    public Allocation? Find(long pointer)
    {
        var id = IdOf(pointer);
        if (id > 0 && id < _table.Count) return _table[id];
        return _native is not null && _native.Find(pointer, out _) is { } mirrored ? mirrored : null;
    }

    /// <summary>Allocations not yet freed, in id order.</summary>
    public IEnumerable<Allocation> Live => _table.Where(a => a is { Freed: false })!;

    /// <summary>Marks an allocation freed. Its table slot stays, so later use reports use-after-free.</summary>
    public void Release(long pointer)
    {
        var a = Find(pointer);
        if (a is null || a.Id <= 0) return; // native memory is its owner's to free
        // A small tombstone replaces the allocation: the bytes go, use-after-free is still recognised.
        _table[a.Id] = new Allocation(a.Id, [], a.Kind, a.ReadOnly, a.What) { Freed = true };
    }

    /// <summary>Checks an access of <paramref name="size"/> bytes aligned to <paramref name="align"/>; returns the allocation and offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Allocation Check(long pointer, int size, int align, bool write, out int offset)
    {
        var id = IdOf(pointer);
        offset = (int)(uint)pointer;
        if (id > 0 && id < _table.Count)
        {
            var a = _table[id];
            if (a is not null && !a.Freed && (uint)offset + (uint)size <= (uint)a.Data.Length && (offset & (align - 1)) == 0 && !(write && a.ReadOnly)
                && ((1 << (int)a.Kind) & _forbiddenKinds) == 0)
                return a;
        }
        else if (_native is not null && _native.Find(pointer, out long at) is { } m)
        {
            offset = (int)at;
            if ((ulong)at + (uint)size <= (ulong)m.Data.Length && ((pointer & (align - 1)) == 0) && !(write && m.ReadOnly)) return m;
        }
        throw Explain(pointer, size, align, write);
    }

    private RuntimeError Explain(long pointer, int size, int align, bool write)
    {
        string verb = write ? "write" : "read";
        if (pointer == 0) return new RuntimeError(Codes.NullPointer, $"{verb} of {size} bytes through a null pointer");
        if (_native is not null && IdOf(pointer) <= 0) return _native.Explain(pointer, size, align, write);
        var a = Find(pointer);
        if (a is null) return new RuntimeError(Codes.BadPointer, $"{verb} of {size} bytes at 0x{pointer:x}: not an address of any allocation");
        long off = (uint)pointer;
        if (a.Freed) return new RuntimeError(Codes.UseAfterFree, $"{verb} of {size} bytes in {a.What}, which was freed");
        if (off + size > a.Data.Length || off > int.MaxValue)
            return new RuntimeError(Codes.OutOfBounds, $"{verb} of {size} bytes at offset {(int)off} of {a.What}, which is {a.Data.Length} bytes long");
        if ((off & (align - 1)) != 0)
            return new RuntimeError(Codes.Misaligned, $"{verb} of {size} bytes at offset {off} of {a.What}: needs {align}-byte alignment");
        if (((1 << (int)a.Kind) & _forbiddenKinds) != 0)
            return new RuntimeError(Codes.WrongSpace, OnHost
                ? $"host code {verb}s {a.What}, which only the device can access (copy it with cudaMemcpy, or use cudaMallocManaged)"
                : $"device code {verb}s {a.What}, which is host memory the GPU cannot access (copy it to the device first)");
        return new RuntimeError(Codes.ReadOnlyWrite, $"write to {a.What}, which is read-only");
    }

    /// <summary>Reads a scalar of 1, 2, 4 or 8 bytes, sign-extended.</summary>
    public long Read(long pointer, int size)
    {
        var a = Check(pointer, size, size, false, out var o);
        if (a.Kind == AllocationKind.Shared) Races.Read(a, o, size);
        return ReadAt(a.Data, o, size);
    }

    public void Write(long pointer, int size, long value)
    {
        var a = Check(pointer, size, size, true, out var o);
        if (a.Kind == AllocationKind.Shared) Races.Write(a, o, size, value);
        WriteAt(a.Data, o, size, value);
    }

    /// <summary>A read by an atomic operation: checked like any, but no data race (atomics do not race).</summary>
    public long ReadAtomic(long pointer, int size) => ReadAt(Check(pointer, size, size, false, out var o).Data, o, size);

    /// <summary>A write by an atomic operation (see <see cref="ReadAtomic"/>).</summary>
    public void WriteAtomic(long pointer, int size, long value) => WriteAt(Check(pointer, size, size, true, out var o).Data, o, size, value);

    private static long ReadAt(byte[] d, int o, int size) => size switch
    {
        1 => (sbyte)d[o],
        2 => BinaryPrimitives.ReadInt16LittleEndian(d.AsSpan(o)),
        4 => Unsafe.ReadUnaligned<int>(ref d[o]),
        _ => Unsafe.ReadUnaligned<long>(ref d[o]),
    };

    private static void WriteAt(byte[] d, int o, int size, long value)
    {
        switch (size)
        {
            case 1: d[o] = (byte)value; break;
            case 2: Unsafe.WriteUnaligned(ref d[o], (short)value); break;
            case 4: Unsafe.WriteUnaligned(ref d[o], (int)value); break;
            default: Unsafe.WriteUnaligned(ref d[o], value); break;
        }
    }

    /// <summary>A span over <paramref name="size"/> checked bytes (alignment 1).</summary>
    public Span<byte> Bytes(long pointer, long size, bool write)
    {
        if (size == 0) return [];
        if (size > int.MaxValue) throw Explain(pointer, int.MaxValue, 1, write);
        var a = Check(pointer, (int)size, 1, write, out var o);
        return a.Data.AsSpan(o, (int)size);
    }

    /// <summary>Copies with memmove semantics (overlap allowed, as the interpreter is not required to break it).</summary>
    public void Copy(long dest, long src, long size, int align = 1)
    {
        if (size == 0) return;
        if (size > int.MaxValue) throw Explain(src, int.MaxValue, 1, false);
        // Aggregate loads and stores (e.g. a float4) need their type's alignment, like scalars; an error names the whole access.
        var from = Check(src, (int)size, align, false, out var so);
        var to = Check(dest, (int)size, align, true, out var dof);
        var s = from.Data.AsSpan(so, (int)size);
        if (from.Kind == AllocationKind.Shared) Races.Read(from, so, (int)size);
        if (to.Kind == AllocationKind.Shared) Races.Write(to, dof, s);
        s.CopyTo(to.Data.AsSpan(dof, (int)size));
    }

    /// <summary>Reads a NUL-terminated string (bytes decoded as UTF-8).</summary>
    public string ReadCString(long pointer)
    {
        var a = Check(pointer, 1, 1, false, out var o);
        int end = Array.IndexOf(a.Data, (byte)0, o);
        if (end < 0) throw new RuntimeError(Codes.OutOfBounds, $"string at offset {o} of {a.What} has no terminating NUL");
        return Encoding.UTF8.GetString(a.Data, o, end - o);
    }
}
