using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.Native.Graphs;

namespace Translate.Runtime.Native.Exports;

/// <summary>Instantiated graphs: instantiation, launch, updates of their nodes, and the memory graphs allocate.</summary>
internal static unsafe class GraphExecs
{
    private const ulong AutoFreeOnLaunch = 1, Upload = 2, DeviceLaunch = 4, UseNodePriority = 8;

    private static GraphExec? Find(nint exec) => GraphHandles.Find<GraphExec>(exec);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphInstantiate")]
    public static int GraphInstantiate(nint* exec, nint graph, ulong flags) => Instantiate(exec, graph, flags);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphInstantiateWithFlags")]
    public static int GraphInstantiateWithFlags(nint* exec, nint graph, ulong flags) => Instantiate(exec, graph, flags);

    /// <summary><c>cudaGraphInstantiateResult</c>: success, or a graph whose edges make a cycle (invalid structure).</summary>
    private const int InstantiateSuccess = 0, InstantiateError = 1, InstantiateInvalidStructure = 2;

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphInstantiateWithParams")]
    public static int GraphInstantiateWithParams(nint* exec, nint graph, InstantiateParameters* p)
    {
        if (p == null) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        p->ErrNodeOut = 0;
        int r = Instantiate(exec, graph, p->Flags);
        p->ResultOut = r == 0 ? InstantiateSuccess : GraphHandles.Find<Graph>(graph) is { } g && g.TopologicalOrder() is null ? InstantiateInvalidStructure : InstantiateError;
        if (r == 0 && (p->Flags & Upload) != 0 && StreamsAndEvents.CheckStream(p->UploadStream) is var s and not 0) return s;
        return r;
    }

