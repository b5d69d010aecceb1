using System.Runtime.InteropServices;

namespace Translate.Runtime.Native.Graphs;

/// <summary><c>struct cudaKernelNodeParams</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KernelNodeParameters
{
    public nint Func;
    public Dim3 GridDim, BlockDim;
    public uint SharedMemBytes;
    public nint* KernelParams;
    public nint* Extra;
}

/// <summary><c>struct cudaMemsetParams</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MemsetParameters
{
    public nint Dst;
    public nuint Pitch;
    public uint Value, ElementSize;
    public nuint Width, Height;
}

/// <summary><c>struct cudaHostNodeParams</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct HostNodeParameters
{
    public nint Fn;   // void (*)(void *userData)
    public nint UserData;
}

/// <summary><c>struct cudaMemLocation</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MemLocation
{
    public int Type, Id;
    public const int Device = 1;
}

/// <summary><c>struct cudaMemPoolProps</c> (CUDA 12.2's fields; 88 bytes as in every CUDA 12).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MemPoolProperties
{
    public int AllocType, HandleTypes;
    public MemLocation Location;
    public nint Win32SecurityAttributes;
    public nuint MaxSize;
    public ushort Usage;
    public fixed byte Reserved[54];
}

/// <summary><c>struct cudaMemAccessDesc</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MemAccessDescription
{
    public MemLocation Location;
    public int Flags;
}

/// <summary><c>struct cudaMemAllocNodeParams</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MemAllocNodeParameters
{
    public MemPoolProperties PoolProps;
    public MemAccessDescription* AccessDescs;
    public nuint AccessDescCount;
    public nuint Bytesize;
    public nint Dptr;
}

/// <summary><c>cudaGraphExecUpdateResultInfo</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GraphExecUpdateResultInfo
{
    public int Result;
    public nint ErrorNode, ErrorFromNode;
}

/// <summary><c>cudaGraphInstantiateParams</c>: flags, upload stream, and the error node and result handed back.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InstantiateParameters
{
    public ulong Flags;
    public nint UploadStream, ErrNodeOut;
    public int ResultOut;
}

/// <summary>
/// <c>struct cudaGraphNodeParams</c> (256 bytes): the node type, then at byte 16 the union of each
/// type's parameters (the V2 kernel, memset, host and alloc layouts are the V1 ones).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal unsafe struct GraphNodeParameters
{
    [FieldOffset(0)] public int Type;

    /// <summary>The union's first byte: the parameters of <see cref="Type"/> start here.</summary>
    [FieldOffset(16)] public byte Union;

    public static byte* Parameters(GraphNodeParameters* p) => &p->Union;
}

/// <summary><c>struct cudaConditionalNodeParams</c>: handle, type, size, and phGraph_out written back.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ConditionalNodeParameters
{
    public ulong Handle;
    public int Type;
    public uint Size;
    public nint* GraphsOut;
}
