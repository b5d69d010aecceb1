using Translate.Ir.Types;

namespace Translate.Ir.Analysis;

/// <summary>
/// The concrete address spaces of targets without a generic one (OpenCL 1.2): where a pointer points.
/// Named as OpenCL names them; CUDA's shared memory is <see cref="Local"/>, a thread's own memory <see cref="Private"/>.
/// </summary>
public enum MemorySpace { Global, Local, Constant, Private }

/// <summary>A set of possible spaces (the lattice of <see cref="AddressSpaceInference"/>): empty = not yet known.</summary>
[Flags]
public enum SpaceSet { None = 0, Global = 1, Local = 2, Constant = 4, Private = 8 }

/// <summary>Conversions between spaces, space sets and the IR's numbered address spaces.</summary>
public static class MemorySpaces
{
    public static SpaceSet Of(MemorySpace s) => (SpaceSet)(1 << (int)s);

    /// <summary>The single space of a set, or null when it is empty or ambiguous.</summary>
    public static MemorySpace? Single(SpaceSet set) => set switch
    {
        SpaceSet.Global => MemorySpace.Global,
        SpaceSet.Local => MemorySpace.Local,
        SpaceSet.Constant => MemorySpace.Constant,
        SpaceSet.Private => MemorySpace.Private,
        _ => null,
    };

    /// <summary>The space an explicit IR address space names; null for generic (0).</summary>
    public static MemorySpace? FromIr(int addressSpace) => addressSpace switch
    {
        AddressSpace.Global => MemorySpace.Global,
        AddressSpace.Shared => MemorySpace.Local,
        AddressSpace.Constant => MemorySpace.Constant,
        AddressSpace.Local => MemorySpace.Private,
        _ => null,
    };

    public static string Describe(SpaceSet set) =>
        set == SpaceSet.None ? "nothing" : string.Join(" and ", Enum.GetValues<MemorySpace>().Where(s => set.HasFlag(Of(s))).Select(Describe));

    public static string Describe(MemorySpace s) => s switch
    {
        MemorySpace.Global => "global memory",
        MemorySpace.Local => "shared (local) memory",
        MemorySpace.Constant => "constant memory",
        _ => "private memory",
    };
}
