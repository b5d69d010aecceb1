using Translate.DeviceContract;

namespace Translate.Runtime.Native.Graphs;

/// <summary>An allocation (cudaGraphAddMemAllocNode, or cudaMallocAsync captured): its address is fixed when the node is made.</summary>
internal sealed class MemAllocNode(GraphMemory.Allocation allocation) : GraphNode
{
    public GraphMemory.Allocation Allocation { get; } = allocation;

    public override GraphNodeType Type => GraphNodeType.MemAlloc;

    public override int Run() => GraphMemory.Map(Allocation);

    protected override GraphNode CopyOperation()
    {
        GraphMemory.Hold(Allocation);
        return new MemAllocNode(Allocation);
    }

    /// <summary>An allocation cannot change in an instantiated graph.</summary>
    public override int UpdateFrom(GraphNode source) => ((MemAllocNode)source).Allocation == Allocation ? 0 : ParametersChanged;

    public override void Release() => GraphMemory.Drop(Allocation);

    public override string Describe() => $"{Allocation.Size} bytes at 0x{Allocation.Address:x}";
}

/// <summary>A free of a graph allocation (cudaGraphAddMemFreeNode, or cudaFreeAsync captured).</summary>
internal sealed class MemFreeNode(GraphMemory.Allocation allocation) : GraphNode
{
    public GraphMemory.Allocation Allocation { get; } = allocation;

    public override GraphNodeType Type => GraphNodeType.MemFree;

    public override int Run() => GraphMemory.Unmap(Allocation);

    protected override GraphNode CopyOperation() => new MemFreeNode(Allocation);

    public override int UpdateFrom(GraphNode source) => ((MemFreeNode)source).Allocation == Allocation ? 0 : ParametersChanged;

    public override string Describe() => $"0x{Allocation.Address:x}";

    /// <summary>A free node for <paramref name="p"/>, which must be the address of a graph allocation.</summary>
    public static (GraphNode? Node, int Error) For(nint p) =>
        GraphMemory.Find(p) is { } a ? (new MemFreeNode(a), 0) : (null, CudaErrorCodes.InvalidValue);
}
