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

    /// <summary>Whether a class type derives from another.</summary>
    public static bool HasBases(ClangType record)
    {
        var decl = record.Canonical.Declaration;
        if (decl.Children.Any(c => c.Kind == CursorKind.CXXBaseSpecifier)) return true;
        var pattern = decl.SpecializedTemplate;
        return !pattern.IsNull && pattern.Children.Any(c => c.Kind == CursorKind.CXXBaseSpecifier);
    }
}
