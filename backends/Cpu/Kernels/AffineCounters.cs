using Translate.Ir.Analysis;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// A lockstep loop's counter that is its thread's start plus a block-uniform offset:
/// <c>for (i = START; COND; i += STRIDE)</c> where STRIDE is the same for every thread and START depends only on
/// the thread's indices and block-uniform values (the grid-stride and block-stride loops of CUDA code). The
/// lowering keeps one block-wide offset K (0, then K + STRIDE each round) and reads i as START + K, with START
/// recomputed from the thread index in each thread loop, so addresses like <c>x[i]</c> are affine in the thread
/// loop's counter and LLVM vectorizes the round (a per-thread copy of i would make every access a gather).
/// Exact: the sum wraps in i's type like the original repeated addition.
/// </summary>
internal sealed class AffineCounters
{
    /// <summary>A counter: the variable, its start (in terms of thread indices and invariants), and its stride.</summary>
    public sealed record Counter(Symbol Variable, Expr Start, Expr Stride);

    private readonly Dictionary<Symbol, List<SetStmt>> _sets = [];
    private readonly Dictionary<Symbol, int> _uses = [];
    private readonly HashSet<Symbol> _addressTaken = [];
    private readonly Dictionary<Symbol, Expr> _definitions = [];   // locals assigned once, outside any loop or if
    private readonly HashSet<Symbol> _invariantParameters;

    /// <summary>The kernel's scalar parameters it never assigns (<see cref="UniformVariables.InvariantParameters"/>).</summary>
    public IReadOnlySet<Symbol> InvariantParameters => _invariantParameters;

    public AffineCounters(FunctionDef kernel)
    {
        _invariantParameters = UniformVariables.InvariantParameters(kernel);
        foreach (var n in IrTraversal.AllNodes(kernel.Body!))
        {
            switch (n)
            {
                case SetStmt s:
                    if (!_sets.TryGetValue(s.Symbol, out var list)) _sets[s.Symbol] = list = [];
                    list.Add(s);
                    break;
                case VarRef v:
                    _uses[v.Symbol] = _uses.GetValueOrDefault(v.Symbol) + 1;
                    break;
                case PtrToExpr p:
                    _addressTaken.Add(p.Symbol);
                    break;
            }
        }
        StraightLine(kernel.Body!);
    }

    /// <summary>The definitions a recomputed start reads: each variable's single assignment.</summary>
    public IReadOnlyDictionary<Symbol, Expr> Definitions => _definitions;

    /// <summary>Single assignments in the kernel's straight-line part (blocks only), in order: a loop after one
    /// reads the value it assigned.</summary>
    private void StraightLine(Block b)
    {
        foreach (var s in b.Statements)
        {
            if (s is Block inner) StraightLine(inner);
            else if (s is SetStmt set && _sets[set.Symbol].Count == 1 && Scalar(set.Symbol) && Recomputable(set.Value))
                _definitions[set.Symbol] = set.Value;
        }
    }

    private bool Scalar(Symbol s) =>
        s.Kind == SymbolKind.Local && !s.NeedsMemory && !_addressTaken.Contains(s) && s.Type.IsFirstClassScalar;

    /// <summary>The counter of <paramref name="loop"/>, or null when it is not of that form.</summary>
    public Counter? Of(ForStmt loop)
    {
        if (loop.Init is not SetStmt init || loop.Step is not SetStmt step || init.Symbol != step.Symbol) return null;
        var i = init.Symbol;
        if (!Scalar(i) || !i.Type.IsInteger || _sets[i].Count != 2) return null;
        if (step.Value is not BinaryExpr { Op: BinaryOp.Add } add) return null;
        var stride = add.Left is VarRef l && l.Symbol == i ? add.Right : add.Right is VarRef r && r.Symbol == i ? add.Left : null;
        if (stride is null || !Invariant(stride)) return null;
        if (!Recomputable(init.Value)) return null;
        // Every read of i is in the loop (its value after the loop is not kept).
        int inside = new Node?[] { loop.Condition, loop.Body, step.Value }.OfType<Node>()
            .Sum(n => IrTraversal.AllNodes(n).Count(x => x is VarRef v && v.Symbol == i));
        return inside == _uses.GetValueOrDefault(i) ? new Counter(i, init.Value, stride) : null;
    }

