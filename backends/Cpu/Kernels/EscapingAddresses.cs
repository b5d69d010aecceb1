using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>
/// Where a local variable's address goes in a kernel body: its uses as the address a load or store goes through
/// (<c>own[i]</c>, <c>x.f = 1</c>) keep it where it is named, but an address that is assigned, stored to memory, put in
/// an aggregate or passed to a function can be followed to any later region. An array's element address
/// (<c>aptradd own 0</c>, the decay of <c>own</c> to a pointer) is the array's address as much as <c>ptr-to</c> is.
/// </summary>
internal sealed class EscapingAddresses(Symbol variable, IReadOnlySet<Symbol> holders)
{
    /// <summary>Whether <paramref name="e"/>'s value carries the variable's address (or a holder's value) anywhere in it.</summary>
    public bool Carries(Expr e) => Escapes(e, throughMemory: false);

    /// <summary>Whether the address is passed to a function the kernel defines, which may keep it.</summary>
    public bool PassedToFunction(Node n) =>
        n is CallExpr { Target.Function: { IsDeclaration: false } } call && call.Arguments.Any(Carries);

    /// <summary>
    /// <paramref name="throughMemory"/>: <paramref name="e"/> is the address a load, store or atomic goes through, or
    /// is offset to one, so the address itself goes nowhere.
    /// </summary>
    private bool Escapes(Expr e, bool throughMemory)
    {
        switch (e)
        {
            case PtrToExpr p:
                return !throughMemory && p.Symbol == variable;
            case VarRef v:
                return !throughMemory && holders.Contains(v.Symbol);
            case ArrayPtrAddExpr { Array: VarRef array } a when array.Symbol == variable:
                return !throughMemory || Escapes(a.Index, false);
            case ArrayPtrAddExpr a:
                return Escapes(a.Array, throughMemory) || Escapes(a.Index, false);
            case PtrAddExpr p:
                return Escapes(p.Pointer, throughMemory) || Escapes(p.Index, false);
            case StructPtrAddExpr s:
                return Escapes(s.Pointer, throughMemory);
            case CastExpr { Operand.Type: Translate.Ir.Types.PointerType } c when c.Op is CastOp.Bitcast or CastOp.AddrSpaceCast:
                return Escapes(c.Operand, throughMemory);
            case LoadExpr l:
                return Escapes(l.Pointer, true);
            case StoreExpr st:
                return Escapes(st.Pointer, true) || Escapes(st.Value, false);
            case AtomicRmwExpr or AtomicCasExpr or AtomicLoadExpr or AtomicStoreExpr:
                return Operands(e).Select((x, i) => Escapes(x, i == 0)).Any(b => b);
            default:
                return Operands(e).Any(x => Escapes(x, false));
        }
    }

    private static IEnumerable<Expr> Operands(Expr e) => Translate.Ir.Analysis.IrTraversal.Operands(e);
}
