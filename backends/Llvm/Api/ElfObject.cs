using System.Buffers.Binary;
using System.Text;

namespace Translate.Backends.Llvm.Api;

/// <summary>
/// What the runtime reads from an ELF64 little-endian relocatable object it added to the JIT: its defined functions
/// and its executable sections. The JIT places a section as one piece, so a section's address is a global function's
/// address (which the JIT gives) less the function's offset in the section.
/// </summary>
internal static class ElfObject
{
    public readonly record struct Function(string Name, int Section, long Value, long Size, bool Global);

    /// <summary>The defined functions (STT_FUNC) of the object.</summary>
    public static List<Function> Functions(byte[] elf)
    {
        var result = new List<Function>();
        if (!IsElf64(elf)) return result;
        var span = elf.AsSpan();
        foreach (var (index, sh) in Sections(elf))
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh.AsSpan(4)) != 2) continue; // SHT_SYMTAB
            long offset = BinaryPrimitives.ReadInt64LittleEndian(sh.AsSpan(0x18));
            long size = BinaryPrimitives.ReadInt64LittleEndian(sh.AsSpan(0x20));
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh.AsSpan(0x28));
            long entsize = BinaryPrimitives.ReadInt64LittleEndian(sh.AsSpan(0x38));
            long strings = BinaryPrimitives.ReadInt64LittleEndian(SectionHeader(elf, link)[0x18..]);
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

    /// <summary>Where each section holding a global function was placed, by section index.</summary>
    public static Dictionary<int, long> SectionAddresses(IEnumerable<Function> functions, Func<string, nint> lookup)
    {
        var bases = new Dictionary<int, long>();
        foreach (var f in functions.Where(f => f.Global))
            if (!bases.ContainsKey(f.Section))
            {
                try { bases[f.Section] = lookup(f.Name) - f.Value; }
                catch (LlvmException) { } // not materialized or not exported: try another of the section
            }
        return bases;
    }

    /// <summary>The executable sections (SHF_EXECINSTR) that hold a global function: where each was placed and its size.</summary>
    public static List<(long Start, long Size)> CodeRanges(byte[] elf, Func<string, nint> lookup)
    {
        var ranges = new List<(long, long)>();
        if (!IsElf64(elf)) return ranges;
        var bases = SectionAddresses(Functions(elf), lookup);
        foreach (var (index, sh) in Sections(elf))
            if ((BinaryPrimitives.ReadUInt64LittleEndian(sh.AsSpan(8)) & 4) != 0 && bases.TryGetValue(index, out long start))
                ranges.Add((start, BinaryPrimitives.ReadInt64LittleEndian(sh.AsSpan(0x20))));
        return ranges;
    }

    private static bool IsElf64(byte[] elf) => elf.Length >= 64 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[4] == 2;

    private static ReadOnlySpan<byte> SectionHeader(byte[] elf, int index)
    {
        long shoff = BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(0x28));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        return elf.AsSpan((int)(shoff + index * shentsize));
    }

    private static IEnumerable<(int Index, byte[] Header)> Sections(byte[] elf)
    {
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        for (int i = 0; i < shnum; i++) yield return (i, SectionHeader(elf, i)[..64].ToArray());
    }
}
