namespace Translate.Runtime.Native.Graphs;

/// <summary>A node that does nothing: a point other nodes can depend on.</summary>
internal sealed class EmptyNode : GraphNode
{
    public override GraphNodeType Type => GraphNodeType.Empty;
    public override int Run() => 0;
    protected override GraphNode CopyOperation() => new EmptyNode();
    public override int UpdateFrom(GraphNode source) => 0;
    public override string Describe() => "";
}
