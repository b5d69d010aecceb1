namespace Translate.Fuzz.Reduction;

/// <summary>
/// Shrinks a program while a predicate (the same difference between devices) still holds, in the
/// manner of delta debugging over the expression tree: delete list items (statements, definitions,
/// operands), then replace lists by one of their own items or by a zero of a plausible type, until
/// no single edit keeps the predicate or the time is up. Invalid candidates cost only a check.
/// </summary>
public static class Reducer
{
    private static readonly string[] Zeros = ["(int 0)", "(int 1)", "(int64 0)", "(float 0.0)", "(double 0.0)", "#f", "#t"];

    public static string Reduce(string program, Func<string, bool> interesting, TimeSpan budget, Action<string>? progress = null, Action<string>? keep = null) =>
        Print(FirstImprovement.Search(SNode.ParseAll(program), Edits, Print, interesting, budget, best =>
        {
            progress?.Invoke($"reduced to {best.Sum(n => n.Size)} atoms");
            keep?.Invoke(Print(best));
        }));

    private static string Print(List<SNode> top) => string.Join("\n", top.Select(n => n.ToString())) + "\n";

    /// <summary>Every single edit of the tree, biggest deletions first; each builds a new tree when asked.</summary>
    private static IEnumerable<Func<List<SNode>?>> Edits(List<SNode> top)
    {
        var lists = new List<(int[] Path, SNode Node)>();
        Collect(top[0], [], lists);
        // Larger subtrees first: removing a whole statement beats removing its parts.
        var byChild = lists.Where(l => !IsNanCanonicalization(l.Node))
            .SelectMany(l => l.Node.Items.Select((c, i) => (l.Path, Index: i, c.Size, Step: IsCounterStep(c) || IsKept(l.Node, i))))
            .Where(x => x.Index > 0 && !x.Step)
            .OrderByDescending(x => x.Size)
            .ToList();
        foreach (var (path, index, _, _) in byChild)
            yield return () => Edit(top, path, parent => parent.Items.RemoveAt(index));
        foreach (var (path, node) in lists.Where(l => l.Path.Length > 0 && !IsKept(At(top[0], l.Path[..^1]), l.Path[^1])).OrderByDescending(l => l.Node.Size))
        {
            // A NaN canonicalization may become a constant, never its bare operand (a NaN's bits differ between devices).
            for (int i = 1; i < node.Items.Count && !IsNanCanonicalization(node); i++)
            {
                int child = i;
                if (node.Items[child].IsList || !node.Items[child].Atom!.StartsWith('"'))
                    yield return () => Replace(top, path, node.Items[child].Clone());
            }
            foreach (var zero in Zeros)
                yield return () => Replace(top, path, SNode.ParseAll(zero)[0]);
        }
    }

    /// <summary>
    /// Lists the reducer may edit. Loop headers and the generator's counter steps (<c>(set iN ...)</c>)
    /// are left alone: editing them makes loops endless, and every such candidate costs a timeout.
    /// The whole loop may still go.
    /// </summary>
    private static void Collect(SNode node, int[] path, List<(int[], SNode)> into)
    {
        if (!node.IsList || IsCounterStep(node)) return;
        into.Add((path, node));
        bool loop = node.Items.Count > 1 && node.Items[0].Atom is "for";
        if (IsNanCanonicalization(node)) return; // edited whole only, see below
        for (int i = loop ? 2 : 0; i < node.Items.Count; i++)
            if (!IsSharedInitialization(node, i)) Collect(node.Items[i], [.. path, i], into); // kept whole, inside too
    }

