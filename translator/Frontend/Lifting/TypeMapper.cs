using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Maps C++ types to IR types. Signedness is dropped (it lives in the operations the lifter picks);
/// CUDA's vector types become <c>(vec N T)</c>; other records become <c>define-struct</c>s, recorded
/// here in the order they are first needed. The base classes of class-template instantiations, which libclang
/// does not show, come from <paramref name="templateBases"/>.
/// </summary>
internal sealed partial class TypeMapper(SourceMap source, TemplateBases? templateBases = null)
{
    /// <summary>By <see cref="EntityKey"/>: a class is one IR struct whether the host-side or the device-side parse maps it.</summary>
    private readonly Dictionary<string, StructType> _structs = [];
    private readonly List<StructDef> _structDefs = [];
    private readonly HashSet<string> _structNames = [];

    public IReadOnlyList<StructDef> StructDefinitions => _structDefs;

    /// <summary>The lambdas' closure classes met so far (their captures name and type the struct's fields).</summary>
    public LambdaClosures Closures { get; } = new(source);

    public IrType Map(ClangType type, SourceLocation at)
    {
        var t = type.Canonical;
        switch (t.Kind)
        {
            case TypeKind.Void: return IrType.Void;
            case TypeKind.Bool: return IrType.Bool;
            case TypeKind.Char_S or TypeKind.SChar or TypeKind.Char_U or TypeKind.UChar: return IrType.Int8;
            case TypeKind.Short or TypeKind.UShort or TypeKind.Char16: return IrType.Int16;
            case TypeKind.Int or TypeKind.UInt or TypeKind.Char32 or TypeKind.WChar: return IrType.Int32;
            case TypeKind.Long or TypeKind.ULong or TypeKind.LongLong or TypeKind.ULongLong: return IrType.Int64;
            case TypeKind.Float: return IrType.Float;
            case TypeKind.Double: return IrType.Double;
            case TypeKind.Half or TypeKind.Float16: return IrType.Half;
            case TypeKind.BFloat16: return IrType.BFloat16;
            case TypeKind.Enum: return Map(t.Declaration.EnumIntegerType, at);
            // A pointer to a function, and a function named as a value, are the function's number in the program
            // (ModuleLifter.FunctionPointers.cs).
            case TypeKind.Pointer when t.IsFunctionPointer: return IrType.Int64;
            case TypeKind.FunctionProto or TypeKind.FunctionNoProto: return IrType.Int64;
            case TypeKind.Pointer or TypeKind.LValueReference or TypeKind.RValueReference:
                return new PointerType(MapPointee(t.Pointee, at), AddressSpace.Generic);
            case TypeKind.ConstantArray: return new ArrayType(t.ArraySize, Map(t.ArrayElement, at));
            case TypeKind.IncompleteArray: return new ArrayType(0, Map(t.ArrayElement, at));
            case TypeKind.Record: return MapRecord(t, at);
            // A pointer to a data member is the member's byte offset in its class, -1 for null (the Itanium C++ ABI's
            // representation, which host code compiled by clang shares).
            case TypeKind.MemberPointer when t.IsDataMemberPointer: return IrType.Int64;
            default:
                throw new LiftException(Codes.UnsupportedType, at, $"type '{type.Spelling}' is not translated");
        }
    }

    /// <summary>void and incomplete records (opaque handles such as cudaStream_t) are pointed to as bytes.</summary>
    private IrType MapPointee(ClangType pointee, SourceLocation at)
    {
        var c = pointee.Canonical;
        if (c.Kind == TypeKind.Void) return IrType.Int8;
        if (c.Kind == TypeKind.Record && c.SizeOf < 0) return IrType.Int8;
        if (c.Kind is TypeKind.FunctionProto or TypeKind.FunctionNoProto)
            throw new LiftException(Codes.UnsupportedType, at, $"references to functions ('{pointee.Spelling} &') are not translated");
        return Map(pointee, at);
    }

    /// <summary>The CUDA vector type a record stands for, if it is one of ours (float4, uint3, dim3 …).</summary>
    public VectorType? VectorOf(ClangType type)
    {
        var decl = type.Canonical.Declaration;
        if (!source.IsOurHeader(decl.Position)) return null;
        string name = decl.Spelling;
        if (name == "dim3") return new VectorType(3, IrType.Int32);
        if (name.Length < 2 || !char.IsDigit(name[^1])) return null;
        int n = name[^1] - '0';
        IrType? element = name[..^1] switch
        {
            "char" or "uchar" => IrType.Int8,
            "short" or "ushort" => IrType.Int16,
            "int" or "uint" => IrType.Int32,
            "long" or "ulong" or "longlong" or "ulonglong" => IrType.Int64,
            "float" => IrType.Float,
            "double" => IrType.Double,
            _ => null,
        };
        return element is null || n is < 1 or > 4 ? null : new VectorType(n, element);
    }

