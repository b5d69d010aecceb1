using Translate.Ir.Model;

namespace Translate.Frontend.ControlFlow;

/// <summary>How control leaves a basic block.</summary>
internal abstract record Terminator;

/// <summary>To <see cref="Target"/> (a branch, or falling into the next block).</summary>
internal sealed record Jump(int Target) : Terminator;

/// <summary>To <see cref="IfTrue"/> when <see cref="Condition"/> holds, else to <see cref="IfFalse"/>.</summary>
internal sealed record Branch(Expr Condition, int IfTrue, int IfFalse) : Terminator;

/// <summary>Nowhere: the block's statements end in a return (or trap).</summary>
internal sealed record Leave : Terminator;

/// <summary>Straight-line IR statements and how control leaves them.</summary>
internal sealed class BasicBlock(List<Stmt> statements, Terminator terminator)
{
    public List<Stmt> Statements { get; } = statements;
    public Terminator Terminator { get; set; } = terminator;

    public IEnumerable<int> Successors => Terminator switch
    {
        Jump j => [j.Target],
        Branch b => [b.IfTrue, b.IfFalse],
        _ => [],
    };
}

/// <summary>Control flow the structurer cannot express with the IR's ifs and loops (an irreducible loop).</summary>
internal sealed class StructuringException(string message) : Exception(message);
