using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Legacy warp-synchronous code: device code that exchanges values between the lanes of a warp through
/// <c>volatile</c> shared memory with no <c>__syncwarp()</c>, relying on the lanes running in lockstep
/// (<c>s[i] += s[i - 1];</c> in a warp scan: every lane reads, then every lane writes). Devices that run
/// a warp's lanes one after another would let lane 1 read what lane 0 just wrote. In a device function
/// with such a statement (a volatile place both read and written), each statement reading volatile
/// memory starts with a <c>__syncwarp()</c>, and one that also writes it reads all its volatile operands
/// first, then synchronizes again before writing: the lockstep order, made explicit.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>Whether the function being lifted is warp-synchronous (decided once, before lifting it).</summary>
    private bool _warpSynchronous;

    /// <summary>Loads of volatile places hoisted out of the statement being lifted, or null when not hoisting.</summary>
    private List<Stmt>? _lockstepLoads;

    private static bool IsDeviceCode(Cursor f) => ModuleLifter.Has(f, CursorKind.CUDADeviceAttr) || ModuleLifter.Has(f, CursorKind.CUDAGlobalAttr);

    /// <summary>Kernels and <c>__device__</c> functions that are not also <c>__host__</c>.</summary>
    private static bool IsDeviceOnlyCode(Cursor f) => IsDeviceCode(f) && !ModuleLifter.Has(f, CursorKind.CUDAHostAttr);

    private static IEnumerable<Cursor> SelfAndDescendants(Cursor c)
    {
        yield return c;
        foreach (var child in c.Children)
            foreach (var d in SelfAndDescendants(child)) yield return d;
    }

    private static bool IsVolatileAccess(Cursor e) =>
        e.Kind is CursorKind.DeclRefExpr or CursorKind.ArraySubscriptExpr or CursorKind.MemberRefExpr
            || e.Kind == CursorKind.UnaryOperator && e.UnaryOperator == UnaryOperatorKind.Deref
        ? e.Type.IsVolatile : false;

    /// <summary>An assignment (plain, compound, ++/--) to a volatile place, and whether its value reads volatile memory too.</summary>
    private static (bool Writes, bool AlsoReads) VolatileWrite(Cursor e)
    {
        bool assign = e.Kind == CursorKind.BinaryOperator && e.BinaryOperator == BinaryOperatorKind.Assign;
        bool update = e.Kind == CursorKind.CompoundAssignOperator
            || e.Kind == CursorKind.UnaryOperator && e.UnaryOperator is UnaryOperatorKind.PreInc or UnaryOperatorKind.PreDec or UnaryOperatorKind.PostInc or UnaryOperatorKind.PostDec;
        if (!assign && !update || e.Children.Count == 0 || !Records.Unwrapped(e.Children[0]).Type.IsVolatile) return (false, false);
        if (update) return (true, true);
        return (true, e.Children.Skip(1).SelectMany(SelfAndDescendants).Any(IsVolatileAccess));
    }

    /// <summary>A device function with a statement that reads and writes volatile memory.</summary>
    private static bool IsWarpSynchronous(Cursor function, Cursor body) =>
        IsDeviceCode(function) && SelfAndDescendants(body).Any(c => VolatileWrite(c).AlsoReads);

    /// <summary>A statement of a warp-synchronous function, lifted in lockstep order (see the class summary).</summary>
    private IEnumerable<Stmt> LiftInLockstep(Cursor s, SourceLocation at)
    {
        var all = SelfAndDescendants(s).ToList();
        var assigned = all.Where(c => c.Kind == CursorKind.BinaryOperator && c.BinaryOperator == BinaryOperatorKind.Assign && c.Children.Count > 0)
            .Select(c => Records.Unwrapped(c.Children[0])).ToHashSet();
        bool reads = all.Any(c => IsVolatileAccess(c) && !assigned.Contains(c));
        if (!reads) return LiftStatement(s);
        var sync = new ExprStmt(at, new SyncWarpExpr(at, new IntLit(at, -1, null)));
        if (!all.Any(c => VolatileWrite(c).Writes)) return [sync, .. LiftStatement(s)];
        _lockstepLoads = [];
        try
        {
            var statement = LiftStatement(s).ToList();
            return [sync, .. _lockstepLoads, sync, .. statement];
        }
        finally { _lockstepLoads = null; }
    }

    /// <summary>A volatile place read as a plain value (C++'s lvalue-to-rvalue conversion drops the qualifier) while lifting a lockstep statement.</summary>
    private Operand? VolatileReadInLockstep(Operand o, ClangType to, SourceLocation at) =>
        _lockstepLoads is not null && o is MemoryOperand m && m.Type.IsFirstClassScalar && !to.IsVolatile && !to.Canonical.IsReference
            && HoistedVolatileLoad(m, at) is { } v ? new ValueOperand(v, m.CType, m.Type) : null;

    /// <summary>A read of a volatile place while lifting a lockstep statement: into a temporary, before the statement.</summary>
    private Expr? HoistedVolatileLoad(MemoryOperand m, SourceLocation at)
    {
        if (_lockstepLoads is null || !m.CType.IsVolatile) return null;
        if (!IsPure(m.Address)) // hoisting it would move the address's effects ahead of the statement
            throw Unsupported(Codes.UnsupportedExpression, at, "in warp-synchronous code, a volatile read whose address has side effects is not translated");
        string tmp = NewTemp();
        _lockstepLoads.Add(new DeclareStmt(at, tmp, m.Type));
        _lockstepLoads.Add(new SetStmt(at, tmp, new LoadExpr(at, m.Address)));
        return new VarRef(at, tmp);
    }
}
