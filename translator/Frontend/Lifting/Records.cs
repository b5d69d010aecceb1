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
    /// A member a brace list initializes: from <see cref="Value"/>, or, when the list leaves out the braces of an array
    /// member (<c>std::array&lt;int, 4&gt; a = {5, 2, 8, 1}</c>, whose one member is an array), from the elements
    /// <see cref="Elided"/> (the first of them is <see cref="Value"/>).
    /// </summary>
    public readonly record struct MemberInit(Cursor Field, Cursor Value, IReadOnlyList<Cursor>? Elided);

    /// <summary>
    /// The members a brace list initializes and the expression for each, in declaration order: C's rules, which
    /// C++20's designated initializers keep (<c>{.a = 1, .c = 3}</c> sets a and c; an element without a designator
    /// takes the member after the previous one; a union's list sets its first member or the one named). Unnamed
    /// bit-fields take no element. An array member whose braces the list leaves out takes as many elements as it has
    /// (brace elision), when they are scalars or values of its element type. Null when an element names a nested member
    /// or an array element (<c>.a.b = 1</c>, <c>[2] = x</c>), or braces are left out in a way not followed here, which the
    /// caller refuses.
    /// </summary>
    public static List<MemberInit>? InitializedMembers(Cursor list, ClangType record)
    {
        var fields = Fields(record).Where(f => !(f.IsBitField && f.Spelling.Length == 0)).ToList();
        var elements = list.Children;
        var result = new List<MemberInit>();
        int next = 0;
        for (int i = 0; i < elements.Count; i++)
        {
            var value = elements[i];
            bool designated = false;
            if (Designated(value) is { } d)
            {
                if (d.Designators.Count != 1) return null;
                var target = d.Designators[0].Referenced;
                next = fields.FindIndex(f => f.Equals(target));
                if (next < 0) return null;
                value = d.Value;
                designated = true;
            }
            if (next >= fields.Count) return null;
            var field = fields[next];
            if (!designated && IsElidedArrayMember(field.Type, value))
            {
                var type = field.Type.Canonical;
                int take = 0;
                while (take < type.ArraySize && i + take < elements.Count && Designated(elements[i + take]) is null) take++;
                var elided = elements.Skip(i).Take(take).ToList();
                if (elided.Any(e => !FillsOneElement(type.ArrayElement, e))) return null;
                result.Add(new MemberInit(field, value, elided));
                i += take - 1;
            }
            else result.Add(new MemberInit(field, value, null));
            next++;
            if (record.Canonical.Declaration.Kind == CursorKind.UnionDecl) next = fields.Count;
        }
        return result;
    }

    /// <summary>An array member given an element that is not its brace list (nor the string literal of a char array).</summary>
    private static bool IsElidedArrayMember(ClangType member, Cursor element)
    {
        if (member.Canonical.Kind != TypeKind.ConstantArray) return false;
        var e = Unwrapped(element);
        return e.Kind is not (CursorKind.InitListExpr or CursorKind.StringLiteral);
    }

    /// <summary>Whether an elided element initializes one array element: a scalar for scalars, a value of the element's own type
    /// for classes; nested arrays and elision into class elements are not followed.</summary>
    private static bool FillsOneElement(ClangType elementType, Cursor element)
    {
        var t = elementType.Canonical;
        if (t.Kind == TypeKind.ConstantArray) return false;
        if (t.Kind != TypeKind.Record) return Unwrapped(element).Kind != CursorKind.InitListExpr;
        return element.Type.Canonical.Spelling == t.Spelling;
    }

    /// <summary>
    /// Whether <paramref name="element"/>, an element of a brace list of an array of <paramref name="elementType"/>, leaves
    /// out the braces around an element of class or array type (<c>S s[2] = {1, 2, 3, 4}</c>): neither a brace list nor
    /// a value of the element's type (nor the string literal of a char array). Brace elision into elements is not followed.
    /// </summary>
    public static bool ElidesElementBraces(ClangType elementType, Cursor element)
    {
        var t = elementType.Canonical;
        if (t.Kind is not (TypeKind.Record or TypeKind.ConstantArray)) return false;
        // A class with constructors of its own is no aggregate: the element copy-initializes it (a converting constructor).
        if (t.Kind == TypeKind.Record && HasUserProvidedConstructor(t)) return false;
        return IsValueOfAnotherType(t, element);
    }

    /// <summary>
    /// Whether <paramref name="element"/> of a brace list of an array of <paramref name="elementType"/>, a class with
    /// constructors of its own, is a value of another type that the class's converting constructor copy-initializes from
    /// (libclang shows the value as written, without the call).
    /// </summary>
    public static bool NeedsConvertingConstructor(ClangType elementType, Cursor element)
    {
        var t = elementType.Canonical;
        return t.Kind == TypeKind.Record && HasUserProvidedConstructor(t) && IsValueOfAnotherType(t, element);
    }

    /// <summary>An element written neither as a brace list nor as a value of <paramref name="t"/> (nor as a string literal,
    /// a char array's): its value, after any designator, is of another type.</summary>
    private static bool IsValueOfAnotherType(ClangType t, Cursor element)
    {
        var value = Designated(element)?.Value ?? element;
        var e = Unwrapped(value);
        return e.Kind is not (CursorKind.InitListExpr or CursorKind.StringLiteral) && !IsOfType(value, e, t);
    }

    /// <summary>Whether an element's value (as written, or with its implicit nodes looked through: <paramref name="unwrapped"/>)
    /// is of type <paramref name="t"/>, const or not.</summary>
    internal static bool IsOfType(Cursor value, Cursor unwrapped, ClangType t)
    {
        static string Unqualified(ClangType type) => type.Canonical.Spelling.Replace("const ", "");
        return Unqualified(value.Type) == Unqualified(t) || Unqualified(unwrapped.Type) == Unqualified(t);
    }

    /// <summary>Whether a class is an aggregate as far as brace lists go: no constructor of its own (bases, a union, bit-fields
    /// are the caller's to ask about).</summary>
    public static bool IsAggregateClass(ClangType record) => !HasUserProvidedConstructor(record.Canonical);

    /// <summary>A constructor declared and not defaulted: C++17 makes such a class no aggregate. libclang shows no members
    /// of an implicit instantiation of a class template, so its template's declarations answer for it.</summary>
    private static bool HasUserProvidedConstructor(ClangType record)
    {
        var declaration = record.Declaration;
        if (declaration.IsNull) return false;
        static bool Declares(Cursor d) => d.Children.Any(c => c.Kind == CursorKind.Constructor && !c.IsDefaultedMethod);
        if (declaration.Children.Count > 0) return Declares(declaration); // written in the source (an explicit specialization too)
        return declaration.SpecializedTemplate is { IsNull: false } template && Declares(template);
    }

    /// <summary>Why a brace list with <see cref="ElidesElementBraces"/> elements that <see cref="BraceElision.Regroup"/> does
    /// not follow is refused, and what to write instead.</summary>
    public static string ElidedElementBracesReason(ClangType elementType) =>
        $"a brace list that leaves out the braces around '{elementType.Spelling}' elements is not translated here (elements left over, a designator, "
        + "or braces left out around a union, a class with bit-fields, bases or reference members, or a class from a value of another class); write each element in its own braces";

    /// <summary>An expression with the implicit and parenthesis nodes around it looked through.</summary>
    internal static Cursor Unwrapped(Cursor e)
    {
        while (!e.IsNull && e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr && e.Children.Count == 1) e = e.Children[0];
        return e;
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
