namespace Translate.Interpreter.Memory;

/// <summary>Where an allocation came from: decides which frees are legal and which side may touch it.</summary>
internal enum AllocationKind
{
    Host, Device, Pinned, Managed,
    /// <summary>Frames of the host thread.</summary>
    Stack,
    /// <summary>Frames of device threads (CUDA's local memory).</summary>
    DeviceStack,
    Global, Constant, Shared, StringLiteral, Temporary,
}

/// <summary>One block of interpreter memory. Pointers name it by <see cref="Id"/> plus a byte offset.</summary>
internal sealed class Allocation(int id, byte[] data, AllocationKind kind, bool readOnly, string what)
{
    public int Id { get; } = id;
    public byte[] Data { get; } = data;
    public AllocationKind Kind { get; } = kind;
    public bool ReadOnly { get; } = readOnly;
    /// <summary>A short description for error messages ("cudaMalloc of 400 bytes", "local 'x'").</summary>
    public string What { get; } = what;
    public bool Freed { get; set; }
    /// <summary>Shared memory only: who touched each byte in which barrier interval (<see cref="SharedMemoryRaces"/>).</summary>
    internal SharedMemoryRaces.Cell[]? RaceCells;
}