    /// <summary>
    /// Locals assigned once, at the top level of a counted loop's body, from values recomputable there (the loop's
    /// counter and earlier such locals among them) (<c>int base = row * width;</c> in a loop over rows, read by the loop
    /// over columns inside): each with its reads after that assignment in the same body, which may compute it again from
    /// its definition, as nothing the definition reads changes before the round ends (the counter changes only at the
    /// step, and a round that skips the assignment skips them too). A slot holding one value per thread, read back, makes
    /// <c>x[base + col]</c> a gather; recomputed it is one vector load.
    /// </summary>
    public IEnumerable<(SetStmt Set, List<VarRef> Reads)> BodyDefinitions(ForStmt loop, Counter counter)
    {
        var statements = new List<Stmt>();
        void Flatten(Block b)
        {
            foreach (var s in b.Statements)
                if (s is Block inner) Flatten(inner); else statements.Add(s);
        }
        Flatten(loop.Body);
        var known = new HashSet<Symbol> { counter.Variable };
        for (int k = 0; k < statements.Count; k++)
        {
            if (statements[k] is not SetStmt set || _sets[set.Symbol].Count != 1 || !Scalar(set.Symbol)
                || !Recomputable(set.Value, known)) continue;
            // Reads before it in the body (the last round's value) or after the loop keep reading the slot.
            var reads = statements.Skip(k + 1).SelectMany(IrTraversal.AllNodes).OfType<VarRef>().Where(v => v.Symbol == set.Symbol).ToList();
            known.Add(set.Symbol);
            yield return (set, reads);
        }
    }

    /// <summary>
    /// Whether <paramref name="condition"/> tests the counter against a block-uniform bound from below
    /// (<c>i &lt; n</c>, <c>i &lt;= n</c>, <c>n &gt; i</c> …) and the counter's start is one thread index (<c>threadIdx.x</c>,
    /// <c>.y</c> or <c>.z</c>) plus block-uniform values: then the threads' counters are consecutive (first + k for k up
    /// to the block's extent in that dimension, modulo the type's width), the block's first thread has the lowest and its
    /// last thread the highest, and where the last one's is not below the first's in the comparison's order, the last
    /// thread's test decides every thread's. <paramref name="signed"/>: the comparison's order.
    /// </summary>
    public bool RisesWithThread(Counter counter, Expr condition, out bool signed)
    {
        signed = false;
        if (condition is not BinaryExpr { Op: BinaryOp.Lt or BinaryOp.Le or BinaryOp.ULt or BinaryOp.ULe
                or BinaryOp.Gt or BinaryOp.Ge or BinaryOp.UGt or BinaryOp.UGe } test) return false;
        bool below = test.Op is BinaryOp.Lt or BinaryOp.Le or BinaryOp.ULt or BinaryOp.ULe;
        var (i, bound) = below ? (test.Left, test.Right) : (test.Right, test.Left);
        if (i is not VarRef v || v.Symbol != counter.Variable || !Invariant(bound)) return false;
        signed = test.Op is BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge;
        return ThreadIndexPlusUniform(counter.Start);
    }

    /// <summary>One thread index (x, y or z) plus or minus block-uniform terms, through locals' single definitions.</summary>
    private bool ThreadIndexPlusUniform(Expr e) => e switch
    {
        SpecialRegisterExpr r => IsThreadIndex(r),
        CastExpr { Op: CastOp.SExt or CastOp.ZExt, Operand: SpecialRegisterExpr r } => IsThreadIndex(r),
        VarRef v => _definitions.TryGetValue(v.Symbol, out var d) && ThreadIndexPlusUniform(d),
        BinaryExpr { Op: BinaryOp.Add } b => (ThreadIndexPlusUniform(b.Left) && Invariant(b.Right)) || (Invariant(b.Left) && ThreadIndexPlusUniform(b.Right)),
        BinaryExpr { Op: BinaryOp.Sub } b => ThreadIndexPlusUniform(b.Left) && Invariant(b.Right),
        _ => false,
    };

    private static bool IsThreadIndex(SpecialRegisterExpr r) =>
        r.Register is SpecialRegister.ThreadIdxX or SpecialRegister.ThreadIdxY or SpecialRegister.ThreadIdxZ;

    /// <summary>Computable again anywhere in the block's thread loops with the same result for each thread:
    /// invariants, thread indices, and locals assigned once before from such values; no loads, calls or traps.
    /// <paramref name="also"/>: locals that hold such a value where the expression stands (a loop's counter in its body).</summary>
    private bool Recomputable(Expr e, IReadOnlySet<Symbol>? also = null) => e switch
    {
        SpecialRegisterExpr r => IsThreadIndex(r) || Invariant(r),
        VarRef v => _definitions.ContainsKey(v.Symbol) || also?.Contains(v.Symbol) == true || Invariant(v),
        BinaryExpr b => Affine(b.Op) && Recomputable(b.Left, also) && Recomputable(b.Right, also),
        CastExpr c => Recomputable(c.Operand, also),
        _ => Invariant(e),
    };

    private static bool Affine(BinaryOp op) => op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Shl;

    /// <summary>The same for every thread of the block, whenever it is computed.</summary>
    private bool Invariant(Expr e) => UniformVariables.IsUniform(e, _invariantParameters);
}
