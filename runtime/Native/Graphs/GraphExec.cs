namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// An instantiated graph (cudaGraphExec_t): its own copy of the graph, whose nodes remember the nodes
/// they were copied from (the setters name a node of the original graph), and the order it runs in.
/// </summary>
internal sealed class GraphExec
{
    public nint Handle { get; }
    public Graph Graph { get; }
    public List<GraphNode> Order { get; }

    /// <summary>cudaGraphInstantiateFlagAutoFreeOnLaunch: a launch first frees what the previous launch allocated and left live.</summary>
    public bool AutoFreeOnLaunch { get; }

    private GraphExec(Graph graph, List<GraphNode> order, bool autoFree)
    {
        (Graph, Order, AutoFreeOnLaunch) = (graph, order, autoFree);
        Handle = GraphHandles.Register(this);
    }

    /// <summary>An instantiation of <paramref name="graph"/>; null when its edges form a cycle.</summary>
    public static GraphExec? Instantiate(Graph graph, bool autoFree)
    {
        var copy = graph.Clone();
        if (copy.TopologicalOrder() is not { } order || copy.Nodes.OfType<ConditionalNode>().Any(c => !c.BodiesAreAcyclic))
        {
            copy.Destroy();
            return null;
        }
        return new GraphExec(copy, order, autoFree);
    }

    /// <summary>This instantiation's copy of <paramref name="node"/> (a node of the graph it was made from).</summary>
    public GraphNode? Find(GraphNode node) => Graph.Nodes.FirstOrDefault(n => n.Origin == node || n == node);

    /// <summary>Runs every node in order; the first error stops the launch.</summary>
    public int Launch()
    {
        if (AutoFreeOnLaunch)
            foreach (var n in Graph.Nodes)
                if (n is MemAllocNode { Allocation.Live: true } alloc) GraphMemory.Unmap(alloc.Allocation);
        foreach (var h in Graph.ConditionalHandles)
            if (h.AssignDefault) h.Value = h.Default;
        return GraphNode.RunInOrder(Order);
    }

    public void Destroy()
    {
        Graph.Destroy();
        GraphHandles.Forget(Handle);
    }
}