    /// <summary>Whether the vector type's lanes are unsigned (uint4, dim3 …).</summary>
    public static bool IsUnsignedVector(ClangType type) =>
        type.Canonical.Declaration.Spelling is var n && (n.StartsWith('u') || n == "dim3");

    private IrType MapRecord(ClangType t, SourceLocation at)
    {
        if (VectorOf(t) is { } v) return v;
        var decl = t.Canonical.Declaration;
        var key = EntityKey.Of(Definition(decl));
        if (_structs.TryGetValue(key, out var known)) return known;
        if (decl.Kind == CursorKind.UnionDecl) return MapStorage(t, key, at);
        if (Records.HasBitFields(t))
        {
            if (Records.HasBases(t) || IsPolymorphic(t))
                throw new LiftException(Codes.UnsupportedType, at, $"'{t.Spelling}' has bit-fields and base classes or virtual functions; such a class is not translated");
            // libclang 19 does not show a bit-field's default member initializer (C++20): refused rather than lost.
            foreach (var f in Records.Fields(t))
                if (f.IsBitField && f.Tokens.SkipWhile(k => k.Spelling != ":").Any(k => k.Spelling is "=" or "{"))
                    throw new LiftException(Codes.UnsupportedType, source.Locate(f), $"the default member initializer of bit-field '{f.Spelling}' is not translated");
            return MapStorage(t, key, at);
        }
        if (t.SizeOf < 0)
            throw new LiftException(Codes.UnsupportedType, at, $"incomplete type '{t.Spelling}' is not translated");
        var closure = LambdaClosures.IsClosure(t) ? Closures.Of(t, at) : null;
        string name = UniqueStructName(NameOf(t));
        var type = new StructType(name);
        _structs[key] = type; // before the fields, so a field of pointer-to-self type finds it
        var fields = new List<StructField>();
        if (closure is not null)
        {
            // libclang shows a closure's fields to clang_Type_visitFields only, unnamed: named after their captures.
            var where = source.Locate(decl);
            try { foreach (var capture in closure.Captures) fields.Add(new StructField(capture.Name, Map(capture.FieldType, where), where)); }
            catch (LiftException) { _structs.Remove(key); throw; }
            _structDefs.Add(new StructDef(where, name, fields));
            return type;
        }
        try
        {
            var bases = BaseFields(t, at);
            bool polymorphic = IsPolymorphic(t);
            if (polymorphic && DynamicRoot(t, bases, at)) fields.Add(new StructField(TypeTagField, IrType.Int64, at));
            foreach (var b in bases)
                if (b.Field is { } f) fields.Add(new StructField(f, Map(b.Type, at), at));
            foreach (var field in Records.Fields(t))
                fields.Add(new StructField(Records.FieldName(field), Map(field.Type, source.Locate(field)), source.Locate(field)));
            var def = new StructDef(source.Locate(decl), name, fields);
            if (bases.Count > 0 || polymorphic)
            {
                def = WithFirstBaseInlined(t, def, bases, at) ?? def;
                CheckLayout(t, def, at);
                _bases[name] = bases;
            }
            else def = PaddedAsClang(t, def, at);
            _structDefs.Add(def);
        }
        catch (LiftException) { _structs.Remove(key); throw; }
        return type;
    }

    /// <summary>A base-class sub-object: the struct field that holds it, or null for an empty base (no storage, at offset 0).</summary>
    public sealed record BaseField(ClangType Type, string? Field);

    /// <summary>The fields of a base whose tail padding the derived class reuses, copied to the derived struct's front.</summary>
    private static string InlinedBaseField(ClangType @base, string field) => field == TypeTagField ? field : $"__{NameOf(@base)}.{field}";

    private readonly Dictionary<string, IReadOnlyList<BaseField>> _bases = [];

