using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Code written for warps that run in lockstep lets lanes exchange values through shared memory between two
/// statements with no barrier, relying on the warp reconverging after a branch: HeCBench romberg sums a column per
/// lane under <c>if (threadIdx.x &lt; ROW_SIZE)</c>, then reads all the sums under <c>if (!threadIdx.x)</c> — lanes 0 to
/// 16 of one warp, which NVIDIA GPUs run through the first <c>if</c> together before the second. Devices that run a
/// block's threads one after another gave thread 0 the other lanes' old values (a wrong integral on every device,
/// no diagnostic). At the top level of a kernel, where every thread that has not returned arrives, a statement
/// reading shared memory that an earlier statement wrote, with no barrier between them, now starts with
/// <c>__syncwarp(__activemask())</c>: the reconvergence point made explicit. It only removes schedules, so a
/// program that synchronizes properly behaves as before.
/// </summary>
internal static class WarpReconvergence
{
    /// <summary>The kernel body's statements, with a warp synchronization wherever the rule above asks for one.</summary>
    public static List<Stmt> AtTopLevel(List<Stmt> statements, IReadOnlySet<string> moduleShared)
    {
        var shared = new HashSet<string>(moduleShared);
        foreach (var s in statements.SelectMany(IrTraversal.Statements)) if (s is SharedStmt d) shared.Add(d.Definition.Name);
        if (shared.Count == 0) return statements;
        var result = new List<Stmt>(statements.Count);
        bool pending = false;
        foreach (var s in statements)
        {
            if (pending && Touches(s, shared, write: false))
            {
                var at = s.Location;
                result.Add(new ExprStmt(at, new SyncWarpExpr(at, new ActiveMaskExpr(at))));
                pending = false;
            }
            pending = Pending(s, pending, shared);
            result.Add(s);
        }
        return result;
    }

    /// <summary>
    /// Whether shared memory written by some thread may not have been followed by a barrier when <paramref name="s"/>
    /// ends, given whether that was so before it: a barrier settles every write before it; a loop whose body ends
    /// with one (a tree reduction) leaves nothing pending.
    /// </summary>
    private static bool Pending(Stmt s, bool before, IReadOnlySet<string> shared)
    {
        switch (s)
        {
            case ExprStmt { Expression: BarrierExpr }:
                return false;
            case Block b:
                foreach (var x in b.Statements) before = Pending(x, before, shared);
                return before;
            case IfStmt i:
                return Pending(i.Then, before, shared) | (i.Else is null ? before : Pending(i.Else, before, shared));
            case ForStmt or WhileStmt or DoWhileStmt:
            {
                var (init, body, step) = s switch
                {
                    ForStmt f => (f.Init, (Stmt)f.Body, f.Step),
                    WhileStmt w => (null, w.Body, null),
                    _ => (null, ((DoWhileStmt)s).Body, (Stmt?)null),
                };
                if (init is not null) before = Pending(init, before, shared);
                bool Round(bool start) => step is null ? Pending(body, start, shared) : Pending(step, Pending(body, start, shared), shared);
                // Twice: the second round starts from what the first left (the loop may run no round at all).
                return before | Round(before | Round(before));
            }
            default:
                return before || Touches(s, shared, write: true);
        }
    }

    /// <summary>Whether <paramref name="s"/> writes (or reads) memory reached from one of the shared variables.</summary>
    private static bool Touches(Stmt s, IReadOnlySet<string> shared, bool write)
    {
        bool Shared(Expr pointer) => Root(pointer) is { } name && shared.Contains(name);
        foreach (var e in IrTraversal.Descendants(s))
        {
            bool hit = e switch
            {
                StoreExpr st => write && Shared(st.Pointer),
                AtomicStoreExpr st => write && Shared(st.Pointer),
                AtomicRmwExpr a => Shared(a.Pointer),
                AtomicCasExpr c => Shared(c.Pointer),
                LoadExpr l => !write && Shared(l.Pointer),
                AtomicLoadExpr l => !write && Shared(l.Pointer),
                _ => false,
            };
            if (hit) return true;
        }
        if (write)
            foreach (var st in IrTraversal.Statements(s))
                if (st is SetStmt set && shared.Contains(set.Name)) return true;
        return false;
    }

    /// <summary>The variable an address is computed from (through element, field and pointer offsets and casts).</summary>
    private static string? Root(Expr pointer) => pointer switch
    {
        VarRef v => v.Name,
        PtrToExpr p => p.Name,
        ArrayPtrAddExpr a => Root(a.Array),
        PtrAddExpr p => Root(p.Pointer),
        StructPtrAddExpr f => Root(f.Pointer),
        CastExpr c => Root(c.Operand),
        _ => null,
    };
}
