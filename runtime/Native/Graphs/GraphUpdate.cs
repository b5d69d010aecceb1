namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// cudaGraphExecUpdate's rule: an instantiated graph takes the parameters of another graph whose
/// topology is the same. Nodes are paired in the order they were added (which is capture order for
/// captured graphs); a pair must have the same type and the same dependencies.
/// </summary>
internal static class GraphUpdate
{
    /// <summary><c>cudaGraphExecUpdateResult</c> values.</summary>
    public const int Success = 0, Error = 1, TopologyChanged = 2, NodeTypeChanged = 3;

    public readonly record struct Failure(int Result, GraphNode? Node, GraphNode? From);

    /// <summary>Why <paramref name="source"/> cannot update <paramref name="target"/>'s nodes pairwise, or null when it can.</summary>
    public static Failure? Mismatch(Graph target, Graph source)
    {
        if (target.Nodes.Count != source.Nodes.Count) return new Failure(TopologyChanged, null, null);
        var index = source.Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var targetIndex = target.Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        for (int i = 0; i < source.Nodes.Count; i++)
        {
            var (s, t) = (source.Nodes[i], target.Nodes[i]);
            if (s.Type != t.Type) return new Failure(NodeTypeChanged, s, null);
            var sd = s.Dependencies.Select(d => index[d]).Order();
            var td = t.Dependencies.Select(d => targetIndex[d]).Order();
            if (!sd.SequenceEqual(td))
                return new Failure(TopologyChanged, s, s.Dependencies.Count > 0 ? s.Dependencies[0] : null);
        }
        return null;
    }

    /// <summary>
    /// A child graph (or conditional body) taking <paramref name="source"/>'s parameters node by node:
    /// 0, or the first <c>cudaGraphExecUpdateResult</c> that refuses it.
    /// </summary>
    public static int Pairwise(Graph target, Graph source)
    {
        if (Mismatch(target, source) is { } mismatch) return mismatch.Result;
        for (int i = 0; i < target.Nodes.Count; i++)
            if (target.Nodes[i].UpdateFrom(source.Nodes[i]) is var r and not 0) return r;
        return 0;
    }

    /// <summary>Updates <paramref name="exec"/> from <paramref name="source"/>: null on success, else the failure (nothing is changed then).</summary>
    public static Failure? Apply(GraphExec exec, Graph source)
    {
        if (Mismatch(exec.Graph, source) is { } mismatch) return mismatch;
        // Check every node first, so that a refused update leaves the instantiation as it was.
        var trial = exec.Graph.Nodes.Select(n => n.Copy()).ToList();
        for (int i = 0; i < trial.Count; i++)
            if (trial[i].UpdateFrom(source.Nodes[i]) is var r and not 0)
            {
                foreach (var t in trial) t.Release();
                return new Failure(r, source.Nodes[i], null);
            }
        foreach (var t in trial) t.Release();
        for (int i = 0; i < source.Nodes.Count; i++) exec.Graph.Nodes[i].UpdateFrom(source.Nodes[i]);
        return null;
    }
}
