using Translate.Backends.Llvm.Api;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Lowering;

/// <summary>
/// IR types as LLVM types. Layout is the IR's (<see cref="TypeLayout"/>), never LLVM's: structs are
/// packed LLVM structs with explicit padding, address arithmetic is done in bytes, and a vector
/// nested in an aggregate is stored as an array (LLVM would pad <c>&lt;3 x float&gt;</c> to 16 bytes).
/// </summary>
public sealed class TypeLowering(LlvmContext context, TypeLayout layout)
{
    private readonly Dictionary<string, (LType Type, int[] FieldIndex)> _structs = [];

    public LlvmContext Context { get; } = context;
    public TypeLayout Layout { get; } = layout;

    /// <summary>The type of a value of <paramref name="t"/> in a register.</summary>
    public LType Value(IrType t) => t switch
    {
        ScalarType s => s.Kind switch
        {
            ScalarKind.Void => Context.Void,
            ScalarKind.Bool => Context.I1,
            ScalarKind.Int8 => Context.I8,
            ScalarKind.Int16 => Context.Int(16),
            ScalarKind.Int32 => Context.I32,
            ScalarKind.Int64 => Context.I64,
            ScalarKind.Half => Context.Half,
            ScalarKind.BFloat16 => Context.BFloat,
            ScalarKind.Float => Context.Float,
            _ => Context.Double,
        },
        PointerType => Context.Ptr,
        VectorType v => LlvmContext.Vector(Value(v.Element), v.Length),
        ArrayType a => LlvmContext.Array(Nested(a.Element), a.Length),
        StructType st => Struct(st.Name).Type,
        _ => throw new InvalidOperationException(t.ToString()),
    };

    /// <summary>The type of <paramref name="t"/> as an element of an aggregate.</summary>
    public LType Nested(IrType t) => t is VectorType v ? LlvmContext.Array(Value(v.Element), v.Length) : Value(t);

    /// <summary>The LLVM element index of field <paramref name="field"/> (padding fields shift it).</summary>
    public int FieldIndex(string structName, int field) => Struct(structName).FieldIndex[field];

    public long SizeOf(IrType t) => Layout.SizeOf(t);
    public int AlignOf(IrType t) => Layout.AlignOf(t);

    private (LType Type, int[] FieldIndex) Struct(string name)
    {
        if (_structs.TryGetValue(name, out var done)) return done;
        var def = Layout.FindStruct(name)!;
        var st = new StructType(name);
        var elements = new List<LType>();
        var index = new int[def.Fields.Count];
        long at = 0;
        for (int i = 0; i < def.Fields.Count; i++)
        {
            long offset = Layout.OffsetOf(st, i);
            if (offset > at) elements.Add(LlvmContext.Array(Context.I8, offset - at));
            index[i] = elements.Count;
            elements.Add(Nested(def.Fields[i].Type));
            at = offset + Layout.SizeOf(def.Fields[i].Type);
        }
        long size = Layout.SizeOf(st);
        if (size > at) elements.Add(LlvmContext.Array(Context.I8, size - at));
        return _structs[name] = (Context.Struct(elements, packed: true), index);
    }
}
