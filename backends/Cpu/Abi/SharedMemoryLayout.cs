using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Abi;

/// <summary>
/// Where each static shared variable lives in a block's shared memory on the cpu device: every shared
/// variable of the program (top-level or declared in a kernel), 16-byte aligned, laid end to end.
/// </summary>
public static class SharedMemoryLayout
{
    public static (IReadOnlyDictionary<Symbol, long> Offsets, long Size) Compute(CheckedModule program) =>
        LayOut(program, program.SharedVariables.Concat(program.Module.Functions.SelectMany(f => f.Symbols).Where(s => s.Kind == SymbolKind.Shared)));

    /// <summary>The static (not dynamic) shared variables among <paramref name="variables"/>, 16-byte aligned, end to end.</summary>
    private static (IReadOnlyDictionary<Symbol, long> Offsets, long Size) LayOut(CheckedModule program, IEnumerable<Symbol> variables)
    {
        var offsets = new Dictionary<Symbol, long>();
        long at = 0;
        foreach (var s in variables.Distinct())
        {
            if (((SharedDef)s.Definition!).IsDynamic) continue;
            int align = Math.Max(16, program.Layout.AlignOf(s.Type));
            at = (at + align - 1) / align * align;
            offsets[s] = at;
            at += program.Layout.SizeOf(s.Type);
        }
        return (offsets, at);
    }

    /// <summary>
    /// The static shared memory one kernel uses, as CUDA counts it against the per-block limit: the
    /// shared variables declared in the kernel and in the functions it calls, and the top-level ones
    /// they name (not every shared variable of the program, which the cpu layout above holds).
    /// </summary>
    public static long KernelBytes(CheckedModule program, FunctionDef kernel)
    {
        var used = new HashSet<Symbol>();
        var seen = new HashSet<FunctionDef>();
        var work = new Stack<FunctionDef>([kernel]);
        while (work.TryPop(out var f))
        {
            if (!seen.Add(f) || f.Body is null) continue;
            foreach (var s in f.Symbols) if (s.Kind == SymbolKind.Shared) used.Add(s);
            foreach (var e in IrTraversal.Descendants(f.Body))
                switch (e)
                {
                    case VarRef { Symbol.Kind: SymbolKind.Shared } v: used.Add(v.Symbol); break;
                    case PtrToExpr { Symbol.Kind: SymbolKind.Shared } p: used.Add(p.Symbol); break;
                    case CallExpr { Target.Function: { } callee }: work.Push(callee); break;
                }
        }
        return LayOut(program, used).Size;
    }
}
