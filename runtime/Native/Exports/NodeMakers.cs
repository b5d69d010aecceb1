using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// The node each kind of parameters makes, checked as CUDA checks them: shared by the typed
/// cudaGraphAdd*Node functions and by cudaGraphAddNode's generic parameters.
/// </summary>
internal static unsafe class NodeMakers
{
    public static (GraphNode? Node, int Error) Memcpy(Memcpy3DParameters* p) =>
        p == null ? (null, CudaErrorCodes.InvalidValue) : (MemcpyNode.From3D(*p), 0);

    public static (GraphNode? Node, int Error) Memset(MemsetParameters* p) =>
        p == null ? (null, CudaErrorCodes.InvalidValue) : MemsetNode.Check(*p) is var e and not 0 ? (null, e) : (new MemsetNode(*p), 0);

    public static (GraphNode? Node, int Error) Host(HostNodeParameters* p) =>
        p == null || p->Fn == 0 ? (null, CudaErrorCodes.InvalidValue) : (new HostNode(*p), 0);

    public static (GraphNode? Node, int Error) Child(nint graph, nint child) =>
        GraphHandles.Find<Graph>(child) is { } c && c.Handle != graph && ChildGraphNode.Of(c) is { } made ? (made, 0) : (null, CudaErrorCodes.InvalidValue);

    /// <summary>The address is reserved now and written to <c>dptr</c>; the memory is live from the node's run until freed.</summary>
    public static (GraphNode? Node, int Error) MemAlloc(MemAllocNodeParameters* p)
    {
        if (p == null || p->Bytesize == 0) return (null, CudaErrorCodes.InvalidValue);
        if (MemoryPoolChecks.Properties(p->PoolProps) is var bad and not 0) return (null, bad);
        if (MemoryPoolChecks.Access(p->AccessDescs, p->AccessDescCount) is var badAccess and not 0) return (null, badAccess);
        if (GraphMemory.Reserve((long)p->Bytesize) is not { } allocation) return (null, CudaErrorCodes.MemoryAllocation);
        p->Dptr = allocation.Address;
        return (new MemAllocNode(allocation), 0);
    }

    public static (GraphNode? Node, int Error) EventRecord(nint e) =>
        StreamsAndEvents.CheckEvent(e) is var bad and not 0 ? (null, bad) : (new EventRecordNode(e), 0);

    public static (GraphNode? Node, int Error) EventWait(nint e) =>
        StreamsAndEvents.CheckEvent(e) is var bad and not 0 ? (null, bad) : (new EventWaitNode(e), 0);
}
