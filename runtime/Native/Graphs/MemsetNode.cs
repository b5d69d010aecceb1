using Translate.DeviceContract;
using Translate.Runtime.Native.Exports;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A fill of <c>height</c> rows of <c>width</c> elements of 1, 2 or 4 bytes, rows <c>pitch</c> bytes
/// apart (<c>cudaMemsetParams</c>); every row is checked to be device memory, as a 1-D memset is.
/// Captured fills that are not of this shape (cudaMemset3DAsync) keep the operation they were issued as.
/// </summary>
internal sealed unsafe class MemsetNode : GraphNode
{
    public MemsetParameters? Parameters { get; private set; }
    private Func<int> _fill;

    public override GraphNodeType Type => GraphNodeType.Memset;

    public MemsetNode(MemsetParameters p)
    {
        Parameters = p;
        _fill = () => Fill(p);
    }

    public MemsetNode(Func<int> fill) => _fill = fill;

    /// <summary>0, or why the parameters are not a fill CUDA accepts (not recorded).</summary>
    public static int Check(MemsetParameters p) =>
        p.ElementSize is not (1 or 2 or 4) || p.Dst == 0 ? CudaErrorCodes.InvalidValue
        : p.Height > 1 && p.Pitch < p.Width * p.ElementSize ? CudaErrorCodes.InvalidPitchValue
        : CudaErrorCodes.Success;

    internal static int Fill(MemsetParameters p)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        nuint rowBytes = p.Width * p.ElementSize;
        for (nuint row = 0; row < p.Height; row++)
        {
            nint start = p.Dst + (nint)(row * p.Pitch);
            if (!Memory.IsDevice(start, rowBytes)) return NativeRuntime.Fail(CudaErrorCodes.InvalidValue);
            switch (p.ElementSize)
            {
                case 1: new Span<byte>((void*)start, (int)rowBytes).Fill((byte)p.Value); break;
                case 2: new Span<ushort>((void*)start, (int)p.Width).Fill((ushort)p.Value); break;
                default: new Span<uint>((void*)start, (int)p.Width).Fill(p.Value); break;
            }
        }
        return CudaErrorCodes.Success;
    }

    public override int Run() => _fill();

    protected override GraphNode CopyOperation() => Parameters is { } p ? new MemsetNode(p) : new MemsetNode(_fill);

    /// <summary>CUDA lets an instantiated memset change its address and value, not its shape.</summary>
    public override int UpdateFrom(GraphNode source)
    {
        var other = (MemsetNode)source;
        if (Parameters is { } a && other.Parameters is { } b && (a.ElementSize != b.ElementSize || a.Width != b.Width || a.Height != b.Height))
            return ParametersChanged;
        (Parameters, _fill) = (other.Parameters, other._fill);
        return 0;
    }

    public void Set(MemsetParameters p)
    {
        Parameters = p;
        _fill = () => Fill(p);
    }

    public override string Describe() => Parameters is { } p
        ? $"value {p.Value}, {p.Height} x {p.Width} elements of {p.ElementSize} bytes"
        : "3-D fill";
}
