using Translate.Runtime.Native.Exports;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A copy. Explicit nodes and captured cudaMemcpyAsync/cudaMemcpy3DAsync keep their
/// <c>cudaMemcpy3DParms</c> (a 1-D copy is a one-row 3-D copy, as CUDA describes it); other captured
/// copies (2-D, arrays, symbols, peers) keep the operation they were issued as. Memory is read when the
/// node runs, not when it is made.
/// </summary>
internal sealed class MemcpyNode(Memcpy3DParameters? parameters, Func<int> copy, string description) : GraphNode
{
    public Memcpy3DParameters? Parameters { get; private set; } = parameters;
    private Func<int> _copy = copy;
    private string _description = description;

    public override GraphNodeType Type => GraphNodeType.Memcpy;

    public static MemcpyNode From3D(Memcpy3DParameters p) =>
        new(p, () => Memory3D.Copy(p), $"3-D copy {p.Extent.Width}x{p.Extent.Height}x{p.Extent.Depth}, kind {p.Kind}");

    public static MemcpyNode Linear(nint dst, nint src, nuint count, int kind) =>
        new(new Memcpy3DParameters
        {
            SrcPtr = new PitchedPointer { Ptr = src, Pitch = count, XSize = count, YSize = 1 },
            DstPtr = new PitchedPointer { Ptr = dst, Pitch = count, XSize = count, YSize = 1 },
            Extent = new Extent { Width = count, Height = 1, Depth = 1 },
            Kind = kind,
        }, () => Memory.Copy(dst, src, count, kind), $"{count} bytes, kind {kind}");

    public override int Run() => _copy();

    protected override GraphNode CopyOperation() => new MemcpyNode(Parameters, _copy, _description);

    public override int UpdateFrom(GraphNode source)
    {
        var other = (MemcpyNode)source;
        (Parameters, _copy, _description) = (other.Parameters, other._copy, other._description);
        return 0;
    }

    public void Set(Memcpy3DParameters p)
    {
        var made = From3D(p);
        (Parameters, _copy, _description) = (made.Parameters, made._copy, made._description);
    }

    public override string Describe() => _description;
}
