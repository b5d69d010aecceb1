using Translate.Ir.Model;

namespace Translate.Ir.Analysis;

/// <summary>The children of IR nodes, for analyses that walk every node: one walker for every pass and backend.</summary>
public static class IrTraversal
{
    /// <summary>The operands of an expression, left to right (statements inside <c>begin</c> are not included).</summary>
    public static IEnumerable<Expr> Operands(Expr e) => e switch
    {
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
        BeginExpr b => [b.Result],
        ExtractValueExpr x => [x.Aggregate],
        InsertValueExpr x => [x.Aggregate, x.Value],
        MakeExpr m => m.Elements,
        BarrierExpr { Predicate: { } p } => [p],
        SyncWarpExpr s => [s.Mask],
        AtomicRmwExpr a => [a.Pointer, a.Value],
        AtomicCasExpr c => [c.Pointer, c.Expected, c.Desired],
        AtomicLoadExpr l => [l.Pointer],
        AtomicStoreExpr s => [s.Pointer, s.Value],
        ShuffleExpr s => [s.Mask, s.Value, s.Lane, s.Width],
        VoteExpr v => [v.Mask, v.Predicate],
        MathExpr m => m.Arguments,
        LaunchExpr l => [.. l.Grid, .. l.Block, l.SharedBytes, l.Stream, .. l.Arguments],
        _ => [],
    };

    /// <summary>Every expression in <paramref name="e"/>, including itself and those in nested <c>begin</c> statements (pre-order).</summary>
    public static IEnumerable<Expr> Descendants(Expr e)
    {
        yield return e;
        if (e is BeginExpr b)
            foreach (var x in Descendants(b.Statements)) yield return x;
        foreach (var op in Operands(e))
            foreach (var x in Descendants(op)) yield return x;
    }

    /// <summary>A test for expressions that are <paramref name="uses"/> or call a defined function of
    /// <paramref name="functions"/> that uses one, directly or through calls.</summary>
    public static Func<Expr, bool> UsesOrCalls(IEnumerable<FunctionDef> functions, Func<Expr, bool> uses)
    {
        var users = FunctionsUsing(functions.Where(f => !f.IsDeclaration), uses);
        return e => uses(e) || e is CallExpr { Target.Function: { } g } && users.Contains(g);
    }

    /// <summary>
    /// The functions among <paramref name="functions"/> (all with bodies) that contain an expression <paramref name="uses"/>
    /// accepts, directly or through calls of functions that do.
    /// </summary>
    public static HashSet<FunctionDef> FunctionsUsing(IEnumerable<FunctionDef> functions, Func<Expr, bool> uses)
    {
        var list = functions.ToList();
        var users = new HashSet<FunctionDef>(list.Where(f => Descendants(f.Body!).Any(uses)));
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var f in list)
                if (!users.Contains(f) && Descendants(f.Body!).OfType<CallExpr>().Any(c => c.Target.Function is { } g && users.Contains(g)))
                    grew = users.Add(f);
        }
        return users;
    }

    /// <summary>Every expression in a statement tree (pre-order).</summary>
    public static IEnumerable<Expr> Descendants(Stmt s)
    {
        foreach (var e in TopExpressions(s))
            foreach (var x in Descendants(e)) yield return x;
        foreach (var child in ChildStatements(s))
            foreach (var x in Descendants(child)) yield return x;
    }

    /// <summary>The expressions a statement evaluates itself (not those of nested statements).</summary>
    public static IEnumerable<Expr> TopExpressions(Stmt s) => s switch
    {
        SetStmt x => [x.Value],
        IfStmt x => [x.Condition],
        ForStmt { Condition: { } c } => [c],
        WhileStmt x => [x.Condition],
        DoWhileStmt x => [x.Condition],
        SwitchStmt x => [x.Value],
        ReturnStmt { Value: { } v } => [v],
        ExprStmt x => [x.Expression],
        _ => [],
    };

    /// <summary>The statements nested directly in a statement.</summary>
    public static IEnumerable<Stmt> ChildStatements(Stmt s) => s switch
    {
        Block b => b.Statements,
        IfStmt i => i.Else is null ? [i.Then] : [i.Then, i.Else],
        ForStmt f => new[] { f.Init, f.Step, f.Body }.OfType<Stmt>(),
        WhileStmt w => [w.Body],
        DoWhileStmt d => [d.Body],
        SwitchStmt sw => sw.Cases.Select(c => (Stmt)c.Body),
        _ => [],
    };

    /// <summary>Whether a break or continue of the loop whose body <paramref name="s"/> is (not of a loop or switch inside it) is in it.</summary>
    public static bool LeavesLoop(Stmt s) => BreaksLoop(s) || ContinuesLoop(s);

    /// <summary>Whether a break of the loop whose body <paramref name="s"/> is (not of a loop or switch inside it) is in it.</summary>
    public static bool BreaksLoop(Stmt s) => s switch
    {
        BreakStmt => true,
        ForStmt or WhileStmt or DoWhileStmt or SwitchStmt => false,
        _ => ChildStatements(s).Any(BreaksLoop),
    };

    /// <summary>Whether a continue of the loop whose body <paramref name="s"/> is (not of a loop inside it) is in it.</summary>
    public static bool ContinuesLoop(Stmt s) => s switch
    {
        ContinueStmt => true,
        ForStmt or WhileStmt or DoWhileStmt => false,
        _ => ChildStatements(s).Any(ContinuesLoop),
    };

    /// <summary>The child statements and expressions of any node, for analyses that look at whole subtrees
    /// (<c>begin</c>'s statements before its result; a <c>for</c>'s init, condition, step, then body).</summary>
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
        BeginExpr b => [b.Statements, b.Result],
        Expr e => Operands(e),
        _ => [],
    };

    /// <summary>The node and every statement and expression under it, in pre-order.</summary>
    public static IEnumerable<Node> AllNodes(Node n)
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

    /// <summary>The symbols a node reads, writes, declares or takes the address of.</summary>
    public static IEnumerable<Symbol> SymbolsUsed(Node n) => AllNodes(n).Select(x => x switch
    {
        VarRef v => v.Symbol,
        SetStmt s => s.Symbol,
        PtrToExpr p => p.Symbol,
        DeclareStmt d => d.Symbol,
        _ => null,
    }).OfType<Symbol>();

    /// <summary>Every statement in a tree, itself first.</summary>
    public static IEnumerable<Stmt> Statements(Stmt s)
    {
        yield return s;
        foreach (var c in ChildStatements(s))
            foreach (var x in Statements(c)) yield return x;
        foreach (var e in TopExpressions(s))
            foreach (var b in Descendants(e).OfType<BeginExpr>())
                foreach (var x in Statements(b.Statements)) yield return x;
    }
}
