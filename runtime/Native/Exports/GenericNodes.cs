using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>cudaGraphAddNode (nodes from the generic <c>cudaGraphNodeParams</c>) and conditional handles (CUDA 12.3).</summary>
internal static unsafe class GenericNodes
{
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphAddNode")]
    public static int GraphAddNode(nint* node, nint graph, nint* dependencies, nuint count, GraphNodeParameters* p) =>
        GraphArguments.AddNode(node, graph, dependencies, count, () => p == null ? (null, CudaErrorCodes.InvalidValue) : Make(graph, p));

    private static (GraphNode? Node, int Error) Make(nint graph, GraphNodeParameters* p)
    {
        var u = GraphNodeParameters.Parameters(p);
        switch ((GraphNodeType)p->Type)
        {
            case GraphNodeType.Kernel: return KernelNode.Create((KernelNodeParameters*)u);
            case GraphNodeType.Memcpy: return NodeMakers.Memcpy(&((MemcpyNodeParameters*)u)->Copy);
            case GraphNodeType.Memset: return NodeMakers.Memset((MemsetParameters*)u);
            case GraphNodeType.Host: return NodeMakers.Host((HostNodeParameters*)u);
            case GraphNodeType.Graph: return NodeMakers.Child(graph, *(nint*)u);
            case GraphNodeType.Empty: return (new EmptyNode(), 0);
            case GraphNodeType.WaitEvent: return NodeMakers.EventWait(*(nint*)u);
            case GraphNodeType.EventRecord: return NodeMakers.EventRecord(*(nint*)u);
            case GraphNodeType.MemAlloc: return NodeMakers.MemAlloc((MemAllocNodeParameters*)u);
            case GraphNodeType.MemFree: return MemFreeNode.For(*(nint*)u);
            case GraphNodeType.Conditional:
            {
                var c = (ConditionalNodeParameters*)u;
                if (GraphHandles.Find<Graph>(graph) is not { } g || ConditionalHandle.Find(c->Handle) is not { } handle
                    || !OwnedByGraphOrAncestor(g, handle))
                    return (null, CudaErrorCodes.InvalidValue);
                if (ConditionalNode.Create(handle, (ConditionalKind)c->Type, c->Size) is not { } made) return (null, CudaErrorCodes.InvalidValue);
                c->GraphsOut = made.BodyHandles;
                return (made, 0);
            }
            case GraphNodeType.ExternalSemaphoreSignal or GraphNodeType.ExternalSemaphoreWait:
                return (null, Unsupported.Refuse("cudaGraphAddNode of an external semaphore node"));
            default: return (null, CudaErrorCodes.InvalidValue);
        }
    }

    /// <summary>A handle serves the graph it was created for and the bodies of that graph's conditional nodes, at any depth.</summary>
    private static bool OwnedByGraphOrAncestor(Graph graph, ConditionalHandle handle) =>
        graph.ConditionalHandles.Contains(handle) || graph.BodyOf?.Graph is { } parent && OwnedByGraphOrAncestor(parent, handle);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphConditionalHandleCreate")]
    public static int GraphConditionalHandleCreate(ulong* handle, nint graph, uint defaultValue, uint flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (handle == null || flags > 1 || GraphHandles.Find<Graph>(graph) is not { } g) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (ConditionalHandle.Create(defaultValue, assignDefault: flags == 1) is not { } made) return NativeRuntime.Fail(CudaErrorCodes.MemoryAllocation);
        g.ConditionalHandles.Add(made);
        *handle = (ulong)made.Address;
        return CudaErrorCodes.Success;
    }
}
