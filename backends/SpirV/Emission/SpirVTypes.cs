using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Analysis;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

/// <summary>
/// IR types as SPIR-V types. Pointers need a storage class, which the IR type does not carry (it comes
/// from <see cref="AddressSpaceInference"/>): the caller gives it; pointers stored inside memory are
/// global (CrossWorkgroup), as the inference assumes. CUDA's 2- and 4-lane vectors are SPIR-V vectors
/// (same size and alignment as OpenCL's); 1- and 3-lane ones are structs, because OpenCL's 3-lane
/// vectors are 16 bytes where CUDA's are 12.
/// </summary>
internal sealed class SpirVTypes(ModuleBuilder m, TypeLayout layout)
{
    public static StorageClass ClassOf(MemorySpace s) => s switch
    {
        MemorySpace.Global => StorageClass.CrossWorkgroup,
        MemorySpace.Local => StorageClass.Workgroup,
        MemorySpace.Constant => StorageClass.UniformConstant,
        _ => StorageClass.Function,
    };

    /// <summary>The SPIR-V type; null with a reason when it has none here.</summary>
    public uint Of(IrType t, StorageClass pointerClass = StorageClass.CrossWorkgroup) => t switch
    {
        ScalarType { Kind: ScalarKind.Void } => m.TypeVoid(),
        ScalarType { Kind: ScalarKind.Bool } => m.TypeBool(),
        ScalarType { Kind: ScalarKind.BFloat16 } => throw new SpirVUnsupported("bfloat16 has no SPIR-V type for OpenCL kernels"),
        ScalarType s when t.IsInteger => m.TypeInt(t.Bits),
        ScalarType s when t.IsFloat => m.TypeFloat(t.Bits),
        PointerType p => m.TypePointer(pointerClass, Pointee(p.Pointee)),
        ArrayType { Length: 0 } => throw new SpirVUnsupported("a zero-length array outside dynamic shared memory"),
        ArrayType a => m.TypeArray(Memory(a.Element), a.Length),
        VectorType { Length: 2 or 4 } v => m.TypeVector(Of(v.Element), v.Length),
        VectorType v => TupleVector(v),
        StructType s => Struct(s.Name),
        _ => throw new SpirVUnsupported($"type {t}"),
    };

    /// <summary>What a pointer points to in memory: void is bytes, and so is bool (<see cref="Memory"/>).</summary>
    public uint Pointee(IrType t) => t switch
    {
        ScalarType { Kind: ScalarKind.Void } => m.TypeInt(8),
        _ => Memory(t),
    };

    /// <summary>
    /// A value's type in memory (variables, arrays, struct fields, what pointers point to): a bool is one byte, 0 or 1,
    /// as CUDA's C++ bool, since OpTypeBool has no size and OpenCL memory cannot hold it; elsewhere as <see cref="Of"/>.
    /// Loads turn the byte into a bool (≠ 0), stores a bool into 1 or 0.
    /// </summary>
    public uint Memory(IrType t) => t.IsBool ? m.TypeInt(8) : Of(t);

    public static bool IsSpirVVector(IrType t) => t is VectorType { Length: 2 or 4 };

    private uint TupleVector(VectorType v)
    {
        string key = $"vec{v.Length} {v.Element}";
        if (m.TryGetStruct(key, out var id)) return id;
        uint e = Of(v.Element);
        return m.TypeStruct(key, Enumerable.Repeat(e, v.Length).ToList());
    }

    private uint Struct(string name)
    {
        if (m.TryGetStruct(name, out var id)) return id;
        var def = layout.FindStruct(name) ?? throw new SpirVUnsupported($"struct {name} is not defined");
        var members = def.Fields.Select(f => Memory(f.Type)).ToList();
        id = m.TypeStruct(name, members);
        m.Name(id, name);
        for (int i = 0; i < def.Fields.Count; i++) m.MemberName(id, i, def.Fields[i].Name);
        return id;
    }
}

/// <summary>A construct this backend does not lower yet; becomes a TR07xx diagnostic at the nearest location.</summary>
internal sealed class SpirVUnsupported(string message) : Exception(message);