    /// <summary>
    /// Non-virtual base classes become the struct's leading fields, in declaration order (<c>__base_NAME</c>),
    /// as the Itanium C++ ABI lays them out; an empty base takes no storage (the empty-base optimization).
    /// </summary>
    private List<BaseField> BaseFields(ClangType t, SourceLocation at)
    {
        var list = new List<BaseField>();
        var specifiers = Records.Bases(t, out bool fromPattern);
        for (int i = 0; i < specifiers.Count; i++)
        {
            var b = specifiers[i];
            if (b.IsVirtualBase)
                throw new LiftException(Codes.UnsupportedType, at, $"'{t.Spelling}' has a virtual base class '{b.Type.Spelling}'; virtual inheritance is not translated");
            var bt = BaseType(t, i, specifiers, fromPattern)
                ?? throw new LiftException(Codes.UnsupportedType, at, fromPattern
                    ? $"'{t.Spelling}' derives from '{b.Type.Spelling}', which depends on the template's parameters, and naming it through '{t.Spelling}' found no class (libclang 19 does not show the bases of an implicit instantiation); this inheritance is not translated"
                    : $"'{t.Spelling}' derives from '{b.Type.Spelling}', which is not a complete class");
            if (IsUnion(bt)) throw new LiftException(Codes.UnsupportedType, at, $"'{t.Spelling}' derives from union '{b.Type.Spelling}'");
            string? field = IsEmptyClass(bt) ? null : $"__base_{NameOf(bt)}";
            if (field is not null && list.Any(x => x.Field == field)) field += $"_{list.Count}";
            list.Add(new BaseField(bt, field));
        }
        return list;
    }

    /// <summary>Base specifier <paramref name="index"/> of <paramref name="t"/> as a complete class, or null. A base an
    /// instantiation's template writes with its parameters is found through <see cref="TemplateBases"/>.</summary>
    private ClangType? BaseType(ClangType t, int index, IReadOnlyList<Cursor> specifiers, bool fromPattern)
    {
        var bt = specifiers[index].Type.Canonical;
        if (bt.Kind == TypeKind.Record && bt.SizeOf >= 0) return bt;
        return fromPattern ? templateBases?.Find(t, index, specifiers) : null;
    }

    /// <summary>A class with no data members in it or its bases: the empty-base optimization gives it no storage.</summary>
    private bool IsEmptyClass(ClangType t)
    {
        if (Records.Fields(t).Count > 0 || IsPolymorphic(t)) return false;
        var specifiers = Records.Bases(t, out bool fromPattern);
        for (int i = 0; i < specifiers.Count; i++)
            if (BaseType(t, i, specifiers, fromPattern) is not { } bt || !IsEmptyClass(bt)) return false;
        return true;
    }

    /// <summary>
    /// The Itanium C++ ABI places a derived class's first members in its first base's tail padding when that base is not
    /// a POD (a polymorphic class, one with constructors …): <c>struct B { virtual …; int k; }</c> is 16 bytes, and
    /// <c>D : B { float r; }</c> puts <c>r</c> at 12. A base sub-object as a struct field cannot share its padding, so
    /// when that is what differs, the first base's fields are copied to the derived struct's front instead (its type tag
    /// keeps its name) and the base is reached by a pointer cast, as an empty base is. Null when it does not help.
    /// </summary>
    private StructDef? WithFirstBaseInlined(ClangType t, StructDef def, List<BaseField> bases, SourceLocation at)
    {
        if (bases.Count == 0 || bases[0].Field is not { } field) return null;
        var own = Records.Fields(t);
        int first = def.Fields.Count - own.Count;
        if (LaysOutAsClang(t, def, [.. Enumerable.Range(first, own.Count)], alignmentToo: true)) return null;
        if (Map(bases[0].Type, at) is not StructType bt || FindStruct(bt) is not { } baseDef) return null;
        var fields = new List<StructField>();
        foreach (var f in def.Fields)
        {
            if (f.Name == field) fields.AddRange(baseDef.Fields.Select(b => b with { Name = InlinedBaseField(bases[0].Type, b.Name) }));
            else fields.Add(f);
        }
        var inlined = new StructDef(def.Location, def.Name, fields);
        int start = fields.Count - own.Count;
        if (!LaysOutAsClang(t, inlined, [.. Enumerable.Range(start, own.Count)], alignmentToo: true)) return null;
        bases[0] = bases[0] with { Field = null };
        return inlined;
    }

    /// <summary>
    /// The IR struct of a derived class must lay out as clang does (objects cross between host and device):
    /// size, alignment and each data member's offset. A difference (a base's tail padding reused, an empty
    /// base not at offset 0) is refused rather than translated to a different layout.
    /// </summary>
    private void CheckLayout(ClangType t, StructDef def, SourceLocation at)
    {
        if (IsEmptyClass(t)) return; // 1 byte in C++, 0 in the IR: the known difference of empty classes (std::less<int>), no layout to keep
        var own = Records.Fields(t);
        int first = def.Fields.Count - own.Count;
        if (!LaysOutAsClang(t, def, [.. Enumerable.Range(first, own.Count)], alignmentToo: true))
            throw new LiftException(Codes.UnsupportedType, at,
                $"'{t.Spelling}' derives from another class and clang lays it out differently from its bases followed by its members (a base's tail padding reused); this inheritance is not translated");
    }

