using Translate.DeviceContract;
using Translate.Runtime.Native.Exports;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A kernel launch. Its arguments are copied into the node when it is made (as CUDA copies them at
/// capture or at cudaGraphAddKernelNode), packed as the kernel's launch plan lays them out; the record
/// and the argument pointers into it are pinned, so cudaGraphKernelNodeGetParams can hand them out.
/// </summary>
internal sealed unsafe class KernelNode : GraphNode
{
    private nint _function;
    private Launch.PreparedKernel _kernel;
    private Dim3 _grid, _block;
    private nuint _shared;
    private byte[] _record = [];
    private nint[] _arguments = [];

    public override GraphNodeType Type => GraphNodeType.Kernel;

    private KernelNode() { }

    /// <summary>A node launching <paramref name="function"/> with the arguments <paramref name="args"/> points to, or the error.</summary>
    public static (GraphNode? Node, int Error) Create(nint function, Dim3 grid, Dim3 block, nuint shared, nint* args)
    {
        var node = new KernelNode();
        int error = node.Set(function, grid, block, shared, args);
        return error == 0 ? (node, 0) : (null, error);
    }

    public static (GraphNode? Node, int Error) Create(KernelNodeParameters* p) =>
        p == null ? (null, CudaErrorCodes.InvalidValue)
        : p->Extra != null ? (null, Unsupported.Refuse("cudaKernelNodeParams.extra (arguments as one packed buffer)"))
        : Create(p->Func, p->GridDim, p->BlockDim, p->SharedMemBytes, p->KernelParams);

    /// <summary>cudaGraphKernelNodeSetParams; 0 or the error (not recorded).</summary>
    public int Set(KernelNodeParameters* p) =>
        p == null ? CudaErrorCodes.InvalidValue
        : p->Extra != null ? Unsupported.Refuse("cudaKernelNodeParams.extra (arguments as one packed buffer)")
        : Set(p->Func, p->GridDim, p->BlockDim, p->SharedMemBytes, p->KernelParams);

    private int Set(nint function, Dim3 grid, Dim3 block, nuint shared, nint* args)
    {
        if (Launch.Prepare(function) is not { } kernel) return NativeRuntime.State.PeekLastError();
        var plan = kernel.Plan;
        if (args == null && plan.Offsets.Length > 0) return CudaErrorCodes.InvalidValue;
        var record = GC.AllocateArray<byte>((int)Math.Max(plan.Size, 1), pinned: true);
        fixed (byte* r = record) Launch.Pack(plan, args, r);
        var arguments = GC.AllocateArray<nint>(plan.Offsets.Length, pinned: true);
        fixed (byte* r = record)
            for (int k = 0; k < arguments.Length; k++) arguments[k] = (nint)(r + plan.Offsets[k]);
        (_function, _kernel, _grid, _block, _shared, _record, _arguments) = (function, kernel, grid, block, shared, record, arguments);
        return CudaErrorCodes.Success;
    }

    /// <summary>cudaGraphKernelNodeGetParams: kernelParams points at the node's own copies of the arguments.</summary>
    public void Get(KernelNodeParameters* p)
    {
        p->Func = _function;
        p->GridDim = _grid;
        p->BlockDim = _block;
        p->SharedMemBytes = (uint)_shared;
        fixed (nint* a = _arguments) p->KernelParams = _arguments.Length == 0 ? null : a;
        p->Extra = null;
    }

    public override int Run()
    {
        fixed (byte* r = _record) return Launch.Execute(_kernel, _grid, _block, _shared, r);
    }

    protected override GraphNode CopyOperation()
    {
        var copy = new KernelNode();
        copy.Take(this);
        return copy;
    }

    /// <summary>Takes the other node's launch, with a copy of its arguments.</summary>
    private void Take(KernelNode other)
    {
        fixed (nint* a = other._arguments)
            Set(other._function, other._grid, other._block, other._shared, a);
    }

    public override int UpdateFrom(GraphNode source)
    {
        Take((KernelNode)source);
        return 0;
    }

    public override string Describe() =>
        $"{_kernel.Kernel.IrName} <<<({_grid.X},{_grid.Y},{_grid.Z}), ({_block.X},{_block.Y},{_block.Z}), {_shared}>>>";
}