    private static int Instantiate(nint* exec, nint graph, ulong flags)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (exec == null || GraphHandles.Find<Graph>(graph) is not { } g || (flags & ~(AutoFreeOnLaunch | Upload | DeviceLaunch | UseNodePriority)) != 0)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if ((flags & DeviceLaunch) != 0) return NativeRuntime.Fail(Unsupported.Refuse("cudaGraphInstantiateFlagDeviceLaunch (graphs launched from device code)"));
        if (GraphExec.Instantiate(g, (flags & AutoFreeOnLaunch) != 0) is not { } made) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *exec = made.Handle;
        return CudaErrorCodes.Success;
    }

    /// <summary>Runs the graph in the stream's order (at once, as all stream work here); into a capturing stream it is recorded as a child graph.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphLaunch")]
    public static int GraphLaunch(nint exec, nint stream)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(exec) is not { } e) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return StreamCapture.Submit(stream, () => ChildGraphNode.Of(e.Graph) is { } child ? (child, 0) : (null, CudaErrorCodes.InvalidValue), e.Launch);
    }

    /// <summary>Device memory is where the host can reach it already: there is nothing to upload ahead of a launch.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphUpload")]
    public static int GraphUpload(nint exec, nint stream) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : Find(exec) is null ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : StreamCapture.Submit(stream, () => (new EmptyNode(), 0), () => CudaErrorCodes.Success);

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecDestroy")]
    public static int GraphExecDestroy(nint exec)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(exec) is not { } e) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        e.Destroy();
        return CudaErrorCodes.Success;
    }

    /// <summary>The instantiation's copy of <paramref name="node"/> (a node of the graph it was made from), of type T.</summary>
    private static T? ExecNode<T>(nint exec, nint node) where T : GraphNode =>
        Find(exec) is { } e && GraphHandles.Find<GraphNode>(node) is { } n ? e.Find(n) as T : null;

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecKernelNodeSetParams")]
    public static int GraphExecKernelNodeSetParams(nint exec, nint node, KernelNodeParameters* p) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre
        : ExecNode<KernelNode>(exec, node) is not { } n ? NativeRuntime.Fail(CudaErrorCodes.InvalidValue)
        : NativeRuntime.Fail(n.Set(p));

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecMemcpyNodeSetParams")]
    public static int GraphExecMemcpyNodeSetParams(nint exec, nint node, Memcpy3DParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || ExecNode<MemcpyNode>(exec, node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Set(*p);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecMemsetNodeSetParams")]
    public static int GraphExecMemsetNodeSetParams(nint exec, nint node, MemsetParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || ExecNode<MemsetNode>(exec, node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (MemsetNode.Check(*p) is var e and not 0) return NativeRuntime.Fail(e);
        if (n.UpdateFrom(new MemsetNode(*p)) != 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecHostNodeSetParams")]
    public static int GraphExecHostNodeSetParams(nint exec, nint node, HostNodeParameters* p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (p == null || p->Fn == 0 || ExecNode<HostNode>(exec, node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Parameters = *p;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecEventRecordNodeSetEvent")]
    public static int GraphExecEventRecordNodeSetEvent(nint exec, nint node, nint e)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (ExecNode<EventRecordNode>(exec, node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckEvent(e) is var bad and not 0) return bad;
        n.Event = e;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecEventWaitNodeSetEvent")]
    public static int GraphExecEventWaitNodeSetEvent(nint exec, nint node, nint e)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (ExecNode<EventWaitNode>(exec, node) is not { } n) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (StreamsAndEvents.CheckEvent(e) is var bad and not 0) return bad;
        n.Event = e;
        return CudaErrorCodes.Success;
    }

    /// <summary>The instantiated child graph takes <paramref name="child"/>'s parameters; its topology must be the same.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecChildGraphNodeSetParams")]
    public static int GraphExecChildGraphNodeSetParams(nint exec, nint node, nint child)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (ExecNode<ChildGraphNode>(exec, node) is not { } n || GraphHandles.Find<Graph>(child) is not { } c) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        if (ChildGraphNode.Of(c) is not { } replacement) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        int r;
        lock (GraphHandles.Gate) r = GraphUpdate.Mismatch(n.Child, c) is null ? n.UpdateFrom(replacement) : 1;
        replacement.Release();
        return r == 0 ? CudaErrorCodes.Success : NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
    }

    /// <summary>Kernel, memcpy and memset nodes of an instantiated graph can be disabled: launched, they do nothing.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphNodeSetEnabled")]
    public static int GraphNodeSetEnabled(nint exec, nint node, uint enabled)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (ExecNode<GraphNode>(exec, node) is not { Type: GraphNodeType.Kernel or GraphNodeType.Memcpy or GraphNodeType.Memset } n)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        n.Enabled = enabled != 0;
        return CudaErrorCodes.Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGraphNodeGetEnabled")]
    public static int GraphNodeGetEnabled(nint exec, nint node, uint* enabled)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (enabled == null || ExecNode<GraphNode>(exec, node) is not { Type: GraphNodeType.Kernel or GraphNodeType.Memcpy or GraphNodeType.Memset } n)
            return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *enabled = n.Enabled ? 1u : 0u;
        return CudaErrorCodes.Success;
    }

    /// <summary>CUDA 12's form: the instantiation takes the parameters of <paramref name="graph"/>'s nodes when the topology is the same.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGraphExecUpdate")]
    public static int GraphExecUpdate(nint exec, nint graph, GraphExecUpdateResultInfo* info)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (Find(exec) is not { } e || GraphHandles.Find<Graph>(graph) is not { } g) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        GraphUpdate.Failure? failure;
        lock (GraphHandles.Gate) failure = GraphUpdate.Apply(e, g);
        if (info != null)
            *info = new GraphExecUpdateResultInfo { Result = failure?.Result ?? GraphUpdate.Success, ErrorNode = failure?.Node?.Handle ?? 0, ErrorFromNode = failure?.From?.Handle ?? 0 };
        return failure is null ? CudaErrorCodes.Success : NativeRuntime.Fail(CudaErrorCodes.GraphExecUpdateFailure);
    }

    /// <summary>
    /// Graph memory is not cached beyond the graphs that hold it (it is released when the last graph or
    /// instantiation holding its node is destroyed), so there is nothing further to trim.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGraphMemTrim")]
    public static int DeviceGraphMemTrim(int device) =>
        NativeRuntime.Precondition() is var pre and not 0 ? pre : DeviceOrdinals.Check(device);

    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceGetGraphMemAttribute")]
    public static int DeviceGetGraphMemAttribute(int device, int attribute, ulong* value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        if (value == null || GraphMemory.Attribute(attribute) is not { } v) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        *value = v;
        return CudaErrorCodes.Success;
    }

    /// <summary>Only the high watermarks can be set, and only to 0 (which resets them to the current figure).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaDeviceSetGraphMemAttribute")]
    public static int DeviceSetGraphMemAttribute(int device, int attribute, ulong* value)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        if (DeviceOrdinals.Check(device) is var d and not 0) return d;
        if (value == null || *value != 0 || !GraphMemory.ResetHigh(attribute)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
        return CudaErrorCodes.Success;
    }
}
