namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// One stream capture: the graph being built, the streams taking part (the origin, and those an event
/// recorded in the capture pulled in) and, per stream, the nodes its next operation will depend on.
/// </summary>
internal sealed class CaptureSequence(ulong id, nint origin, int mode, int thread, Graph? into = null)
{
    public ulong Id { get; } = id;
    public nint Origin { get; } = origin;

    /// <summary><c>cudaStreamCaptureMode</c> it began with.</summary>
    public int Mode { get; } = mode;

    /// <summary>The managed id of the thread that began it.</summary>
    public int Thread { get; } = thread;

    /// <summary>The graph being built: a new one, or the program's own (cudaStreamBeginCaptureToGraph).</summary>
    public Graph Graph { get; } = into ?? new();

    /// <summary>Whether the capture adds to a graph the program made (not destroyed if the capture fails).</summary>
    public bool IntoExistingGraph { get; } = into is not null;

    /// <summary>Per capturing stream, the nodes its next operation depends on.</summary>
    public Dictionary<nint, List<GraphNode>> Tails { get; } = [];

    /// <summary>An illegal operation happened during the capture: it can only end, without a graph.</summary>
    public bool Invalidated { get; set; }

    public void Append(nint stream, GraphNode node)
    {
        Graph.Add(node, Tails[stream]);
        Tails[stream] = [node];
    }

    /// <summary>Whether every stream's work is joined into the origin's: every other tail is an ancestor of the origin's.</summary>
    public bool Joined()
    {
        var reached = new HashSet<GraphNode>();
        var work = new Stack<GraphNode>(Tails[Origin]);
        while (work.TryPop(out var n))
            if (reached.Add(n)) foreach (var d in n.Dependencies) work.Push(d);
        return Tails.Where(t => t.Key != Origin).All(t => t.Value.All(reached.Contains));
    }
}
