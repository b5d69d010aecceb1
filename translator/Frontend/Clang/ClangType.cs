using System.Runtime.InteropServices;

namespace Translate.Frontend.Clang;

/// <summary>A C++ type as libclang sees it.</summary>
public readonly unsafe struct ClangType
{
    internal readonly CXType Raw;
    internal ClangType(CXType raw) => Raw = raw;

    public TypeKind Kind => (TypeKind)Raw.Kind;
    public string Spelling => ClangStrings.Take(Native.clang_getTypeSpelling(Raw));
    /// <summary>Typedefs, elaborations and sugar removed.</summary>
    public ClangType Canonical => new(Native.clang_getCanonicalType(Raw));
    /// <summary>Size in bytes, or negative when the type has none (incomplete, dependent).</summary>
    public long SizeOf => Native.clang_Type_getSizeOf(Raw);
    /// <summary>Alignment in bytes, or negative when the type has none.</summary>
    public long AlignOf => Native.clang_Type_getAlignOf(Raw);
    /// <summary>For pointers and references: what they refer to.</summary>
    public ClangType Pointee => new(Native.clang_getPointeeType(Raw));
    /// <summary>The class of a pointer to member (<c>P</c> of <c>int P::*</c>).</summary>
    public ClangType MemberPointerClass => new(Native.clang_Type_getClassType(Raw));
    public ClangType ArrayElement => new(Native.clang_getArrayElementType(Raw));
    public long ArraySize => Native.clang_getArraySize(Raw);
    public Cursor Declaration => new(Native.clang_getTypeDeclaration(Raw));
    public bool IsConst => Native.clang_isConstQualifiedType(Raw) != 0;
    public bool IsVolatile => Native.clang_isVolatileQualifiedType(Raw) != 0;
    public ClangType Result => new(Native.clang_getResultType(Raw));

    /// <summary>A function type's parameter types, in order (none for other types).</summary>
    public IReadOnlyList<ClangType> ArgumentTypes
    {
        get
        {
            int n = Native.clang_getNumArgTypes(Raw);
            var list = new List<ClangType>(Math.Max(n, 0));
            for (int i = 0; i < n; i++) list.Add(new ClangType(Native.clang_getArgType(Raw, (uint)i)));
            return list;
        }
    }

    /// <summary>A function type (what a function's name and <c>*fp</c> have).</summary>
    public bool IsFunction => Canonical.Kind is TypeKind.FunctionProto or TypeKind.FunctionNoProto;

    /// <summary>A pointer to a function (not to a member function).</summary>
    public bool IsFunctionPointer => Canonical.Kind == TypeKind.Pointer && Canonical.Pointee.IsFunction;
    public ClangType NonReference => new(Native.clang_getNonReferenceType(Raw));

    /// <summary>The fields of a record type in declaration order, unnamed ones included (a lambda's captures,
    /// which clang_visitChildren does not show).</summary>
    public IReadOnlyList<Cursor> Fields
    {
        get
        {
            var list = new List<Cursor>();
            var handle = GCHandle.Alloc(list);
            try { Native.clang_Type_visitFields(Raw, &CollectField, GCHandle.ToIntPtr(handle)); }
            finally { handle.Free(); }
            return list;
        }
    }

    [UnmanagedCallersOnly]
    private static int CollectField(CXCursor field, nint data)
    {
        ((List<Cursor>)GCHandle.FromIntPtr(data).Target!).Add(new Cursor(field));
        return 1; // CXVisit_Continue
    }

    public bool IsReference => Kind is TypeKind.LValueReference or TypeKind.RValueReference;

    /// <summary>A pointer to a data member (<c>int P::*</c>), not to a member function.</summary>
    public bool IsDataMemberPointer => Canonical.Kind == TypeKind.MemberPointer
        && Canonical.Pointee.Canonical.Kind is not (TypeKind.FunctionProto or TypeKind.FunctionNoProto);

    /// <summary>Unsigned integer kinds (bool and plain char count as unsigned where C++ says so).</summary>
    public bool IsUnsignedInteger => Canonical.Kind is TypeKind.Bool or TypeKind.Char_U or TypeKind.UChar or TypeKind.Char16
        or TypeKind.Char32 or TypeKind.UShort or TypeKind.UInt or TypeKind.ULong or TypeKind.ULongLong or TypeKind.UInt128;

    public override string ToString() => Spelling;
}
