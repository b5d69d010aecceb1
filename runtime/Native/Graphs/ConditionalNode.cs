using System.Runtime.InteropServices;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// A conditional handle (cudaGraphConditionalHandle): the device address of the 32-bit value kernels
/// set with <c>cudaGraphSetConditional</c> (a store, cuda_device_runtime_api.h). With
/// cudaGraphCondAssignDefault every launch of the graph first sets it to <see cref="Default"/>.
/// The value's memory lives as long as the process: copies of the graph (instantiations) share it.
/// </summary>
internal sealed class ConditionalHandle(nint address, uint defaultValue, bool assignDefault)
{
    public nint Address { get; } = address;
    public uint Default { get; } = defaultValue;
    public bool AssignDefault { get; } = assignDefault;

    public unsafe uint Value
    {
        get => Volatile.Read(ref *(uint*)Address);
        set => Volatile.Write(ref *(uint*)Address, value);
    }

    private static readonly Dictionary<nint, ConditionalHandle> Live = [];

    public static ConditionalHandle? Create(uint defaultValue, bool assignDefault)
    {
        nint address = NativeRuntime.Device.Allocate(sizeof(uint), "cudaGraphConditionalHandleCreate");
        if (address == 0) return null;
        var handle = new ConditionalHandle(address, defaultValue, assignDefault) { Value = defaultValue };
        lock (Live) Live[address] = handle;
        return handle;
    }

    public static ConditionalHandle? Find(ulong handle)
    {
        lock (Live) return Live.GetValueOrDefault((nint)handle);
    }
}

/// <summary><c>enum cudaGraphConditionalNodeType</c>.</summary>
internal enum ConditionalKind { If = 0, While = 1, Switch = 2 }

/// <summary>
/// A conditional node (CUDA 12.3): body graphs the runtime creates with the node, which the program
/// then fills (explicitly or by capturing into them). At its turn it reads its handle's value and runs
/// body 0 once if it is non-zero (if), body 0 again and again while it is non-zero (while), or body
/// <c>value</c> when there is one (switch). <c>phGraph_out</c> points at an array this node owns.
/// </summary>
internal sealed unsafe class ConditionalNode : GraphNode
{
    public ConditionalHandle Condition { get; }
    public ConditionalKind Kind { get; }
    public IReadOnlyList<Graph> Bodies { get; }

    /// <summary>The cudaGraph_t array handed out as phGraph_out (unmanaged, freed with the node).</summary>
    public nint* BodyHandles { get; }

    private ConditionalNode(ConditionalHandle handle, ConditionalKind kind, IReadOnlyList<Graph> bodies)
    {
        (Condition, Kind, Bodies) = (handle, kind, bodies);
        BodyHandles = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(bodies.Count, 1), (nuint)sizeof(nint));
        for (int i = 0; i < bodies.Count; i++)
        {
            BodyHandles[i] = bodies[i].Handle;
            bodies[i].BodyOf = this;
        }
    }

    /// <summary>A node with <paramref name="size"/> new empty bodies (if and while take exactly one).</summary>
    public static ConditionalNode? Create(ConditionalHandle handle, ConditionalKind kind, uint size)
    {
        if (kind is not (ConditionalKind.If or ConditionalKind.While or ConditionalKind.Switch)) return null;
        if (size == 0 || kind != ConditionalKind.Switch && size != 1 || size > 1024) return null;
        return new ConditionalNode(handle, kind, [.. Enumerable.Range(0, (int)size).Select(_ => new Graph())]);
    }

    public override GraphNodeType Type => GraphNodeType.Conditional;

    public override int Run()
    {
        switch (Kind)
        {
            case ConditionalKind.If:
                return Condition.Value != 0 ? RunBody(0) : 0;
            case ConditionalKind.While:
                while (Condition.Value != 0)
                    if (RunBody(0) is var r and not 0) return r;
                return 0;
            default:
                return Condition.Value is var v && v < Bodies.Count ? RunBody((int)v) : 0;
        }
    }

    /// <summary>
    /// Each body's run order. Bodies are filled after the node is made, but only an instantiation's copy
    /// runs, whose bodies no call changes: found at its first run (a while node runs its body many times).
    /// A body with a cycle was refused at instantiation.
    /// </summary>
    private List<GraphNode>[]? _orders;

    private int RunBody(int body)
    {
        _orders ??= [.. Bodies.Select(b => b.TopologicalOrder() ?? [])];
        return RunInOrder(_orders[body]);
    }

    /// <summary>Whether every body is acyclic (checked when the graph is instantiated).</summary>
    public bool BodiesAreAcyclic => Bodies.All(b => b.TopologicalOrder() is not null
        && b.Nodes.OfType<ConditionalNode>().All(c => c.BodiesAreAcyclic));

    protected override GraphNode CopyOperation() => new ConditionalNode(Condition, Kind, [.. Bodies.Select(b => b.Clone())]);

    public override int UpdateFrom(GraphNode source)
    {
        var other = (ConditionalNode)source;
        if (other.Kind != Kind || other.Condition != Condition || other.Bodies.Count != Bodies.Count) return ParametersChanged;
        for (int b = 0; b < Bodies.Count; b++)
            if (GraphUpdate.Pairwise(Bodies[b], other.Bodies[b]) is var r and not 0) return r;
        return 0;
    }

    public override void Release()
    {
        foreach (var b in Bodies) b.Destroy();
        NativeMemory.Free(BodyHandles);
    }

    public override string Describe() =>
        $"{Kind.ToString().ToLowerInvariant()} on handle 0x{Condition.Address:x}, {string.Join(" + ", Bodies.Select(b => b.Nodes.Count))} body nodes";
}
