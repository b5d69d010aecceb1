using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>Adding nodes to graphs explicitly, and reading and changing a node's parameters.</summary>
internal static unsafe class GraphNodes
{
    private static T? Node<T>(nint node) where T : GraphNode => GraphHandles.Find<GraphNode>(node) as T;

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddKernelNode")]
    public static int GraphAddKernelNode(nint* node, nint graph, nint* dependencies, nuint count, KernelNodeParameters* p) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => KernelNode.Create(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphKernelNodeGetParams")]
    public static int GraphKernelNodeGetParams(nint node, KernelNodeParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<KernelNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Get(p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphKernelNodeSetParams")]
    public static int GraphKernelNodeSetParams(nint node, KernelNodeParameters* p) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Node<KernelNode>(node) is not { } n ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : NativeRuntime.Fail(n.Set(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddMemcpyNode")]
    public static int GraphAddMemcpyNode(nint* node, nint graph, nint* dependencies, nuint count, Memcpy3DParameters* p) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.Memcpy(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddMemcpyNode1D")]
    public static int GraphAddMemcpyNode1D(nint* node, nint graph, nint* dependencies, nuint count, nint dst, nint src, nuint bytes, int kind) =>
        GraphArguments.AddNode(node, graph, dependencies, count,
            () => kind is < 0 or > 4 ? (null, CudaErrorCodes.InvalidMemcpyDirection) : (MemcpyNode.Linear(dst, src, bytes, kind), 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphMemcpyNodeGetParams")]
    public static int GraphMemcpyNodeGetParams(nint node, Memcpy3DParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<MemcpyNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (n.Parameters is not { } parameters)
            return NativeRuntime.Fail(Unsupported.Refuse("cudaGraphMemcpyNodeGetParams of a captured 2-D, array, symbol or peer copy"));
        *p = parameters;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphMemcpyNodeSetParams")]
    public static int GraphMemcpyNodeSetParams(nint node, Memcpy3DParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<MemcpyNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Set(*p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddMemsetNode")]
    public static int GraphAddMemsetNode(nint* node, nint graph, nint* dependencies, nuint count, MemsetParameters* p) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.Memset(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphMemsetNodeGetParams")]
    public static int GraphMemsetNodeGetParams(nint node, MemsetParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<MemsetNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (n.Parameters is not { } parameters) return NativeRuntime.Fail(Unsupported.Refuse("cudaGraphMemsetNodeGetParams of a captured 3-D fill"));
        *p = parameters;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphMemsetNodeSetParams")]
    public static int GraphMemsetNodeSetParams(nint node, MemsetParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<MemsetNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (MemsetNode.Check(*p) is var e and not 0) return NativeRuntime.Fail(e);
        n.Set(*p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddHostNode")]
    public static int GraphAddHostNode(nint* node, nint graph, nint* dependencies, nuint count, HostNodeParameters* p) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.Host(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphHostNodeGetParams")]
    public static int GraphHostNodeGetParams(nint node, HostNodeParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<HostNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *p = n.Parameters;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphHostNodeSetParams")]
    public static int GraphHostNodeSetParams(nint node, HostNodeParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || p->Fn == 0 || Node<HostNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Parameters = *p;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddEmptyNode")]
    public static int GraphAddEmptyNode(nint* node, nint graph, nint* dependencies, nuint count) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => (new EmptyNode(), 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddChildGraphNode")]
    public static int GraphAddChildGraphNode(nint* node, nint graph, nint* dependencies, nuint count, nint child) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.Child(graph, child));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphChildGraphNodeGetGraph")]
    public static int GraphChildGraphNodeGetGraph(nint node, nint* graph)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (graph == null || Node<ChildGraphNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *graph = n.Child.Handle;
        return CudaErrorCodes.Success;
    }

    /// <summary>The address is reserved now and written to <c>dptr</c>; the memory is live from the node's run until freed.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddMemAllocNode")]
    public static int GraphAddMemAllocNode(nint* node, nint graph, nint* dependencies, nuint count, MemAllocNodeParameters* p) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.MemAlloc(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphMemAllocNodeGetParams")]
    public static int GraphMemAllocNodeGetParams(nint node, MemAllocNodeParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || Node<MemAllocNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *p = default;
        p->PoolProps.AllocType = MemoryPoolChecks.Pinned;
        p->PoolProps.Location = new MemLocation { Type = MemLocation.Device, Id = DeviceOrdinals.AllocatedDevice(n.Allocation.Address) };
        p->Bytesize = (nuint)n.Allocation.Size;
        p->Dptr = n.Allocation.Address;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddMemFreeNode")]
    public static int GraphAddMemFreeNode(nint* node, nint graph, nint* dependencies, nuint count, nint dptr) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => MemFreeNode.For(dptr));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddEventRecordNode")]
    public static int GraphAddEventRecordNode(nint* node, nint graph, nint* dependencies, nuint count, nint e) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.EventRecord(e));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddEventWaitNode")]
    public static int GraphAddEventWaitNode(nint* node, nint graph, nint* dependencies, nuint count, nint e) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => NodeMakers.EventWait(e));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphEventRecordNodeGetEvent")]
    public static int GraphEventRecordNodeGetEvent(nint node, nint* e) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : e == null || Node<EventRecordNode>(node) is not { } n ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : Write(e, n.Event);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphEventRecordNodeSetEvent")]
    public static int GraphEventRecordNodeSetEvent(nint node, nint e)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Node<EventRecordNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckEvent(e) is var bad and not 0) return bad;
        n.Event = e;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphEventWaitNodeGetEvent")]
    public static int GraphEventWaitNodeGetEvent(nint node, nint* e) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : e == null || Node<EventWaitNode>(node) is not { } n ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : Write(e, n.Event);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphEventWaitNodeSetEvent")]
    public static int GraphEventWaitNodeSetEvent(nint node, nint e)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Node<EventWaitNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckEvent(e) is var bad and not 0) return bad;
        n.Event = e;
        return CudaErrorCodes.Success;
    }

    private static int Write(nint* target, nint value)
    {
        *target = value;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphDestroyNode")]
    public static int GraphDestroyNode(nint node)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (GraphHandles.Find<GraphNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Graph.Remove(n);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphMemFreeNodeGetParams")]
    public static int GraphMemFreeNodeGetParams(nint node, nint* dptr)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (dptr == null || Node<MemFreeNode>(node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *dptr = n.Allocation.Address;
        return CudaErrorCodes.Success;
    }
}
