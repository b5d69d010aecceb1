namespace Translate.Runtime.Native.Graphs;

/// <summary><c>enum cudaGraphNodeType</c>: the kinds of node this runtime builds.</summary>
internal enum GraphNodeType { Kernel = 0, Memcpy = 1, Memset = 2, Host = 3, Graph = 4, Empty = 5, WaitEvent = 6, EventRecord = 7, ExternalSemaphoreSignal = 8, ExternalSemaphoreWait = 9, MemAlloc = 10, MemFree = 11, Conditional = 13 }

/// <summary>
/// One node of a graph: an operation and the nodes it depends on (a graph's edges are these
/// dependencies). Nodes are copied, never shared, when a graph is cloned or instantiated.
/// </summary>
internal abstract class GraphNode
{
    /// <summary>The cudaGraphNode_t programs hold (0 until the node is in a graph).</summary>
    public nint Handle { get; set; }

    public Graph Graph { get; set; } = null!;

    public List<GraphNode> Dependencies { get; } = [];

    /// <summary>The node this one was copied from (cudaGraphClone, cudaGraphInstantiate), or null.</summary>
    public GraphNode? Origin { get; private set; }

    public abstract GraphNodeType Type { get; }

    /// <summary>cudaGraphNodeSetEnabled: a disabled node of an instantiated graph does nothing when launched.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Performs the operation; it completes before the call returns. 0 or the CUDA error (recorded).</summary>
    public abstract int Run();

    /// <summary>Runs the enabled nodes of <paramref name="order"/> one after another; the first error stops them.</summary>
    public static int RunInOrder(IEnumerable<GraphNode> order)
    {
        foreach (var n in order)
            if (n.Enabled && n.Run() is var r and not 0) return r;
        return 0;
    }

    /// <summary>A node performing the same operation, with no edges.</summary>
    protected abstract GraphNode CopyOperation();

    public GraphNode Copy()
    {
        var copy = CopyOperation();
        copy.Origin = this;
        return copy;
    }

    /// <summary>
    /// cudaGraphExecUpdate: takes the operation of <paramref name="source"/> (same type, same place in
    /// the same topology). A <c>cudaGraphExecUpdateResult</c>: 0 when taken.
    /// </summary>
    public abstract int UpdateFrom(GraphNode source);

    /// <summary>What the node does, for cudaGraphDebugDotPrint.</summary>
    public abstract string Describe();

    /// <summary>Called once when the node's graph is destroyed.</summary>
    public virtual void Release() { }

    /// <summary>cudaGraphExecUpdateErrorParametersChanged.</summary>
    protected const int ParametersChanged = 5;
}
