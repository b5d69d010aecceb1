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
    /// The bit offset of <paramref name="field"/>, a member of an anonymous struct or union, from the start of the
    /// object of type <paramref name="owner"/> whose member it is through one or more anonymous members; null when
    /// <paramref name="owner"/> is not on that chain.
    /// </summary>
    public static long? BitOffsetThroughAnonymous(Cursor field, ClangType owner)
    {
        var target = owner.Canonical.Declaration;
        long bits = field.FieldOffsetBits;
        var record = field.SemanticParent;
        while (IsAnonymous(record))
        {
            if (record.Equals(target)) return bits;
            var parent = record.SemanticParent;
            var member = Fields(parent.Type).FirstOrDefault(f => f.Type.Canonical.Declaration.Equals(record));
            if (member.IsNull) return null;
            bits += member.FieldOffsetBits;
            record = parent;
        }
        return record.Equals(target) ? bits : null;
    }

    /// <summary>Whether a class has bit-fields (its members are then reached at clang's offsets, as a union's are).</summary>
    public static bool HasBitFields(ClangType record) => record.Canonical.Kind == TypeKind.Record && Fields(record).Any(f => f.IsBitField);

    /// <summary>
    /// The members a brace list initializes and the expression for each, in declaration order: C's rules, which
    /// C++20's designated initializers keep (<c>{.a = 1, .c = 3}</c> sets a and c; an element without a designator
    /// takes the member after the previous one; a union's list sets its first member or the one named). Unnamed
    /// bit-fields take no element. Null when an element names a nested member or an array element
    /// (<c>.a.b = 1</c>, <c>[2] = x</c>), which the caller refuses.
    /// </summary>
    public static List<(Cursor Field, Cursor Value)>? InitializedMembers(Cursor list, ClangType record)
    {
        var fields = Fields(record).Where(f => !(f.IsBitField && f.Spelling.Length == 0)).ToList();
        var result = new List<(Cursor, Cursor)>();
        int next = 0;
        foreach (var element in list.Children)
        {
            var value = element;
            if (Designated(element) is { } designated)
            {
                if (designated.Designators.Count != 1) return null;
                var target = designated.Designators[0].Referenced;
                next = fields.FindIndex(f => f.Equals(target));
                if (next < 0) return null;
                value = designated.Value;
            }
            if (next >= fields.Count) return null;
            result.Add((fields[next], value));
            next++;
            if (record.Canonical.Declaration.Kind == CursorKind.UnionDecl) next = fields.Count;
        }
        return result;
    }

    /// <summary>A brace-list element that names an array element (<c>[2] = x</c>, a GNU extension in C++): libclang shows it
    /// as an unexposed expression holding the index and the value.</summary>
    public static bool IsArrayDesignated(Cursor element) =>
        element.Kind == CursorKind.UnexposedExpr && element.Children.Count >= 2 && element.Tokens is [{ Spelling: "[" }, ..];

    /// <summary>A brace-list element with designators (libclang shows <c>.a = 1</c> as an unexposed expression holding
    /// a MemberRef per <c>.name</c>, then the value), or null.</summary>
    public static (IReadOnlyList<Cursor> Designators, Cursor Value)? Designated(Cursor element)
    {
        if (element.Kind != CursorKind.UnexposedExpr) return null;
        var children = element.Children;
        if (children.Count < 2 || children[0].Kind != CursorKind.MemberRef) return null;
        return (children.Take(children.Count - 1).ToList(), children[^1]);
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
