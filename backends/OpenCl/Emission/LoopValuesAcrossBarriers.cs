using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

/// <summary>
/// The locals a function declares <c>volatile</c> to keep PoCL 3.1 from sharing one work-item's value among all:
/// its work-group compiler takes a loop's canonical counter (from 0, step 1) and everything computed from it for
/// values every work-item holds alike, even when the trip count depends on the work-item, and keeps a single copy of
/// such a value across a barrier (fuzz seed 61731, tests/fuzz-cases/loop-counter-after-barrier.lisp). A volatile
/// local lives in memory, which PoCL gives each work-item. Only what needs it pays: scalars assigned inside the
/// outermost loop whose work-items may run different iterations, when that loop holds no other loop
/// (<see cref="UniformityAnalysis.LoopsWithDivergentTrips"/>: also under a thread-dependent if, which PoCL's compiler
/// may fold away: fuzz seed 71230; with a loop inside, volatile made PoCL share the outer counter: seeds 65069, 73282),
/// or later computed from such, and read after a later barrier — or a collective, which OpenCL 1.2 lowers through barriers — or a call
/// reaching one.
/// </summary>
internal static class LoopValuesAcrossBarriers
{
    public static HashSet<Symbol> Find(FunctionDef function, IReadOnlySet<Stmt> divergentLoops, Func<Expr, bool> synchronizes)
    {
        var walk = new Walk(divergentLoops, synchronizes);
        if (function.Body is not null) walk.Visit(function.Body);
        return walk.Needed;
    }

    private sealed class Walk(IReadOnlySet<Stmt> divergentLoops, Func<Expr, bool> synchronizes)
    {
        private readonly HashSet<Symbol> _assignedInLoops = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<Symbol> _pastBarrier = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<Symbol> Needed = new(ReferenceEqualityComparer.Instance);

        private int _nesting; // inside a branch or loop: an assignment there may not run
        private int _divergentLoopsAround; // loops around the node visited whose work-items may run different iterations

        private static bool HoldsLoop(Node loop) => IrTraversal.AllNodes(loop).Any(x => x != loop && x is ForStmt or WhileStmt or DoWhileStmt);

        public void Visit(Node n)
        {
            switch (n)
            {
                case ForStmt or WhileStmt or DoWhileStmt:
                    bool divergent = divergentLoops.Contains((Stmt)n);
                    _nesting++;
                    if (divergent) _divergentLoopsAround++;
                    // Twice: a barrier late in the body reaches reads early in it through the back edge.
                    for (int pass = 0; pass < 2; pass++)
                        foreach (var c in IrTraversal.Children(n)) Visit(c);
                    _nesting--;
                    if (divergent) _divergentLoopsAround--;
                    // The outermost such loop's variables, unless it holds a loop: then volatile itself was what made PoCL 3.1
                    // give every work-item the last one's outer counter — on the nested counter (fuzz seed 65069), and on
                    // the outer counter alone (seed 73282); with no volatile at all both are right (plain OpenCL host).
                    if (divergent && _divergentLoopsAround == 0 && !HoldsLoop(n))
                        foreach (var inLoop in IrTraversal.AllNodes(n).OfType<SetStmt>())
                            if (Qualifies(inLoop.Symbol)) _assignedInLoops.Add(inLoop.Symbol);
                    return;
                case IfStmt or SwitchStmt:
                    _nesting++;
                    foreach (var c in IrTraversal.Children(n)) Visit(c);
                    _nesting--;
                    return;
                case VarRef { Symbol: { } read } when _pastBarrier.Contains(read):
                    Needed.Add(read);
                    return;
            }
            foreach (var c in IrTraversal.Children(n)) Visit(c);
            // After the operands: a call's arguments are read before the barrier inside it.
            if (n is Expr e && synchronizes(e)) _pastBarrier.UnionWith(_assignedInLoops);
            if (n is SetStmt { Symbol: var assigned } set)
            {
                // A value computed from such a loop's is shared the same way (one computed through a barrier comes
                // back through memory); one assigned where it surely runs replaces what the loop left.
                var parts = IrTraversal.AllNodes(set.Value).ToList();
                if (parts.Any(x => x is VarRef v && _assignedInLoops.Contains(v.Symbol)) && !parts.Any(x => x is Expr e && synchronizes(e)))
                {
                    if (Qualifies(assigned)) _assignedInLoops.Add(assigned);
                }
                else if (_nesting == 0)
                {
                    _assignedInLoops.Remove(assigned);
                    _pastBarrier.Remove(assigned);
                }
            }
        }

        /// <summary>Scalars C can simply call volatile (not ones whose address is taken: a volatile pointee would not match).</summary>
        private static bool Qualifies(Symbol s) =>
            !s.NeedsMemory && s.Type is ScalarType { Kind: ScalarKind.Bool or ScalarKind.Int8 or ScalarKind.Int16 or ScalarKind.Int32
                or ScalarKind.Int64 or ScalarKind.Float or ScalarKind.Double };
    }
}
