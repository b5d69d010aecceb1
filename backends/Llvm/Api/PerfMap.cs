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
        var functions = ElfObject.Functions(elf);
        var bases = ElfObject.SectionAddresses(functions, lookup);
        var lines = new StringBuilder();
        foreach (var f in functions)
            if (bases.TryGetValue(f.Section, out long b) && f.Size > 0)
                lines.Append($"{b + f.Value:x} {f.Size:x} {f.Name}\n");
        lock (Gate) File.AppendAllText($"/tmp/perf-{Environment.ProcessId}.map", lines.ToString());
    }
}
