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
