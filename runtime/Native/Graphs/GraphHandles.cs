namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// The handles of graphs, nodes and instantiated graphs programs hold (cudaGraph_t, cudaGraphNode_t,
/// cudaGraphExec_t): checked on every use, so a stale or foreign handle is cudaErrorInvalidValue
/// rather than a crash. One lock guards every graph structure.
/// </summary>
internal static class GraphHandles
{
    public static readonly Lock Gate = new();
    private static readonly Dictionary<nint, object> Live = [];

    public static nint Register(object o)
    {
        var h = NativeRuntime.NewHandle();
        lock (Gate) Live[h] = o;
        return h;
    }

    public static void Forget(nint h)
    {
        lock (Gate) Live.Remove(h);
    }

    public static T? Find<T>(nint h) where T : class
    {
        lock (Gate) return Live.GetValueOrDefault(h) as T;
    }
}
