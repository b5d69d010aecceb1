using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Abi;

/// <summary>
/// Where each static shared variable lives in a block's shared memory on the cpu device: every shared
/// variable of the program (top-level or declared in a kernel), 16-byte aligned, laid end to end.
/// </summary>
public static class SharedMemoryLayout
{
    public static (IReadOnlyDictionary<Symbol, long> Offsets, long Size) Compute(CheckedModule program)
    {
        var offsets = new Dictionary<Symbol, long>();
        long at = 0;
        var all = program.SharedVariables.Concat(program.Module.Functions.SelectMany(f => f.Symbols).Where(s => s.Kind == SymbolKind.Shared));
        foreach (var s in all.Distinct())
        {
            if (((SharedDef)s.Definition!).IsDynamic) continue;
            int align = Math.Max(16, program.Layout.AlignOf(s.Type));
            at = (at + align - 1) / align * align;
            offsets[s] = at;
            at += program.Layout.SizeOf(s.Type);
        }
        return (offsets, at);
    }
}
