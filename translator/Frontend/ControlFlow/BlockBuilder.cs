using Translate.Ir.Model;

namespace Translate.Frontend.ControlFlow;

/// <summary>
/// Collects straight-line code into basic blocks while a body with labels and branches is read in order, then resolves
/// the labels into a <see cref="BasicBlock"/> graph for <see cref="Structurer"/>. A block without an ending falls into
/// the next one; a guarded leave gets its own leaving block, which falling through skips.
/// </summary>
internal sealed class BlockBuilder(Func<string, Exception> error)
{
    private sealed class Pending(List<Stmt> statements)
    {
        public List<Stmt> Statements { get; } = statements;
        public string? JumpTo { get; set; }
        public (Expr Condition, string? Label, int? Target)? BranchTo { get; set; }
        public bool Leaves { get; set; }
    }

    private readonly List<Pending> _blocks = [new([])];
    private readonly Dictionary<string, int> _labels = [];

    /// <summary>Where the statements read now go.</summary>
    public List<Stmt> Current => _blocks[^1].Statements;

    /// <summary>A label: a new block starts here.</summary>
    public void Label(string name)
    {
        if (_labels.ContainsKey(name)) throw error($"the label '{name}' is defined twice");
        _blocks.Add(new Pending([]));
        _labels[name] = _blocks.Count - 1;
    }

    /// <summary>An unconditional branch to <paramref name="label"/>.</summary>
    public void Jump(string label)
    {
        _blocks[^1].JumpTo = label;
        _blocks.Add(new Pending([]));
    }

    /// <summary>A branch to <paramref name="label"/> when <paramref name="condition"/> holds; otherwise on.</summary>
    public void BranchIf(Expr condition, string label)
    {
        _blocks[^1].BranchTo = (condition, label, null);
        _blocks.Add(new Pending([]));
    }

    /// <summary>The current block ends with <paramref name="last"/> (a return), control leaving the body.</summary>
    public void Leave(Stmt last)
    {
        Current.Add(last);
        _blocks[^1].Leaves = true;
        _blocks.Add(new Pending([]));
    }

    /// <summary>Control leaves through <paramref name="last"/> when <paramref name="condition"/> holds; otherwise on.</summary>
    public void LeaveIf(Expr condition, Stmt last)
    {
        _blocks.Add(new Pending([last]) { Leaves = true });
        _blocks[^2].BranchTo = (condition, null, _blocks.Count - 1);
        _blocks.Add(new Pending([]));
    }

    /// <summary>
    /// The graph, labels resolved. Falling off the last block reaches index <c>Count</c> of the result: with
    /// <paramref name="endBlock"/> an empty leaving block is there (the end a template runs off), else it must not happen.
    /// </summary>
    public List<BasicBlock> Resolve(bool endBlock)
    {
        // The empty block a final leave opened is reached by nothing.
        if (!endBlock && _blocks.Count > 1 && _blocks[^1] is { Statements.Count: 0, JumpTo: null, BranchTo: null, Leaves: false }
            && _blocks[^2].Leaves && !_labels.ContainsValue(_blocks.Count - 1))
            _blocks.RemoveAt(_blocks.Count - 1);
        // A guarded leave put its leaving block right after the block branching to it; falling through skips it.
        var skip = _blocks.Select(b => b.BranchTo is { Target: { } t } ? t : -1).Where(t => t >= 0).ToHashSet();
        int Target(string name) => _labels.TryGetValue(name, out int k) ? k : throw error($"the label '{name}' is not defined");
        int Next(int k)
        {
            int n = k + 1;
            while (skip.Contains(n)) n++;
            return n;
        }
        var graph = new List<BasicBlock>();
        for (int k = 0; k < _blocks.Count; k++)
        {
            var b = _blocks[k];
            Terminator end = b.Leaves ? new Leave()
                : b.BranchTo is { } branch ? new Branch(branch.Condition, branch.Target ?? Target(branch.Label!), Next(k))
                : b.JumpTo is { } label ? new Jump(Target(label))
                : new Jump(Next(k));
            graph.Add(new BasicBlock(b.Statements, end));
        }
        if (endBlock) graph.Add(new BasicBlock([], new Leave()));
        return graph;
    }
}
