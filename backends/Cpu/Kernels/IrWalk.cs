using Translate.Ir.Analysis;
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
        // begin's statements run before its result; every other expression's children are its operands.
        BeginExpr b => [b.Statements, b.Result],
        Expr e => IrTraversal.Operands(e),
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
    public static IEnumerable<Expr> OwnExpressions(Stmt s) => IrTraversal.TopExpressions(s);

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
