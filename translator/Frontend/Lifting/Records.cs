using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// What a class is made of. libclang's children of an implicitly instantiated class template
/// (<c>P&lt;float&gt;</c>) or of a lambda's closure class do not include its fields: the fields come from
/// the type (clang_Type_visitFields), and base classes from the class or, for an instantiation, the
/// template it was instantiated from.
/// </summary>
internal static class Records
{
    /// <summary>The data members of a class type, in declaration order.</summary>
    public static IReadOnlyList<Cursor> Fields(ClangType record) => record.Canonical.Fields;

    /// <summary>
    /// A data member's IR field name: its own, or for the member an anonymous union or struct declares (libclang spells
    /// it "S::(anonymous union at FILE:LINE:COL)", which is no IR name) one made from where the member is declared.
    /// </summary>
    public static string FieldName(Cursor field)
    {
        string name = field.Spelling;
        if (name.Length > 0 && !name.Contains('(')) return name;
        var p = field.Position;
        return $"__anonymous_{p.Line}_{p.Column}";
    }

    /// <summary>A struct or union declared without a name inside another (its members are the enclosing class's).</summary>
    public static bool IsAnonymous(Cursor record) =>
        record.Kind is CursorKind.StructDecl or CursorKind.UnionDecl && (record.Spelling.Length == 0 || record.Spelling.Contains('('));

    /// <summary>
    /// The byte offset of <paramref name="field"/>, a member of an anonymous struct or union, from the start of the
    /// object of type <paramref name="owner"/> whose member it is through one or more anonymous members; null when
    /// <paramref name="owner"/> is not on that chain.
    /// </summary>
    public static long? OffsetThroughAnonymous(Cursor field, ClangType owner)
    {
        var target = owner.Canonical.Declaration;
        long bits = field.FieldOffsetBits;
        var record = field.SemanticParent;
        while (IsAnonymous(record))
        {
            if (record.Equals(target)) return bits / 8;
            var parent = record.SemanticParent;
            var member = Fields(parent.Type).FirstOrDefault(f => f.Type.Canonical.Declaration.Equals(record));
            if (member.IsNull) return null;
            bits += member.FieldOffsetBits;
            record = parent;
        }
        return record.Equals(target) ? bits / 8 : null;
    }

    /// <summary>
    /// The base-class specifiers of a class type, in declaration order. For an implicit instantiation
    /// they are the template's, whose types may still name its parameters (<c>Base&lt;T&gt;</c>):
    /// <paramref name="fromPattern"/> says so.
    /// </summary>
    public static IReadOnlyList<Cursor> Bases(ClangType record, out bool fromPattern)
    {
        var decl = record.Canonical.Declaration;
        var own = decl.Children.Where(c => c.Kind == CursorKind.CXXBaseSpecifier).ToList();
        fromPattern = false;
        if (own.Count > 0) return own;
        var pattern = decl.SpecializedTemplate;
        if (pattern.IsNull) return own;
        fromPattern = true;
        return pattern.Children.Where(c => c.Kind == CursorKind.CXXBaseSpecifier).ToList();
    }

    /// <summary>Whether a class type derives from another.</summary>
    public static bool HasBases(ClangType record)
    {
        var decl = record.Canonical.Declaration;
        if (decl.Children.Any(c => c.Kind == CursorKind.CXXBaseSpecifier)) return true;
        var pattern = decl.SpecializedTemplate;
        return !pattern.IsNull && pattern.Children.Any(c => c.Kind == CursorKind.CXXBaseSpecifier);
    }
}