    /// <summary>
    /// The generator's <c>(select (fune X X) 0.5 X)</c> around a float whose bits are printed: it makes every NaN 0.5,
    /// since NaN payloads and signs may differ between correct devices. Editing one copy of X, or keeping X alone,
    /// left the bits of a NaN in the output, and the reducer kept such programs as the difference (fuzz seed 56507
    /// drifted to <c>inf - inf</c> bitcast); it may only replace the whole select by a constant.
    /// </summary>
    private static bool IsNanCanonicalization(SNode node) =>
        node.Items is [{ Atom: "select" }, { IsList: true, Items: [{ Atom: "fune" }, var a, var b] }, _, var c]
        && a.ToString() == b.ToString() && b.ToString() == c.ToString();

    /// <summary>Statements the reducer never deletes or replaces whole: initializations, without which the program reads
    /// what nothing wrote (undefined, so a difference there means nothing).</summary>
    private static bool IsKept(SNode parent, int index) => IsInitialization(parent, index) || IsSharedInitialization(parent, index);

    /// <summary>
    /// In a kernel's body, a store into a shared array (<c>(store (aptradd sh ltid) …)</c>, or an <c>if</c> around such
    /// stores: the generator's <c>(if (eq ltid 0) … (store (aptradd sha j) …))</c>), and the barrier right after the
    /// last of them, which publishes them: deleting either left the program reading shared memory nothing wrote, and
    /// the reducer kept such programs as "differences" (fuzz seed 3027 reduced to a read of uninitialized <c>sha</c>).
    /// </summary>
    private static bool IsSharedInitialization(SNode parent, int index)
    {
        if (parent.Items is not [{ Atom: "define-kernel" }, ..]) return false;
        var shared = parent.Items.Where(i => i is { IsList: true, Items: [{ Atom: "define-shared" }, { Atom: not null }, ..] })
            .Select(i => i.Items[1].Atom!).ToHashSet(StringComparer.Ordinal);
        bool Stores(SNode n) => n.IsList && n.Items is [{ Atom: "store" or "if" }, ..]
            && shared.Any(name => n.ToString().Contains($"(store (aptradd {name} ", StringComparison.Ordinal));
        if (Stores(parent.Items[index])) return true;
        // The first barrier after such stores.
        static bool Barrier(SNode n) => n.ToString() == "[__syncthreads]";
        if (!Barrier(parent.Items[index])) return false;
        for (int i = index - 1; i > 0; i--)
        {
            if (Barrier(parent.Items[i])) return false;
            if (Stores(parent.Items[i])) return true;
        }
        return false;
    }

    /// <summary>
    /// <c>(set X ...)</c> right after <c>(declare X ...)</c>: deleting it would leave X undefined, a
    /// program whose difference means nothing (the interpreter does not flag such reads). Its value may still shrink.
    /// </summary>
    private static bool IsInitialization(SNode parent, int index) =>
        index > 0 && parent.Items[index] is { IsList: true, Items: [{ Atom: "set" }, { Atom: { } name }, ..] }
        && parent.Items[index - 1] is { IsList: true, Items: [{ Atom: "declare" }, { Atom: { } declared }, ..] } && declared == name;

    private static bool IsCounterStep(SNode node) =>
        node.Items.Count == 3 && node.Items[0].Atom == "set" && node.Items[1].Atom is { Length: > 1 } name
        && name[0] == 'i' && name.Skip(1).All(char.IsAsciiDigit);

    private static SNode At(SNode root, int[] path)
    {
        foreach (int i in path) root = root.Items[i];
        return root;
    }

    private static List<SNode>? Edit(List<SNode> top, int[] path, Action<SNode> change)
    {
        var copy = top.Select(t => t.Clone()).ToList();
        var node = copy[0];
        foreach (int i in path) node = node.Items[i];
        change(node);
        return copy;
    }

    private static List<SNode>? Replace(List<SNode> top, int[] path, SNode with)
    {
        var copy = top.Select(t => t.Clone()).ToList();
        var parent = copy[0];
        foreach (int i in path[..^1]) parent = parent.Items[i];
        if (parent.Items[path[^1]].Size <= with.Size) return null;
        parent.Items[path[^1]] = with;
        return copy;
    }
}
