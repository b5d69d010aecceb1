using System.Buffers.Binary;
using System.Text;

namespace Translate.Backends.Llvm.Api;

/// <summary>
/// Names JIT-compiled code for Linux <c>perf</c>: with <c>TRANSLATE_PERF_MAP=1</c> every function of every
/// object added to the JIT gets a line <c>START SIZE NAME</c> in <c>/tmp/perf-PID.map</c>, the file perf reads
/// for code it finds no symbols for. Without it a profile of a kernel shows bare addresses.
/// Addresses come from the object's ELF symbol table: a section is placed as one piece, so a function
/// (also a local one, which the JIT cannot look up) lies at its offset from a global function of the same
/// section, whose address the JIT gives.
/// </summary>
public static class PerfMap
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("TRANSLATE_PERF_MAP") == "1";

    private static readonly Lock Gate = new();

    /// <summary>Appends the functions of <paramref name="elf"/> to the map; <paramref name="lookup"/> gives a global symbol's address.</summary>
    public static void Record(byte[] elf, Func<string, nint> lookup)
    {
        var functions = Functions(elf);
        var bases = new Dictionary<int, long>();
        foreach (var f in functions.Where(f => f.Global))
            if (!bases.ContainsKey(f.Section))
            {
                try { bases[f.Section] = lookup(f.Name) - f.Value; }
                catch (LlvmException) { } // not materialized or not exported: try another of the section
            }
        var lines = new StringBuilder();
        foreach (var f in functions)
            if (bases.TryGetValue(f.Section, out long b) && f.Size > 0)
                lines.Append($"{b + f.Value:x} {f.Size:x} {f.Name}\n");
        lock (Gate) File.AppendAllText($"/tmp/perf-{Environment.ProcessId}.map", lines.ToString());
    }

    private readonly record struct Function(string Name, int Section, long Value, long Size, bool Global);

    /// <summary>The defined functions of an ELF64 little-endian relocatable object.</summary>
    private static List<Function> Functions(byte[] elf)
    {
        var result = new List<Function>();
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2) return result;
        var span = elf.AsSpan();
        long shoff = BinaryPrimitives.ReadInt64LittleEndian(span[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        for (int i = 0; i < shnum; i++)
        {
            var sh = span[(int)(shoff + i * shentsize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != 2) continue; // SHT_SYMTAB
            long offset = BinaryPrimitives.ReadInt64LittleEndian(sh[0x18..]);
            long size = BinaryPrimitives.ReadInt64LittleEndian(sh[0x20..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            long entsize = BinaryPrimitives.ReadInt64LittleEndian(sh[0x38..]);
            long strings = BinaryPrimitives.ReadInt64LittleEndian(span[(int)(shoff + link * shentsize + 0x18)..]);
            for (long s = offset; s + 24 <= offset + size; s += entsize)
            {
                var sym = span[(int)s..];
                byte info = sym[4];
                int section = BinaryPrimitives.ReadUInt16LittleEndian(sym[6..]);
                if ((info & 0xf) != 2 || section == 0 || section >= 0xff00) continue; // defined STT_FUNC only
                int nameAt = (int)(strings + BinaryPrimitives.ReadUInt32LittleEndian(sym));
                int end = Array.IndexOf(elf, (byte)0, nameAt);
                result.Add(new Function(Encoding.UTF8.GetString(elf, nameAt, end - nameAt), section,
                    BinaryPrimitives.ReadInt64LittleEndian(sym[8..]), BinaryPrimitives.ReadInt64LittleEndian(sym[16..]), info >> 4 != 0));
            }
        }
        return result;
    }
}
