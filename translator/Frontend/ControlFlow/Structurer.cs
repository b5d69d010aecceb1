using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.ControlFlow;

/// <summary>
/// Turns a control-flow graph of basic blocks (from PTX's branches, or any goto-shaped code) into the IR's structured
/// statements. The algorithm is Ramsey's for reducible graphs ("Beyond Relooper", ICFP 2022): walk the dominator tree;
/// a loop header becomes a loop, a block that several forward edges reach (a merge node) follows a construct its
/// predecessors leave, every other block is placed where its only forward edge comes from. A branch is then a
/// <c>continue</c> of the loop it goes back to, or a <c>break</c> out of the construct before the merge node it goes to —
/// or nothing, where control falls there anyway. The IR's break and continue leave only the innermost loop, so a branch
/// out of several at once sets an exit variable that each loop it leaves tests on the way out.
/// An irreducible graph (a loop entered other than through its header) is a <see cref="StructuringException"/>.
/// </summary>
internal sealed class Structurer
{
    private readonly IReadOnlyList<BasicBlock> _blocks;
    private readonly SourceLocation _at;
    private readonly string _exitVariable;
    private readonly int[] _order;      // reverse-postorder number of each block, -1 if unreachable
    private readonly int[] _idom;
    private readonly List<int>[] _predecessors;
    private readonly bool[] _loopHeader;
    private readonly bool[] _merge;
    private readonly List<int>[] _children;
    /// <summary>Blocks placed after a loop they leave (rather than where their idom is, inside it), by that loop's header.</summary>
    private readonly List<int>[] _exits;
    private readonly bool[] _placedAfterLoop;
    private bool _exitUsed;
    /// <summary>Followers of exit constructs a branch leaves through (the others are their bodies in place, no loop of their own).</summary>
    private readonly HashSet<int> _needed = [];

    // ---- The structured form before it becomes IR -----------------------------------------------------------------

    private abstract class Item;
    private sealed class Code(List<Stmt> statements) : Item { public List<Stmt> Statements { get; } = statements; }
    private sealed class If(Expr condition, List<Item> then, List<Item> @else) : Item
    {
        public Expr Condition { get; } = condition;
        public List<Item> Then { get; } = then;
        public List<Item> Else { get; } = @else;
    }
    /// <summary>A construct whose end is where block <see cref="Follower"/> starts; a branch to it leaves the construct.</summary>
    private sealed class Exit(int follower, List<Item> body) : Item { public int Follower { get; } = follower; public List<Item> Body { get; } = body; }
    /// <summary>A loop headed by <see cref="Header"/>; a branch to it starts the next iteration, falling off its end leaves it.</summary>
    private sealed class Loop(int header, List<Item> body) : Item { public int Header { get; } = header; public List<Item> Body { get; } = body; }
    private sealed class Goto(int target, bool back) : Item { public int Target { get; } = target; public bool Back { get; } = back; }

    private Structurer(IReadOnlyList<BasicBlock> blocks, SourceLocation at, string exitVariable, int? end)
    {
        _blocks = blocks;
        _at = at;
        _exitVariable = exitVariable;
        int n = blocks.Count;
        _order = ReversePostorder(blocks);
        _predecessors = Predecessors(blocks, _order);
        _idom = Dominators(_predecessors, _order);
        _loopHeader = new bool[n];
        _merge = new bool[n];
        _children = [.. Enumerable.Range(0, n).Select(_ => new List<int>())];
        var forwardIn = new int[n];
        for (int b = 0; b < n; b++)
        {
            if (_order[b] < 0) continue;
            if (b != 0) _children[_idom[b]].Add(b);
            foreach (int s in blocks[b].Successors)
            {
                if (_order[s] <= _order[b])
                {
                    if (!Dominates(s, b))
                        throw new StructuringException("the branches form a loop that is entered other than through its first block (irreducible control flow)");
                    _loopHeader[s] = true;
                }
                else forwardIn[s]++;
            }
        }
        for (int b = 0; b < n; b++) _merge[b] = forwardIn[b] >= 2;
        // The end of a code fragment (an asm template) is reached by falling off: placed as a join, after everything.
        if (end is { } e && _order[e] >= 0) _merge[e] = true;
        _exits = [.. Enumerable.Range(0, n).Select(_ => new List<int>())];
        _placedAfterLoop = new bool[n];
        PlaceLoopExits();
    }