    /// <summary>The base-class sub-objects of a class (none for a class without bases or a type that is not a class).</summary>
    public IReadOnlyList<BaseField> BasesOf(ClangType record, SourceLocation at) =>
        record.Canonical.Kind == TypeKind.Record && Map(record.Canonical, at) is StructType st && _bases.TryGetValue(st.Name, out var bases) ? bases : [];

    /// <summary>
    /// The fields leading from a class to one of its (direct or indirect) base classes, an empty base
    /// contributing none; null when <paramref name="base"/> is not a base of <paramref name="derived"/>.
    /// </summary>
    public List<string>? BasePath(ClangType derived, ClangType @base, SourceLocation at)
    {
        var d = derived.Canonical;
        if (d.Kind != TypeKind.Record || @base.Canonical.Kind != TypeKind.Record || SameClass(d, @base)) return null;
        if (Map(d, at) is not StructType st || !_bases.TryGetValue(st.Name, out var bases)) return null;
        foreach (var b in bases)
        {
            if (SameClass(b.Type, @base)) return b.Field is null ? [] : [b.Field];
            if (BasePath(b.Type, @base, at) is { } rest) return b.Field is null ? rest : [b.Field, .. rest];
        }
        return null;
    }

    /// <summary>Whether two types name the same class (cv-qualifiers aside), from the same parse or not.</summary>
    public static bool SameClass(ClangType a, ClangType b) =>
        a.Canonical.Declaration.Canonical.Equals(b.Canonical.Declaration.Canonical)
        || EntityKey.Of(Definition(a.Canonical.Declaration)) == EntityKey.Of(Definition(b.Canonical.Declaration));

    private static Cursor Definition(Cursor declaration) => declaration.Definition.IsNull ? declaration : declaration.Definition;

    /// <summary>The declaration of a class type that defines it (its first declaration when none is seen).</summary>
    internal static Cursor DefinitionOf(ClangType record) => Definition(record.Canonical.Declaration);

    /// <summary>The field of a storage struct (<see cref="MapStorage"/>); members are reached by casting its address.</summary>
    public const string StorageField = "bytes";

    /// <summary>
    /// A union, or a class with bit-fields, is its storage: a struct holding one array of integers as wide as the
    /// object's alignment (four-lane int vectors for 16, CUDA's <c>int4</c>: <c>std::aligned_storage&lt;16, 16&gt;</c>), as
    /// large as the object (the size and alignment clang gives it, so such objects inside kernel arguments keep CUDA's
    /// layout). A member is the object's address plus the member's offset, cast to a pointer to its type; a bit-field
    /// is shifts and masks of the word holding it (FunctionLifter.BitFields.cs). Copies move the bytes whatever member
    /// was written last, as C++'s trivial copy does.
    /// </summary>
    private IrType MapStorage(ClangType t, string key, SourceLocation at)
    {
        long size = t.SizeOf, align = t.AlignOf;
        if (size <= 0 || align is not (1 or 2 or 4 or 8 or 16) || size % align != 0)
            throw new LiftException(Codes.UnsupportedType, at, $"'{t.Spelling}' ({size} bytes, aligned to {align}) is not translated: only alignments up to 16 are");
        var word = align switch
        {
            1 => IrType.Int8, 2 => IrType.Int16, 4 => (IrType)IrType.Int32, 8 => IrType.Int64, _ => new VectorType(4, IrType.Int32),
        };
        var type = new StructType(UniqueStructName(NameOf(t)));
        _structs[key] = type;
        _structDefs.Add(new StructDef(source.Locate(t.Canonical.Declaration), type.Name,
            [new StructField(StorageField, new ArrayType(size / align, word), at)]));
        return type;
    }

    /// <summary>Whether a C++ type is a union (mapped by <see cref="MapStorage"/>).</summary>
    public static bool IsUnion(ClangType t) => t.Canonical.Kind == TypeKind.Record && t.Canonical.Declaration.Kind == CursorKind.UnionDecl;

    /// <summary>Whether a C++ type is mapped to its storage (<see cref="MapStorage"/>): a union or a class with bit-fields.</summary>
    public bool IsStorage(ClangType t) => IsUnion(t) || VectorOf(t) is null && Records.HasBitFields(t);

    private static string NameOf(ClangType t) => LambdaClosures.IsClosure(t) ? Names.ForClosure(t.Canonical.Declaration)
        : Names.Sanitize(t.Canonical.Spelling.Replace("struct ", "").Replace("class ", "").Replace("union ", ""));

    private string UniqueStructName(string name)
    {
        string candidate = name;
        for (int k = 2; !_structNames.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }

    /// <summary>The definition of a struct this mapper created.</summary>
    public StructDef? FindStruct(StructType t) => _structDefs.FirstOrDefault(s => s.Name == t.Name);
}
