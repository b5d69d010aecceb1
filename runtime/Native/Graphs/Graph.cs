using System.Text;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A CUDA graph: nodes in the order they were added and the dependency edges between them. Launching
/// runs the nodes one at a time in a topological order (the order of addition where it is one, which
/// it always is for a captured graph), each completing before the next starts.
/// </summary>
internal sealed class Graph
{
    public nint Handle { get; }

    public List<GraphNode> Nodes { get; } = [];

    /// <summary>The conditional node this graph is a body of, or null.</summary>
    public ConditionalNode? BodyOf { get; set; }

    /// <summary>Conditional handles created for this graph (cudaGraphConditionalHandleCreate); copies share them.</summary>
    public List<ConditionalHandle> ConditionalHandles { get; } = [];

    public Graph() => Handle = GraphHandles.Register(this);

    /// <summary>Adds <paramref name="node"/> after <paramref name="dependencies"/> (which must be nodes of this graph).</summary>
    public GraphNode Add(GraphNode node, IEnumerable<GraphNode> dependencies)
    {
        node.Graph = this;
        foreach (var d in dependencies)
            if (!node.Dependencies.Contains(d)) node.Dependencies.Add(d);
        node.Handle = GraphHandles.Register(node);
        lock (GraphHandles.Gate) Nodes.Add(node);
        return node;
    }

    public IEnumerable<GraphNode> Roots => Nodes.Where(n => n.Dependencies.Count == 0);

    public IEnumerable<(GraphNode From, GraphNode To)> Edges => Nodes.SelectMany(n => n.Dependencies.Select(d => (d, n)));

    public IEnumerable<GraphNode> Dependents(GraphNode node) => Nodes.Where(n => n.Dependencies.Contains(node));

    /// <summary>Whether <paramref name="to"/> is <paramref name="from"/> or depends on it, directly or not.</summary>
    public static bool Reaches(GraphNode from, GraphNode to)
    {
        var seen = new HashSet<GraphNode>();
        var work = new Stack<GraphNode>([to]);
        while (work.TryPop(out var n))
        {
            if (n == from) return true;
            if (seen.Add(n)) foreach (var d in n.Dependencies) work.Push(d);
        }
        return false;
    }

    /// <summary>A copy with copied nodes (each remembering its origin) and the same edges.</summary>
    public Graph Clone()
    {
        var clone = new Graph();
        clone.ConditionalHandles.AddRange(ConditionalHandles);
        var map = new Dictionary<GraphNode, GraphNode>();
        foreach (var n in Nodes) map[n] = clone.Add(n.Copy(), []);
        foreach (var n in Nodes) map[n].Dependencies.AddRange(n.Dependencies.Select(d => map[d]));
        return clone;
    }

    /// <summary>The nodes in an order that puts every node after its dependencies (ties: order of addition); null with a cycle.</summary>
    public List<GraphNode>? TopologicalOrder()
    {
        var remaining = Nodes.ToDictionary(n => n, n => n.Dependencies.Count);
        var order = new List<GraphNode>(Nodes.Count);
        var ready = new SortedSet<int>(Nodes.Select((n, i) => (n, i)).Where(p => p.n.Dependencies.Count == 0).Select(p => p.i));
        var index = Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        while (ready.Count > 0)
        {
            int i = ready.Min;
            ready.Remove(i);
            var n = Nodes[i];
            order.Add(n);
            foreach (var dependent in Dependents(n))
                if (--remaining[dependent] == 0) ready.Add(index[dependent]);
        }
        return order.Count == Nodes.Count ? order : null;
    }

    /// <summary>cudaGraphDestroyNode: the node and every edge into or out of it go.</summary>
    public void Remove(GraphNode node)
    {
        lock (GraphHandles.Gate)
        {
            Nodes.Remove(node);
            foreach (var n in Nodes) n.Dependencies.Remove(node);
        }
        GraphHandles.Forget(node.Handle);
        node.Release();
    }

    /// <summary>Removes the graph's nodes from the handle table and lets them release what they hold.</summary>
    public void Destroy()
    {
        foreach (var n in Nodes)
        {
            GraphHandles.Forget(n.Handle);
            n.Release();
        }
        GraphHandles.Forget(Handle);
    }

    /// <summary>The graph in Graphviz's DOT language, nodes labelled with their type and operation, child graphs as clusters.</summary>
    public string Dot()
    {
        var text = new StringBuilder("digraph cudaGraph {\n  node [shape=box];\n");
        Write(this, text, "  ", "n");
        return text.Append("}\n").ToString();
    }

    private static void Write(Graph graph, StringBuilder text, string indent, string prefix)
    {
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            var n = graph.Nodes[i];
            text.Append($"{indent}{prefix}{i} [label=\"{n.Type} {i}\\n{Escape(n.Describe())}\"];\n");
            if (n is ChildGraphNode child)
            {
                text.Append($"{indent}subgraph cluster_{prefix}{i} {{\n{indent}  label=\"child graph of {prefix}{i}\";\n");
                Write(child.Child, text, indent + "  ", $"{prefix}{i}_");
                text.Append($"{indent}}}\n");
            }
            if (n is ConditionalNode conditional)
                for (int b = 0; b < conditional.Bodies.Count; b++)
                {
                    text.Append($"{indent}subgraph cluster_{prefix}{i}_body{b} {{\n{indent}  label=\"body {b} of {prefix}{i}\";\n");
                    Write(conditional.Bodies[b], text, indent + "  ", $"{prefix}{i}_b{b}_");
                    text.Append($"{indent}}}\n");
                }
        }
        foreach (var (from, to) in graph.Edges)
            text.Append($"{indent}{prefix}{graph.Nodes.IndexOf(from)} -> {prefix}{graph.Nodes.IndexOf(to)};\n");
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