    /// <summary>Each reachable block's predecessors among the reachable blocks.</summary>
    private static List<int>[] Predecessors(IReadOnlyList<BasicBlock> blocks, int[] order)
    {
        var predecessors = Enumerable.Range(0, blocks.Count).Select(_ => new List<int>()).ToArray();
        for (int b = 0; b < blocks.Count; b++)
            if (order[b] >= 0)
                foreach (int s in blocks[b].Successors) predecessors[s].Add(b);
        return predecessors;
    }

    /// <summary>
    /// Where a loop's exits go (blocks outside it whose idom is inside it): a join among them (a merge node) goes after the
    /// loop, where the branches to it break out; so does the only exit of a loop that has one. What follows a loop then reads
    /// as following it, and a return there is not inside it. Other exits (several, each reached from one place) stay where
    /// their branch is, as Ramsey places them, each ending in a branch to the join after the loop.
    /// </summary>
    private void PlaceLoopExits()
    {
        int n = _order.Length;
        var predecessors = _predecessors;
        // Each header's natural loop: the blocks that reach one of its back edges without passing the header.
        var body = new Dictionary<int, HashSet<int>>();
        for (int h = 0; h < n; h++)
        {
            if (!_loopHeader[h]) continue;
            var members = new HashSet<int> { h };
            var work = new Stack<int>(predecessors[h].Where(p => _order[p] >= _order[h]));
            while (work.Count > 0)
            {
                int b = work.Pop();
                if (!members.Add(b)) continue;
                foreach (int p in predecessors[b]) if (_order[p] >= 0) work.Push(p);
            }
            body[h] = members;
        }
        for (int y = 1; y < n; y++)
        {
            if (_order[y] < 0) continue;
            int p = _idom[y];
            // The loops holding p, innermost first (smaller bodies are nested in larger ones).
            var holding = body.Where(l => l.Value.Contains(p)).OrderBy(l => l.Value.Count).ToList();
            int? leaves = null;
            foreach (var (header, members) in holding)
            {
                if (members.Contains(y)) break;
                leaves = header;
            }
            if (leaves is { } h && h != y) _exits[h].Add(y);
        }
        for (int h = 0; h < n; h++)
        {
            var joins = _exits[h].Where(y => _merge[y]).ToList();
            if (joins.Count == 0 && _exits[h].Count == 1) joins = _exits[h];
            _exits[h] = joins;
            foreach (int y in joins) _placedAfterLoop[y] = true;
        }
    }

    /// <summary>
    /// The IR statements of <paramref name="blocks"/> (block 0 is the entry). <paramref name="exitVariable"/> names the
    /// int variable a branch out of several loops sets; it is declared first when needed. <paramref name="end"/>, for a
    /// fragment that control leaves by falling off its end rather than by returning, is the empty block standing for
    /// that end (every other block that leaves must end in a return).
    /// </summary>
    public static List<Stmt> Structure(IReadOnlyList<BasicBlock> blocks, SourceLocation at, string exitVariable, int? end = null)
    {
        var s = new Structurer(blocks, at, exitVariable, end);
        var tree = s.Tree(0);
        s.DropFallthroughs(tree);
        MarkNeeded(tree, [], null, s._needed);
        var body = s.Emit(tree, []);
        if (s._exitUsed)
            body.InsertRange(0, [new DeclareStmt(at, exitVariable, IrType.Int32), new SetStmt(at, exitVariable, new IntLit(at, 0, IrType.Int32))]);
        return body;
    }

    // ---- Graph facts -----------------------------------------------------------------------------------------------

