using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Polymorphic classes (virtual functions). Where the Itanium C++ ABI puts the virtual table pointer, the IR struct
/// holds a type tag: an <c>i64</c> naming the object's dynamic class (<see cref="ModuleLifter.ClassId"/>), which
/// constructors store and virtual calls compare (<c>ModuleLifter.Virtual.cs</c>). The class that introduces virtual
/// functions holds it first; a derived class shares it through its first base, which must be that polymorphic base
/// (the ABI's primary base, at offset 0), so every class of a hierarchy reads the tag at the same place and a method
/// of any of them takes the same address as <c>this</c>.
/// </summary>
internal sealed partial class TypeMapper
{
    /// <summary>The field holding a polymorphic object's type tag, where C++ keeps its virtual table pointer.</summary>
    public const string TypeTagField = "__vptr";

    /// <summary>
    /// Whether polymorphic class <paramref name="t"/> introduces the type tag (its first base is not polymorphic);
    /// TR0405 for a polymorphic base that is not the first (it would need a second tag and a moved <c>this</c>).
    /// </summary>
    private bool DynamicRoot(ClangType t, IReadOnlyList<BaseField> bases, SourceLocation at)
    {
        for (int i = 1; i < bases.Count; i++)
            if (IsPolymorphic(bases[i].Type))
                throw new LiftException(Codes.UnsupportedType, at,
                    $"'{t.Spelling}' has a polymorphic base '{bases[i].Type.Spelling}' that is not its first base; virtual functions are translated for single inheritance chains only");
        return bases.Count == 0 || !IsPolymorphic(bases[0].Type);
    }

    /// <summary>The fields leading from a polymorphic class to its type tag (through its first bases).</summary>
    public List<string> TypeTagPath(ClangType record, SourceLocation at)
    {
        var path = new List<string>();
        var c = record.Canonical;
        while (BasesOf(c, at) is [var first, ..] && IsPolymorphic(first.Type))
        {
            if (first.Field is { } f) path.Add(f); // else its fields, the tag among them, are the derived struct's own
            c = first.Type.Canonical;
        }
        path.Add(TypeTagField);
        return path;
    }

    /// <summary>
    /// Whether a class has virtual functions, its own or a base's: its objects hold a type tag. The methods of a class
    /// template's instantiation are read from its template (libclang shows none for an implicit instantiation), and its
    /// bases as <see cref="BaseFields"/> finds them.
    /// </summary>
    public bool IsPolymorphic(ClangType type)
    {
        var t = type.Canonical;
        if (t.Kind != TypeKind.Record || IsUnion(t)) return false;
        var decl = t.Declaration;
        if (DeclaresVirtual(decl) || !decl.SpecializedTemplate.IsNull && DeclaresVirtual(decl.SpecializedTemplate)) return true;
        var specifiers = Records.Bases(t, out bool fromPattern);
        for (int i = 0; i < specifiers.Count; i++)
            if (BaseType(t, i, specifiers, fromPattern) is { } b && IsPolymorphic(b)) return true;
        return false;
    }

    private static bool DeclaresVirtual(Cursor decl) =>
        decl.Children.Any(c => c.Kind is CursorKind.CXXMethod or CursorKind.Destructor && c.IsVirtualMethod);

    /// <summary>The polymorphic first base of a class, or null (the chain virtual calls are resolved along).</summary>
    public ClangType? DynamicBase(ClangType record, SourceLocation at) =>
        BasesOf(record, at) is [var first, ..] && IsPolymorphic(first.Type) ? first.Type.Canonical : null;
}
