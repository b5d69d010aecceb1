using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>How the graph exports read handle arrays and hand arrays back, as CUDA's graph functions all do.</summary>
internal static unsafe class GraphArguments
{
    /// <summary>The nodes of a handle array, or null when a handle is not a live node (or the array is missing).</summary>
    public static List<GraphNode>? Nodes(nint* handles, nuint count)
    {
        if (count > 0 && handles == null) return null;
        var nodes = new List<GraphNode>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            if (GraphHandles.Find<GraphNode>(handles[i]) is not { } n) return null;
            nodes.Add(n);
        }
        return nodes;
    }

    /// <summary>
    /// Hands out a list: with no array only its length; otherwise up to <c>*count</c> entries, the rest
    /// of the array set to null and <c>*count</c> to the number written.
    /// </summary>
    public static int Write(IReadOnlyList<nint> items, nint* output, nuint* count)
    {
        if (count == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (output == null)
        {
            *count = (nuint)items.Count;
            return CudaErrorCodes.Success;
        }
        nuint room = *count;
        for (nuint i = 0; i < room; i++) output[i] = i < (nuint)items.Count ? items[(int)i] : 0;
        *count = Math.Min(room, (nuint)items.Count);
        return CudaErrorCodes.Success;
    }

    /// <summary>
    /// The common shape of cudaGraphAdd*Node: a node made by <paramref name="make"/>, added to the graph
    /// after the given dependencies (nodes of the same graph, each at most once).
    /// </summary>
    public static int AddNode(nint* node, nint graph, nint* dependencies, nuint count, Func<(GraphNode? Node, int Error)> make)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (node == null || GraphHandles.Find<Graph>(graph) is not { } g) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (Nodes(dependencies, count) is not { } after || after.Any(d => d.Graph != g) || after.Distinct().Count() != after.Count)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        var (made, error) = make();
        if (made is null) return NativeRuntime.Fail(error);
        *node = g.Add(made, after).Handle;
        return CudaErrorCodes.Success;
    }
}
