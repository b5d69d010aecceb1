using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// Finds the pointers of a kernel body that provably point into the block's shared memory. On the cpu device
/// one OS thread runs every thread of a block in turn, so nothing else can touch that memory while a thread
/// runs: an atomic on it needs no lock (<c>atomicAdd(&amp;count, 1)</c> on a <c>__shared__</c> counter, a
/// shared histogram). A pointer counts when it is built from a shared variable (<c>ptr-to</c>, <c>aptradd</c>,
/// <c>ptradd</c>, <c>sptradd</c>, pointer casts, choices between such pointers) or read from a local whose
/// every assignment is such a pointer and whose address is never taken. Anything else — parameters, pointers
/// loaded from memory or returned by calls — may point anywhere and keeps its atomic.
/// </summary>
internal static class BlockPrivatePointers
{
    /// <summary>The local pointer variables of <paramref name="body"/> that only ever hold pointers into shared memory.</summary>
    public static HashSet<Symbol> SharedOnlyLocals(Block body)
    {
        var nodes = IrTraversal.AllNodes(body).ToList();
        var addressTaken = nodes.OfType<PtrToExpr>().Select(p => p.Symbol).ToHashSet(ReferenceEqualityComparer.Instance);
        var sets = nodes.OfType<SetStmt>().ToList();
        var locals = sets.Select(s => s.Symbol)
            .Where(s => s.Kind == SymbolKind.Local && s.Type is PointerType && !addressTaken.Contains(s))
            .ToHashSet();
        // Optimistic start, then drop a variable as soon as one assignment gives it something else, until stable.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var s in sets)
                if (locals.Contains(s.Symbol) && !PointsIntoShared(s.Value, locals))
                {
                    locals.Remove(s.Symbol);
                    changed = true;
                }
        }
        return locals;
    }

    /// <summary>True when <paramref name="e"/> is a pointer into the block's shared memory.</summary>
    public static bool PointsIntoShared(Expr e, IReadOnlySet<Symbol> sharedLocals) => e switch
    {
        PtrToExpr p => p.Symbol.Kind == SymbolKind.Shared,
        ArrayPtrAddExpr { Array: VarRef v } => v.Symbol.Kind == SymbolKind.Shared || PointsIntoShared(v, sharedLocals),
        ArrayPtrAddExpr a => PointsIntoShared(a.Array, sharedLocals),
        PtrAddExpr p => PointsIntoShared(p.Pointer, sharedLocals),
        StructPtrAddExpr s => PointsIntoShared(s.Pointer, sharedLocals),
        CastExpr { Op: CastOp.Bitcast or CastOp.AddrSpaceCast, Operand.Type: PointerType } c => PointsIntoShared(c.Operand, sharedLocals),
        SelectExpr s => PointsIntoShared(s.IfTrue, sharedLocals) && PointsIntoShared(s.IfFalse, sharedLocals),
        CondExpr c => PointsIntoShared(c.IfTrue, sharedLocals) && PointsIntoShared(c.IfFalse, sharedLocals),
        VarRef v => v.Symbol.Type is PointerType && sharedLocals.Contains(v.Symbol),
        _ => false,
    };
}
