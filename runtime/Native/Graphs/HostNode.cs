namespace Translate.Runtime.Native.Graphs;

/// <summary>A host function called with its user data when the node runs (cudaLaunchHostFunc, cudaGraphAddHostNode).</summary>
internal sealed unsafe class HostNode(HostNodeParameters parameters) : GraphNode
{
    public HostNodeParameters Parameters { get; set; } = parameters;

    public override GraphNodeType Type => GraphNodeType.Host;

    public override int Run()
    {
        ((delegate* unmanaged<nint, void>)Parameters.Fn)(Parameters.UserData);
        return 0;
    }

    protected override GraphNode CopyOperation() => new HostNode(Parameters);

    public override int UpdateFrom(GraphNode source)
    {
        Parameters = ((HostNode)source).Parameters;
        return 0;
    }

    public override string Describe() => $"host function 0x{Parameters.Fn:x}, data 0x{Parameters.UserData:x}";
}
