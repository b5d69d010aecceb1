using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>The child statements and expressions of any IR node, for analyses that look at whole subtrees.</summary>
internal static class IrWalk
{
    public static IEnumerable<Node> Children(Node n) => n switch
    {
        Block b => b.Statements,
        SetStmt s => [s.Value],
        IfStmt i => i.Else is null ? [i.Condition, i.Then] : [i.Condition, i.Then, i.Else],
        ForStmt f => new Node?[] { f.Init, f.Condition, f.Step, f.Body }.OfType<Node>(),
        WhileStmt w => [w.Condition, w.Body],
        DoWhileStmt d => [d.Body, d.Condition],
        SwitchStmt sw => new Node[] { sw.Value }.Concat(sw.Cases.Select(c => c.Body)),
        ReturnStmt r => r.Value is null ? [] : [r.Value],
        ExprStmt e => [e.Expression],
        BinaryExpr b => [b.Left, b.Right],
        UnaryExpr u => [u.Operand],
        CastExpr c => [c.Operand],
        LoadExpr l => [l.Pointer],
        StoreExpr s => [s.Pointer, s.Value],
        PtrAddExpr p => [p.Pointer, p.Index],
        ArrayPtrAddExpr a => [a.Array, a.Index],
        StructPtrAddExpr s => [s.Pointer],
        AllocExpr a => [a.Count],
        CallExpr c => c.Arguments,
        AsmExpr a => a.Arguments,
        SelectExpr s => [s.Condition, s.IfTrue, s.IfFalse],
        CondExpr c => [c.Condition, c.IfTrue, c.IfFalse],
        LogicalExpr l => [l.Left, l.Right],
        BeginExpr b => [b.Statements, b.Result],
        ExtractValueExpr x => [x.Aggregate],
        InsertValueExpr x => [x.Aggregate, x.Value],
        MakeExpr m => m.Elements,
        BarrierExpr b => b.Predicate is null ? [] : [b.Predicate],
        SyncWarpExpr s => [s.Mask],
        AtomicRmwExpr a => [a.Pointer, a.Value],
        AtomicCasExpr a => [a.Pointer, a.Expected, a.Desired],
        AtomicLoadExpr a => [a.Pointer],
        AtomicStoreExpr a => [a.Pointer, a.Value],
        ShuffleExpr s => [s.Mask, s.Value, s.Lane, s.Width],
        VoteExpr v => [v.Mask, v.Predicate],
        MathExpr m => m.Arguments,
        LaunchExpr l => l.Grid.Concat(l.Block).Concat([l.SharedBytes, l.Stream]).Concat(l.Arguments),
        _ => [],
    };

    /// <summary>The node and everything under it, in pre-order.</summary>
    public static IEnumerable<Node> Descendants(Node n)
    {
        var stack = new Stack<Node>();
        stack.Push(n);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            yield return x;
            foreach (var c in Children(x).Reverse()) stack.Push(c);
        }
    }

    /// <summary>The expressions a statement evaluates itself (not those of nested statements).</summary>
    public static IEnumerable<Expr> OwnExpressions(Stmt s) => s switch
    {
        ExprStmt e => [e.Expression],
        SetStmt set => [set.Value],
        IfStmt i => [i.Condition],
        WhileStmt w => [w.Condition],
        DoWhileStmt d => [d.Condition],
        ForStmt { Condition: { } c } => [c],
        SwitchStmt sw => [sw.Value],
        ReturnStmt { Value: { } v } => [v],
        _ => [],
    };

    /// <summary>Symbols a node reads, writes or takes the address of.</summary>
    public static IEnumerable<Symbol> SymbolsUsed(Node n) => Descendants(n).Select(x => x switch
    {
        VarRef v => v.Symbol,
        SetStmt s => s.Symbol,
        PtrToExpr p => p.Symbol,
        DeclareStmt d => d.Symbol,
        _ => null,
    }).OfType<Symbol>();
}
