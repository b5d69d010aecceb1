namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A graph run as one node: a copy of the graph it was made from (cudaGraphAddChildGraphNode clones,
/// and a graph launched into a capturing stream is recorded this way).
/// </summary>
internal sealed class ChildGraphNode : GraphNode
{
    public Graph Child { get; private set; }
    private List<GraphNode> _order;

    /// <summary>A node running a clone of <paramref name="graph"/>; null when the graph has a cycle.</summary>
    public static ChildGraphNode? Of(Graph graph)
    {
        var child = graph.Clone();
        if (child.TopologicalOrder() is not { } order)
        {
            child.Destroy();
            return null;
        }
        return new ChildGraphNode(child, order);
    }

    private ChildGraphNode(Graph child, List<GraphNode> order) => (Child, _order) = (child, order);

    public override GraphNodeType Type => GraphNodeType.Graph;

    public override int Run() => RunInOrder(_order);

    protected override GraphNode CopyOperation() => Of(Child)!;

    /// <summary>The child's nodes are updated pairwise when its topology is the same.</summary>
    public override int UpdateFrom(GraphNode source) => GraphUpdate.Pairwise(Child, ((ChildGraphNode)source).Child);

    public override void Release() => Child.Destroy();

    public override string Describe() => $"{Child.Nodes.Count} nodes";
}
