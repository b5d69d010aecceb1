using System.Collections.Immutable;
using Translate.Ir.Model;

namespace Translate.Ir.Types;

/// <summary>
/// Sizes, alignments and field offsets of IR types, as CUDA lays them out on a 64-bit target:
/// natural alignment, pointers 8 bytes, bool 1 byte, vectors of 2 or 4 lanes aligned to their size
/// (float2 8, float4 16, double2 16; capped at 16), 3-lane vectors to their element.
/// </summary>
public sealed class TypeLayout
{
    private readonly Dictionary<string, StructDef> _structs;
    private readonly Dictionary<string, (long Size, int Align, long[] Offsets)> _cache = [];

    public TypeLayout(IEnumerable<StructDef> structs) => _structs = structs.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());

    public StructDef? FindStruct(string name) => _structs.GetValueOrDefault(name);

    public long SizeOf(IrType t) => t switch
    {
        ScalarType { Kind: ScalarKind.Void } => 0,
        ScalarType { Kind: ScalarKind.Bool } => 1,
        ScalarType s => s.Bits / 8,
        PointerType => 8,
        ArrayType a => a.Length * SizeOf(a.Element),
        VectorType v => v.Length * SizeOf(v.Element),
        StructType st => StructLayout(st.Name).Size,
        _ => throw new InvalidOperationException(t.ToString()),
    };

    public int AlignOf(IrType t) => t switch
    {
        ScalarType { Kind: ScalarKind.Void } => 1,
        ArrayType a => AlignOf(a.Element),
        VectorType v when v.Length is 2 or 4 => (int)Math.Min(16, SizeOf(v)),
        VectorType v => AlignOf(v.Element),
        StructType st => StructLayout(st.Name).Align,
        _ => (int)Math.Max(1, SizeOf(t)),
    };

    /// <summary>Whether a value of type <paramref name="t"/> holds a pointer anywhere: itself, a field, an element or a lane.</summary>
    public bool ContainsPointer(IrType t) => t switch
    {
        PointerType => true,
        ArrayType a => ContainsPointer(a.Element),
        VectorType v => ContainsPointer(v.Element),
        StructType st => FindStruct(st.Name)?.Fields.Any(f => ContainsPointer(f.Type)) ?? false,
        _ => false,
    };

    /// <summary>
    /// Every pointer a value of type <paramref name="t"/> holds, in memory order: its byte offset and the field
    /// or element numbers leading to it from the value (a struct's field index, an array's element index).
    /// </summary>
    public IReadOnlyList<PointerSlot> PointerSlots(IrType t)
    {
        var slots = new List<PointerSlot>();
        void Visit(IrType type, long offset, ImmutableStack<int> path)
        {
            switch (type)
            {
                case PointerType p:
                    slots.Add(new PointerSlot(offset, [.. path.Reverse()], p));
                    break;
                case ArrayType a when ContainsPointer(a.Element):
                    for (int i = 0; i < a.Length; i++) Visit(a.Element, offset + i * SizeOf(a.Element), path.Push(i));
                    break;
                case StructType st when FindStruct(st.Name) is { } def:
                    for (int i = 0; i < def.Fields.Count; i++)
                        if (ContainsPointer(def.Fields[i].Type)) Visit(def.Fields[i].Type, offset + OffsetOf(st, i), path.Push(i));
                    break;
            }
        }
        Visit(t, 0, ImmutableStack<int>.Empty);
        return slots;
    }

    /// <summary>Byte offset of field <paramref name="index"/> of a struct, or of a vector lane.</summary>
    public long OffsetOf(IrType aggregate, int index) => aggregate switch
    {
        StructType st => StructLayout(st.Name).Offsets[index],
        VectorType v => index * SizeOf(v.Element),
        ArrayType a => index * SizeOf(a.Element),
        _ => throw new InvalidOperationException(aggregate.ToString()),
    };

    /// <summary>The type of field or lane <paramref name="index"/>.</summary>
    public IrType ElementType(IrType aggregate, int index) => aggregate switch
    {
        StructType st => _structs[st.Name].Fields[index].Type,
        VectorType v => v.Element,
        ArrayType a => a.Element,
        _ => throw new InvalidOperationException(aggregate.ToString()),
    };

    private (long Size, int Align, long[] Offsets) StructLayout(string name)
    {
        if (_cache.TryGetValue(name, out var done)) return done;
        var def = _structs[name];
        var offsets = new long[def.Fields.Count];
        long offset = 0;
        int align = 1;
        for (int i = 0; i < def.Fields.Count; i++)
        {
            int a = AlignOf(def.Fields[i].Type);
            offset = (offset + a - 1) / a * a;
            offsets[i] = offset;
            offset += SizeOf(def.Fields[i].Type);
            align = Math.Max(align, a);
        }
        long size = (offset + align - 1) / align * align;
        return _cache[name] = (size, align, offsets);
    }
}

/// <summary>A pointer inside an aggregate: its byte offset, the field/element numbers leading to it, its type.</summary>
public sealed record PointerSlot(long Offset, IReadOnlyList<int> Path, PointerType Type);