    private static int[] ReversePostorder(IReadOnlyList<BasicBlock> blocks)
    {
        int n = blocks.Count;
        var order = Enumerable.Repeat(-1, n).ToArray();
        var postorder = new List<int>(n);
        var visited = new bool[n];
        var stack = new Stack<(int Block, IEnumerator<int> Next)>();
        visited[0] = true;
        stack.Push((0, blocks[0].Successors.GetEnumerator()));
        while (stack.Count > 0)
        {
            var (b, next) = stack.Peek();
            if (next.MoveNext())
            {
                int s = next.Current;
                if (!visited[s]) { visited[s] = true; stack.Push((s, blocks[s].Successors.GetEnumerator())); }
                continue;
            }
            stack.Pop();
            postorder.Add(b);
        }
        for (int i = 0; i < postorder.Count; i++) order[postorder[i]] = postorder.Count - 1 - i;
        return order;
    }

    /// <summary>Immediate dominators (Cooper, Harvey and Kennedy's iteration over reverse postorder).</summary>
    private static int[] Dominators(List<int>[] predecessors, int[] order)
    {
        int n = order.Length;
        var byOrder = Enumerable.Range(0, n).Where(b => order[b] >= 0).OrderBy(b => order[b]).ToArray();
        var idom = Enumerable.Repeat(-1, n).ToArray();
        idom[0] = 0;
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (int b in byOrder.Skip(1))
            {
                int candidate = -1;
                foreach (int p in predecessors[b])
                {
                    if (idom[p] < 0) continue;
                    candidate = candidate < 0 ? p : Intersect(p, candidate);
                }
                if (candidate != idom[b]) { idom[b] = candidate; changed = true; }
            }
        }
        return idom;

