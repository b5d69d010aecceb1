using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>Graphs as structures: creating, cloning and destroying them, their nodes and edges, and their DOT picture.</summary>
internal static unsafe class GraphStructure
{
    private static Graph? Find(nint graph) => GraphHandles.Find<Graph>(graph);
    private static GraphNode? Node(nint node) => GraphHandles.Find<GraphNode>(node);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphCreate")]
    public static int GraphCreate(nint* graph, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (graph == null || flags != 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *graph = new Graph().Handle;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphDestroy")]
    public static int GraphDestroy(nint graph)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(graph) is not { } g) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        g.Destroy();
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphClone")]
    public static int GraphClone(nint* clone, nint graph)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (clone == null || Find(graph) is not { } g) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *clone = g.Clone().Handle;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphNodeFindInClone")]
    public static int GraphNodeFindInClone(nint* found, nint original, nint clone)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (found == null || Node(original) is not { } n || Find(clone) is not { } g
            || g.Nodes.FirstOrDefault(c => c.Origin == n) is not { } copy) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *found = copy.Handle;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphGetNodes")]
    public static int GraphGetNodes(nint graph, nint* nodes, nuint* count) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Find(graph) is not { } g ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : GraphArguments.Write(g.Nodes.Select(n => n.Handle).ToList(), nodes, count);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphGetRootNodes")]
    public static int GraphGetRootNodes(nint graph, nint* nodes, nuint* count) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Find(graph) is not { } g ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : GraphArguments.Write(g.Roots.Select(n => n.Handle).ToList(), nodes, count);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphGetEdges")]
    public static int GraphGetEdges(nint graph, nint* from, nint* to, nuint* count)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(graph) is not { } g || (from == null) != (to == null) || count == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        var edges = g.Edges.ToList();
        nuint room = *count;
        GraphArguments.Write(edges.Select(e => e.From.Handle).ToList(), from, count);
        if (to != null)
        {
            *count = room;
            GraphArguments.Write(edges.Select(e => e.To.Handle).ToList(), to, count);
        }
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphNodeGetDependencies")]
    public static int GraphNodeGetDependencies(nint node, nint* dependencies, nuint* count) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Node(node) is not { } n ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : GraphArguments.Write(n.Dependencies.Select(d => d.Handle).ToList(), dependencies, count);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphNodeGetDependentNodes")]
    public static int GraphNodeGetDependentNodes(nint node, nint* dependents, nuint* count) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Node(node) is not { } n ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : GraphArguments.Write(n.Graph.Dependents(n).Select(d => d.Handle).ToList(), dependents, count);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphNodeGetType")]
    public static int GraphNodeGetType(nint node, int* type)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (type == null || Node(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *type = (int)n.Type;
        return CudaErrorCodes.Success;
    }

    /// <summary>Edges from[i] → to[i]: both nodes of the graph, not already an edge, and no cycle made.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddDependencies")]
    public static int GraphAddDependencies(nint graph, nint* from, nint* to, nuint count)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(graph) is not { } g || GraphArguments.Nodes(from, count) is not { } sources || GraphArguments.Nodes(to, count) is not { } targets)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (GraphHandles.Gate)
        {
            for (int i = 0; i < sources.Count; i++)
                if (sources[i].Graph != g || targets[i].Graph != g || targets[i].Dependencies.Contains(sources[i]) || Graph.Reaches(targets[i], sources[i]))
                    return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            for (int i = 0; i < sources.Count; i++) targets[i].Dependencies.Add(sources[i]);
        }
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphRemoveDependencies")]
    public static int GraphRemoveDependencies(nint graph, nint* from, nint* to, nuint count)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(graph) is not { } g || GraphArguments.Nodes(from, count) is not { } sources || GraphArguments.Nodes(to, count) is not { } targets)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        lock (GraphHandles.Gate)
        {
            for (int i = 0; i < sources.Count; i++)
                if (targets[i].Graph != g || !targets[i].Dependencies.Contains(sources[i])) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            for (int i = 0; i < sources.Count; i++) targets[i].Dependencies.Remove(sources[i]);
        }
        return CudaErrorCodes.Success;
    }

    /// <summary>Writes the graph as a Graphviz DOT file (the flags choose detail in CUDA; every node's operation is always written here).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphDebugDotPrint")]
    public static int GraphDebugDotPrint(nint graph, byte* path, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(graph) is not { } g || path == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        try
        {
            File.WriteAllText(Marshal.PtrToStringUTF8((nint)path)!, g.Dot());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return NativeRuntime.Fail(CudaErrorCodes.OperatingSystem);
        }
        return CudaErrorCodes.Success;
    }
}
