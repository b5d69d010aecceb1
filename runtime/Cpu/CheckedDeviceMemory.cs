using System.Runtime.InteropServices;
using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Cpu;

/// <summary>
/// Device memory for <c>--check</c> runs. Every allocation is carved from one reserved address range,
/// page-aligned, with an inaccessible guard page on each side (the range starts with one; each block is
/// followed by one, which the next block shares); freed memory is returned to the system and
/// its addresses are never handed out again. Compiled code asks <see cref="Explain"/> about each access
/// into the range, so an access outside every live allocation (past an end, into a gap, after free) is
/// a diagnostic instead of silent corruption; code that is not checked (libc's memcpy on such an
/// address) faults on the guard or freed pages instead of corrupting.
/// </summary>
public sealed unsafe partial class CheckedDeviceMemory : IDisposable
{
    private const long ReservedBytes = 1L << 36; // 64 GiB of addresses; pages cost memory only once allocated
    private const long Page = 4096;
    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymousNoReserve = 0x02 | 0x20 | 0x4000, MadviseDontNeed = 4;

    private readonly Lock _gate = new();
    private volatile Allocation[] _table = []; // sorted by start (addresses only grow); replaced, never changed in place
    private long _used = Page; // the first page stays inaccessible: an access just below the first block is in the range, and checked

    private sealed record Allocation(long Start, long Size, string Api, bool Freed);

    public CheckedDeviceMemory()
    {
        var p = Mmap(0, (nuint)(ulong)Size, ProtNone, MapPrivateAnonymousNoReserve, -1, 0);
        if (p == -1) throw new InvalidOperationException($"cannot reserve {ReservedBytes >> 30} GiB of address space for checked device memory (errno {Marshal.GetLastPInvokeError()})");
        Base = p;
    }

    /// <summary>Start of the range holding every allocation.</summary>
    public nint Base { get; }

    /// <summary>Size of that range in bytes.</summary>
    public static long Size => ReservedBytes;

    /// <summary>Whether <paramref name="address"/> lies in the checked range.</summary>
    public bool Covers(nint address) => (ulong)(address - Base) < (ulong)ReservedBytes;

    /// <summary>New zeroed memory of <paramref name="bytes"/> bytes from <paramref name="api"/> (cudaMalloc …); 0 when exhausted.</summary>
    public nint Allocate(long bytes, string api)
    {
        long pages = (Math.Max(bytes, 1) + Page - 1) / Page * Page;
        lock (_gate)
        {
            if (_used + pages + Page > ReservedBytes) return 0;
            nint start = Base + (nint)_used;
            if (Mprotect(start, (nuint)pages, ProtReadWrite) != 0) return 0;
            _used += pages + Page; // the page after stays inaccessible: a guard
            _table = [.. _table, new Allocation(start, bytes, api, false)];
            return start;
        }
    }

    /// <summary>Frees a live allocation given by its start; false when <paramref name="p"/> is not one.</summary>
    public bool Free(nint p)
    {
        lock (_gate)
        {
            int i = Find(p);
            if (i < 0 || _table[i] is not { Freed: false } a || a.Start != p) return false;
            long pages = (Math.Max(a.Size, 1) + Page - 1) / Page * Page;
            Mprotect(p, (nuint)pages, ProtNone);
            Madvise(p, (nuint)pages, MadviseDontNeed);
            var table = _table.ToArray();
            table[i] = a with { Freed = true };
            _table = table;
            return true;
        }
    }

    /// <summary>
    /// Null when <paramref name="bytes"/> bytes at <paramref name="address"/> lie inside one live allocation and the address is a
    /// multiple of <paramref name="align"/> (a power of two: what the access's instruction assumes); else the error and why,
    /// told from the nearest allocation: the one below, or the one above when the address is in the guard page just before it
    /// and nearer its start than the end of the one below.
    /// </summary>
    public (DiagnosticCode Code, string Why)? Explain(nint address, long bytes, long align = 1)
    {
        var table = _table;
        int i = Find(table, address);
        if (i + 1 < table.Length && table[i + 1] is var above && (long)above.Start - address <= Page
            && (i < 0 || (long)above.Start - address < address - (table[i].Start + table[i].Size)))
            return (Codes.OutOfBounds, $"at offset {address - (nint)above.Start} of {Describe(above)}, {above.Start - address} bytes before its start");
        if (i < 0) return (Codes.BadPointer, $"at 0x{address:x}: not an address of any device allocation");
        var a = table[i];
        long offset = address - (nint)a.Start;
        if (a.Freed && offset < a.Size) return (Codes.UseAfterFree, $"at offset {offset} of {Describe(a)}, which was freed");
        if (offset + bytes > a.Size) return (Codes.OutOfBounds, $"at offset {offset} of {Describe(a)}, which is {a.Size} bytes long");
        if ((address & (nint)(align - 1)) != 0) return (Codes.Misaligned, $"at offset {offset} of {Describe(a)}: needs {align}-byte alignment");
        return null;
    }

    private static string Describe(Allocation a) => $"a {a.Size}-byte allocation from {a.Api}";

    /// <summary>Index of the last allocation of the table starting at or before <paramref name="address"/>, or -1.</summary>
    private int Find(nint address) => Find(_table, address);

    private static int Find(Allocation[] table, nint address)
    {
        int lo = 0, hi = table.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (table[mid].Start <= address) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    public void Dispose() => Munmap(Base, (nuint)(ulong)Size);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)] private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);
    [LibraryImport("libc", EntryPoint = "munmap")] private static partial int Munmap(nint addr, nuint length);
    [LibraryImport("libc", EntryPoint = "mprotect")] private static partial int Mprotect(nint addr, nuint length, int prot);
    [LibraryImport("libc", EntryPoint = "madvise")] private static partial int Madvise(nint addr, nuint length, int advice);
}
