using System.Runtime.InteropServices;

namespace Translate.Backends.Llvm.Api;

/// <summary>
/// Where the JIT placed the code of the objects added to it, in a native table that a signal handler can read (no
/// managed code may run there): the cpu device's fault handler unwinds from a fault only when the faulting instruction
/// is in this code, so it never skips frames of the .NET runtime or of libc. Slots are pairs (start, end); a free slot's
/// start is 0. An owner removes its ranges before its code is freed.
/// </summary>
public static unsafe class JitCodeRanges
{
    public const int Capacity = 8192;

    /// <summary>The table: <see cref="Capacity"/> pairs of (start, end) addresses.</summary>
    public static readonly long* Table = (long*)NativeMemory.AllocZeroed(Capacity * 2 * sizeof(long));

    private static readonly Lock Gate = new();
    private static int _searchFrom;

    /// <summary>Records the executable sections of <paramref name="elf"/>, which was just added to a JIT whose <paramref name="lookup"/>
    /// gives a symbol's address; the slots taken, for <see cref="Remove"/> (a full table records nothing more).</summary>
    public static int[] Add(byte[] elf, Func<string, nint> lookup)
    {
        var ranges = ElfObject.CodeRanges(elf, lookup);
        var slots = new List<int>(ranges.Count);
        lock (Gate)
            foreach (var (start, size) in ranges)
                for (int n = 0; n < Capacity; n++)
                {
                    int i = (_searchFrom + n) % Capacity;
                    if (Table[2 * i] != 0) continue;
                    Table[2 * i + 1] = start + size;
                    Volatile.Write(ref Table[2 * i], start); // the end is in place before the slot counts
                    slots.Add(i);
                    _searchFrom = i + 1;
                    break;
                }
        return [.. slots];
    }

    /// <summary>Frees the slots <see cref="Add"/> took.</summary>
    public static void Remove(IEnumerable<int> slots)
    {
        lock (Gate)
            foreach (int i in slots)
            {
                Volatile.Write(ref Table[2 * i], 0);
                Table[2 * i + 1] = 0;
            }
    }
}
