using Translate.Backends.Llvm.Api;
using Translate.Ir.Analysis;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>Lockstep loops whose counter is START + a block-uniform offset (AffineCounters).</summary>
internal sealed partial class KernelLowering
{
    /// <summary>
    /// Reads of the counter in the loop become START + offset, START recomputed in the thread loop that reads it
    /// (with the locals it reads replaced by their single definitions, so it is a function of the thread index); the
    /// locals the body defines from the counter (AffineCounters.BodyDefinitions) are read as their definitions too.
    /// </summary>
    private void ReadAsStartPlusOffset(AffineCounters.Counter counter, Stmt loop, LValue offset)
    {
        foreach (var v in IrTraversal.AllNodes(loop).OfType<VarRef>().Where(v => v.Symbol == counter.Variable))
            Substitutions[v] = () => StartPlusOffset(counter, offset);
        foreach (var v in StartReads(counter.Start))
            Substitutions[v] = () => EmitExpr(_counters.Definitions[v.Symbol]);
        if (loop is not ForStmt f) return;
        foreach (var (set, reads) in _counters.BodyDefinitions(f, counter))
            foreach (var v in reads)
            {
                if (Substitutions.ContainsKey(v)) continue;
                Substitutions[v] = () => EmitExpr(set.Value);
                _definitionReads.Add(v);
            }
    }

    /// <summary>The counter's value for the thread the lowering stands at: START + the block's offset.</summary>
    private LValue StartPlusOffset(AffineCounters.Counter counter, LValue offset) =>
        B.Binary(Opcode.Add, EmitExpr(counter.Start), B.Load(T.Value(counter.Variable.Type), offset, T.AlignOf(counter.Variable.Type)));

    /// <summary>offset += STRIDE, once per round for the whole block.</summary>
    private void AdvanceOffset(AffineCounters.Counter counter, LValue offset)
    {
        var type = T.Value(counter.Variable.Type);
        int align = T.AlignOf(counter.Variable.Type);
        var saved = _lin;
        _lin = null;
        B.Store(B.Binary(Opcode.Add, B.Load(type, offset, align), EmitExpr(counter.Stride)), offset, align);
        _lin = saved;
    }

    /// <summary>
    /// The counter's reads go back to normal after its loop. The reads inside definitions stay replaced: those
    /// nodes are shared by every counter whose start reads the same local (nested grid-stride loops both starting
    /// at <c>gid</c>), and an inner loop removing them left the outer loop's later reads of its start reading the
    /// slot of a local that has one value for the whole block. Replacing a single-assigned local by its definition
    /// gives the same value wherever that node is emitted.
    /// </summary>
    private void ForgetCounter(AffineCounters.Counter counter, Stmt loop)
    {
        foreach (var v in IrTraversal.AllNodes(loop).OfType<VarRef>().Where(v => v.Symbol == counter.Variable)) Substitutions.Remove(v);
    }

    private readonly HashSet<Expr> _definitionReads = [];

    /// <summary>
    /// Reads of a local assigned once in the kernel's straight-line part from thread indices and block-uniform values
    /// (<c>int lid = threadIdx.x;</c>, <c>int gid = blockIdx.x * WGS + lid;</c>, AffineCounters.Definitions) are
    /// computed from its definition wherever they come after that assignment, instead of loaded from the thread's
    /// slot: a value kept across a barrier or a uniform assignment lives in a per-thread array, and read back from it
    /// the address <c>values[gid]</c> was a gather to LLVM (HeCBench fpc), where recomputed it is one vector load.
    /// The definitions are pure (AffineCounters.Recomputable), so the value is the same.
    /// </summary>
    private void ReadDefinitionsAfterTheirAssignments()
    {
        // Such reads give the value the variable holds: a condition reading them stays as uniform as it was (Uniform).
        var defined = new HashSet<Symbol>();
        void Walk(Block b)
        {
            foreach (var s in b.Statements)
            {
                if (s is Block inner) { Walk(inner); continue; }
                foreach (var v in IrTraversal.AllNodes(s).OfType<VarRef>())
                    if (defined.Contains(v.Symbol) && !Substitutions.ContainsKey(v))
                    {
                        var definition = _counters.Definitions[v.Symbol];
                        Substitutions[v] = () => EmitExpr(definition);
                        _definitionReads.Add(v);
                    }
                if (s is SetStmt set && _counters.Definitions.TryGetValue(set.Symbol, out var d) && ReferenceEquals(d, set.Value))
                    defined.Add(set.Symbol);
            }
        }
        Walk(Def.Body!);
    }

    /// <summary>The locals START reads, through their definitions too.</summary>
    private IEnumerable<VarRef> StartReads(Expr start)
    {
        foreach (var v in IrTraversal.AllNodes(start).OfType<VarRef>().Where(v => _counters.Definitions.ContainsKey(v.Symbol)))
        {
            yield return v;
            foreach (var inner in StartReads(_counters.Definitions[v.Symbol])) yield return inner;
        }
    }
}
