using Translate.Backends.OpenCl.Naming;
using Translate.Ir.Analysis;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Types;

/// <summary>
/// Spells IR types in OpenCL C. Scalars map one to one (int8 → char … int64 → long); 2- and 4-lane
/// vectors up to 16 bytes are OpenCL's own (float4), whose size and alignment match CUDA's; 1- and
/// 3-lane vectors and 32-byte vectors do not match (OpenCL's float3 is 16 bytes, double4 is aligned
/// to 32), so they become small structs with CUDA's layout. <c>bool</c> in memory is <c>uchar</c>,
/// since OpenCL leaves the size of <c>bool</c> open and forbids it in kernel arguments.
/// </summary>
internal sealed class OpenClTypes(TypeLayout layout)
{
    public TypeLayout Layout { get; } = layout;

    /// <summary>Vector types spelled as structs, in first-use order (the prelude defines them).</summary>
    public List<VectorType> TupleVectors { get; } = [];

    public bool UsesDouble { get; private set; }
    public bool UsesHalf { get; private set; }

    public static string Qualifier(MemorySpace s) => s switch
    {
        MemorySpace.Global => "__global",
        MemorySpace.Local => "__local",
        MemorySpace.Constant => "__constant",
        _ => "__private",
    };

    public static string Scalar(ScalarKind k) => k switch
    {
        ScalarKind.Void => "void", ScalarKind.Bool => "bool", ScalarKind.Int8 => "char", ScalarKind.Int16 => "short",
        ScalarKind.Int32 => "int", ScalarKind.Int64 => "long", ScalarKind.Half => "half", ScalarKind.BFloat16 => "ushort",
        ScalarKind.Float => "float", ScalarKind.Double => "double",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>The unsigned type of the same width, for operations that read integers as unsigned.</summary>
    public static string Unsigned(IrType t) => t switch
    {
        ScalarType { Kind: ScalarKind.Int8 } => "uchar",
        ScalarType { Kind: ScalarKind.Int16 } => "ushort",
        ScalarType { Kind: ScalarKind.Int32 } => "uint",
        ScalarType { Kind: ScalarKind.Int64 } => "ulong",
        ScalarType { Kind: ScalarKind.Bool } => "uchar",
        VectorType v => Unsigned(v.Element) + v.Length,
        _ => throw new InvalidOperationException($"no unsigned form of {t}"),
    };

    public static bool IsNativeVector(VectorType v) => v.Length is 2 or 4 && v.Length * v.Element.Bits / 8 <= 16;

    public static string StructName(string irName) => Identifiers.Sanitize(irName);

    /// <summary>The name of a vector type: <c>float4</c>, or the struct standing for it (<c>tr_float3</c>).</summary>
    public string VectorName(VectorType v)
    {
        string elem = Scalar(((ScalarType)v.Element).Kind);
        Note(v.Element);
        if (IsNativeVector(v)) return elem + v.Length;
        if (!TupleVectors.Contains(v)) TupleVectors.Add(v);
        return $"tr_{elem}{v.Length}";
    }

    private void Note(IrType t)
    {
        if (t == IrType.Double) UsesDouble = true;
        if (t == IrType.Half) UsesHalf = true;
    }

    /// <summary>
    /// A C declaration of <paramref name="name"/> (empty for a type name, as in casts). The object itself
    /// lives in <paramref name="objectSpace"/> (null: no qualifier, as for variables and parameters); a
    /// pointer points into <paramref name="pointeeSpace"/>, and pointers stored in memory point to global, except the
    /// one a pointer to a pointer points to, which points into <paramref name="storedPointeeSpace"/> when given (the
    /// address of a struct's pointer field declared with its space). <paramref name="inMemory"/> spells bool as uchar.
    /// </summary>
    public string Declare(IrType t, string name, MemorySpace? objectSpace = null, MemorySpace? pointeeSpace = null, bool inMemory = false,
        MemorySpace? storedPointeeSpace = null)
    {
        switch (t)
        {
            case PointerType p:
            {
                string inner = "*" + (objectSpace is { } os ? Qualifier(os) + " " : "") + name;
                return Declare(p.Pointee, inner, pointeeSpace ?? MemorySpace.Global, storedPointeeSpace, inMemory: true);
            }
            case ArrayType a:
            {
                string inner = (name.StartsWith('*') ? $"({name})" : name) + $"[{(a.Length == 0 ? "" : a.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))}]";
                return Declare(a.Element, inner, objectSpace, pointeeSpace, inMemory: true);
            }
            default:
            {
                string q = objectSpace is { } s ? Qualifier(s) + " " : "";
                return Join(q + BaseName(t, inMemory), name);
            }
        }
    }

    /// <summary>A type name for casts and temporaries.</summary>
    public string Name(IrType t, MemorySpace? pointeeSpace = null, bool inMemory = false) => Declare(t, "", null, pointeeSpace, inMemory);

    private string BaseName(IrType t, bool inMemory) => t switch
    {
        ScalarType { Kind: ScalarKind.Bool } when inMemory => "uchar",
        ScalarType s => NoteAndName(s),
        VectorType v => VectorName(v),
        StructType st => StructName(st.Name),
        _ => throw new InvalidOperationException(t.ToString()),
    };

    private string NoteAndName(ScalarType s)
    {
        Note(s);
        return Scalar(s.Kind);
    }

    /// <summary>Moves leading stars onto the type: <c>float</c> + <c>*p</c> → <c>float* p</c>.</summary>
    private static string Join(string baseType, string declarator)
    {
        if (declarator.Length == 0) return baseType;
        int stars = 0;
        while (stars < declarator.Length && declarator[stars] == '*') stars++;
        if (stars == 0) return baseType + " " + declarator;
        string rest = declarator[stars..];
        return rest.Length == 0 ? baseType + new string('*', stars) : baseType + new string('*', stars) + " " + rest;
    }
}