        int Intersect(int a, int b)
        {
            while (a != b)
            {
                while (order[a] > order[b]) a = idom[a];
                while (order[b] > order[a]) b = idom[b];
            }
            return a;
        }
    }

    private bool Dominates(int a, int b)
    {
        while (true)
        {
            if (a == b) return true;
            if (b == 0) return false;
            b = _idom[b];
        }
    }

    // ---- The dominator-tree walk -----------------------------------------------------------------------------------

    private List<Item> Tree(int x)
    {
        var merges = _children[x].Where(c => _merge[c] && !_placedAfterLoop[c]).OrderByDescending(c => _order[c]).ToList();
        var code = Within(x, merges, 0);
        if (!_loopHeader[x]) return code;
        // The loop, inside constructs that end where the blocks leaving it start, the one reached last outermost.
        var exits = _exits[x].OrderByDescending(c => _order[c]).ToList();
        return After(new Loop(x, code), exits, 0);
    }

    private List<Item> After(Loop loop, List<int> exits, int k)
    {
        if (k == exits.Count) return [loop];
        int y = exits[k];
        return [new Exit(y, After(loop, exits, k + 1)), .. Tree(y)];
    }

    /// <summary>Block <paramref name="x"/> inside constructs that end where its merge children <paramref name="merges"/>[k..] start,
    /// the one reached last outermost.</summary>
    private List<Item> Within(int x, List<int> merges, int k)
    {
        if (k < merges.Count)
        {
            int y = merges[k];
            return [new Exit(y, Within(x, merges, k + 1)), .. Tree(y)];
        }
        var block = _blocks[x];
        var items = new List<Item> { new Code(block.Statements) };
        switch (block.Terminator)
        {
            case Jump j: items.AddRange(BranchTo(x, j.Target)); break;
            case Branch b: items.Add(new If(b.Condition, BranchTo(x, b.IfTrue), BranchTo(x, b.IfFalse))); break;
        }
        return items;
    }

    private List<Item> BranchTo(int from, int to)
    {
        if (_order[to] <= _order[from]) return [new Goto(to, back: true)];
        if (_merge[to] || _placedAfterLoop[to]) return [new Goto(to, back: false)];
        return Tree(to);
    }

    // ---- Simplification --------------------------------------------------------------------------------------------

    /// <summary>Removes forward branches that control would take anyway: the last thing in a construct, branching to where the
    /// construct ends (also through an if's arms and out of a loop's end, which falls to the same place).</summary>
    private void DropFallthroughs(List<Item> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case If i: DropFallthroughs(i.Then); DropFallthroughs(i.Else); break;
                case Loop l: DropFallthroughs(l.Body); break;
                case Exit e: DropFallthroughs(e.Body); DropTail(e.Body, e.Follower); break;
            }
        }
    }

    private static void DropTail(List<Item> items, int follower)
    {
        if (items.Count == 0) return;
        switch (items[^1])
        {
            case Goto { Back: false } g when g.Target == follower: items.RemoveAt(items.Count - 1); break;
            case If i: DropTail(i.Then, follower); DropTail(i.Else, follower); break;
            case Loop l: DropTail(l.Body, follower); break;
        }
    }

    // ---- IR emission -----------------------------------------------------------------------------------------------

    /// <summary>An IR loop being emitted: the construct it is (a loop's header, or an exit construct's follower, which is a
    /// while(true) ending in break) and the branches that leave through it to a construct further out.</summary>
    private sealed record Frame(int Label, bool IsLoop, HashSet<(int Key, bool Break)> Crossing)
    {
        /// <summary>For a loop that ends an exit construct's body: breaking out of it lands where that construct's follower starts.</summary>
        public int? BreakLandsOn { get; init; }

        /// <summary>One number per construct: a block can head a loop and follow an exit construct at once.</summary>
        public int Key => Label * 2 + (IsLoop ? 1 : 0);
    }

    /// <summary>
    /// Which exit constructs a forward branch must leave by a break of their own: those whose follower a branch goes to from
    /// their body, other than by leaving a loop that ends the body (a break out of that loop lands there already).
    /// </summary>
    private static void MarkNeeded(List<Item> items, List<(int Label, bool IsLoop, int? LandsOn)> frames, int? landsOn, HashSet<int> needed)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case If i: MarkNeeded(i.Then, frames, null, needed); MarkNeeded(i.Else, frames, null, needed); break;
                case Exit e: MarkNeeded(e.Body, [.. frames, (e.Follower, false, null)], e.Follower, needed); break;
                case Loop l:
                    MarkNeeded(l.Body, [.. frames, (l.Header, true, ReferenceEquals(item, items[^1]) ? landsOn : null)], null, needed);
                    break;
                case Goto { Back: false } g:
                {
                    int k = frames.FindLastIndex(f => f.IsLoop ? f.LandsOn == g.Target : f.Label == g.Target);
                    if (k >= 0 && !frames[k].IsLoop) needed.Add(g.Target);
                    break;
                }
            }
        }
    }

    private List<Stmt> Emit(List<Item> items, List<Frame> frames, int? loopBreakLandsOn = null)
    {
        var list = new List<Stmt>();
        foreach (var item in items)
        {
            switch (item)
            {
                case Code c: list.AddRange(c.Statements); break;
                case If i:
                {
                    var then = Emit(i.Then, frames);
                    var @else = Emit(i.Else, frames);
                    if (then.Count == 0 && @else.Count == 0) break; // conditions are register reads: nothing to evaluate
                    if (then.Count == 0) list.Add(new IfStmt(_at, Not(i.Condition), new Block(_at, @else), null));
                    else list.Add(new IfStmt(_at, i.Condition, new Block(_at, then), @else.Count == 0 ? null : new Block(_at, @else)));
                    break;
                }
                case Exit e when !_needed.Contains(e.Follower): list.AddRange(Emit(e.Body, frames, e.Follower)); break;
                case Exit e: list.AddRange(IrLoop(new Frame(e.Follower, false, []), e.Body, frames)); break;
                case Loop l:
                {
                    // A loop that ends its list, where that list is an exit construct's body, breaks to the construct's follower.
                    bool last = ReferenceEquals(item, items[^1]);
                    list.AddRange(IrLoop(new Frame(l.Header, true, []) { BreakLandsOn = last ? loopBreakLandsOn : null }, l.Body, frames));
                    break;
                }
                case Goto g: list.AddRange(Branch(g, frames)); break;
            }
        }
        return list;
    }

    private List<Stmt> IrLoop(Frame frame, List<Item> body, List<Frame> frames)
    {
        var inner = Emit(body, [.. frames, frame], frame.IsLoop ? null : frame.Label);
        var list = new List<Stmt>();
        // while (true) { body; if (c) continue; break; } is do { body } while (c) when nothing else continues it.
        if (frame.IsLoop && inner.Count > 0 && inner[^1] is IfStmt { Else: null, Then: Block { Statements: [ContinueStmt] } } latch
            && !inner.Take(inner.Count - 1).Any(ContinuesThisLoop))
            list.Add(new DoWhileStmt(_at, latch.Condition, new Block(_at, inner.Take(inner.Count - 1).ToList())));
        else
        {
            if (inner.Count == 0 || inner[^1] is not (BreakStmt or ContinueStmt or ReturnStmt)) inner.Add(new BreakStmt(_at));
            list.Add(new WhileStmt(_at, new BoolLit(_at, true), new Block(_at, inner)));
        }
        if (frame.Crossing.Count == 0) return list;
        // Branches that left through this loop to a construct further out: the next IR loop out is either their target or
        // one more they leave.
        var next = frames.Count > 0 ? frames[^1] : throw new InvalidOperationException("a branch left every loop");
        var handled = new List<Stmt>();
        foreach (var (key, breaks) in frame.Crossing.Where(c => c.Key == next.Key).OrderBy(c => c.Break))
            handled.Add(new IfStmt(_at, new BinaryExpr(_at, BinaryOp.Eq, new VarRef(_at, _exitVariable), Int(ExitCode(key, breaks))),
                new Block(_at, [new SetStmt(_at, _exitVariable, Int(0)), breaks ? new BreakStmt(_at) : new ContinueStmt(_at)]), null));
        if (frame.Crossing.Any(c => c.Key != next.Key))
        {
            handled.Add(new BreakStmt(_at));
            foreach (var c in frame.Crossing.Where(c => c.Key != next.Key)) next.Crossing.Add(c);
        }
        list.Add(new IfStmt(_at, new BinaryExpr(_at, BinaryOp.Ne, new VarRef(_at, _exitVariable), Int(0)), new Block(_at, handled), null));
        return list;
    }

    /// <summary>The exit variable's value for a branch that breaks out of, or continues, the construct <paramref name="key"/>.</summary>
    private static int ExitCode(int key, bool breaks) => key * 2 + (breaks ? 1 : 0) + 1;

    /// <summary>Statements that continue the loop being emitted (not one nested in it).</summary>
    private static bool ContinuesThisLoop(Stmt s) => s switch
    {
        ContinueStmt => true,
        Block b => b.Statements.Any(ContinuesThisLoop),
        IfStmt i => ContinuesThisLoop(i.Then) || (i.Else is { } e && ContinuesThisLoop(e)),
        _ => false, // loops hold their own continues
    };

    private List<Stmt> Branch(Goto g, List<Frame> frames)
    {
        // Constructs emitted inline (exits nothing branches to) are not frames, so the target is the innermost frame
        // with its label, loops of both kinds counting.
        int k = frames.FindLastIndex(f => (f.Label == g.Target && f.IsLoop == g.Back) || (!g.Back && f.IsLoop && f.BreakLandsOn == g.Target));
        if (k < 0) throw new InvalidOperationException($"a branch to block {g.Target} has no enclosing construct");
        // A forward branch breaks out of its frame (an exit construct, or a loop ending where the target starts).
        bool breaks = !g.Back;
        if (k == frames.Count - 1) return [breaks ? new BreakStmt(_at) : new ContinueStmt(_at)];
        _exitUsed = true;
        frames[^1].Crossing.Add((frames[k].Key, breaks));
        return [new SetStmt(_at, _exitVariable, Int(ExitCode(frames[k].Key, breaks))), new BreakStmt(_at)];
    }

    private IntLit Int(int v) => new(_at, v, IrType.Int32);
    private Expr Not(Expr e) => e is UnaryExpr { Op: UnaryOp.Not } u ? u.Operand : new UnaryExpr(_at, UnaryOp.Not, e);
}
