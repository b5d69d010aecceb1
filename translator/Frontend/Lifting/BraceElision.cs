using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// An element of an aggregate as a brace list initializes it once the braces it leaves out are put back: the expression
/// or brace list written for it (<see cref="Written"/>), or the elements it took from the enclosing list
/// (<see cref="Regrouped"/>).
/// </summary>
internal abstract record ElementInitializer
{
    /// <summary>An element initialized by what was written for it (an expression, a brace list, a string literal).</summary>
    public sealed record Written(Cursor Value) : ElementInitializer;

    /// <summary>An aggregate element of <paramref name="Type"/> whose braces the list left out: its own elements, in order
    /// (array elements, or a class's members); those after the last are value-initialized.</summary>
    public sealed record Regrouped(ClangType Type, IReadOnlyList<ElementInitializer> Elements) : ElementInitializer;
}

/// <summary>
/// C++ brace elision ([dcl.init.aggr]): <c>S s[2] = {1, 2, 3, 4}</c> initializes <c>s[0]</c> from 1, 2 and <c>s[1]</c>
/// from 3, 4. Clang's semantic form of the list has the braces put back, but libclang shows only the written form
/// (its visitor takes an init list's syntactic form), so the lifter regroups the written elements itself, as
/// clang's InitListChecker does: an element of scalar type, or of a class that is no aggregate (its constructors make
/// it), takes one expression; an aggregate element (array, or class without constructors of its own) takes a brace
/// list or an expression of its own type as written, else as many elements of the list as it has, recursively.
/// </summary>
internal static class BraceElision
{
    /// <summary>
    /// The initializers of the elements of <paramref name="aggregate"/> (an array or a class) from the written
    /// <paramref name="elements"/> of its brace list, one per element in order (fewer when the list ends early), or null
    /// where the lifter does not follow the list: a designator, elision into a union, a class with bit-fields, bases or
    /// reference members,
    /// a value of another class type meeting an aggregate class (which a conversion could make), or elements left over.
    /// </summary>
    public static List<ElementInitializer>? Regroup(ClangType aggregate, IReadOnlyList<Cursor> elements)
    {
        if (elements.Any(e => Records.Designated(e) is not null || Records.IsArrayDesignated(e))) return null;
        int next = 0;
        return TakeParts(aggregate.Canonical, elements, ref next) is { } result && next == elements.Count ? result : null;
    }

    /// <summary>Whether a brace list of <paramref name="aggregate"/> leaves out braces around one of its elements.</summary>
    public static bool ElidesBraces(ClangType aggregate, IReadOnlyList<Cursor> elements) =>
        aggregate.Canonical.Kind == TypeKind.ConstantArray && elements.Any(e => Records.ElidesElementBraces(aggregate.Canonical.ArrayElement, e));

    /// <summary>What initializes one object of type <paramref name="type"/> from the elements at <paramref name="next"/>.</summary>
    private static ElementInitializer? Take(ClangType type, IReadOnlyList<Cursor> elements, ref int next)
    {
        var t = type.Canonical;
        var value = elements[next];
        var e = Records.Unwrapped(value);
        bool aggregate = t.Kind == TypeKind.ConstantArray || t.Kind == TypeKind.Record && Records.IsAggregateClass(t);
        if (!aggregate || e.Kind is CursorKind.InitListExpr || e.Kind == CursorKind.StringLiteral && t.Kind == TypeKind.ConstantArray)
        {
            next++;
            return new ElementInitializer.Written(value);
        }
        if (t.Kind == TypeKind.Record && Records.IsOfType(value, e, t))
        {
            next++;
            return new ElementInitializer.Written(value);
        }
        // A value of another class type could convert to this class (a conversion function, a derived class): not followed.
        if (t.Kind == TypeKind.Record && e.Type.Canonical.Kind == TypeKind.Record) return null;
        return TakeParts(t, elements, ref next) is { } taken ? new ElementInitializer.Regrouped(type, taken) : null;
    }

    /// <summary>The initializers of aggregate <paramref name="t"/>'s elements from the elements at <paramref name="next"/>,
    /// until the list or the aggregate ends; null where the braces are not followed.</summary>
    private static List<ElementInitializer>? TakeParts(ClangType t, IReadOnlyList<Cursor> elements, ref int next)
    {
        if (Parts(t) is not { } parts) return null;
        var taken = new List<ElementInitializer>();
        foreach (var part in parts)
        {
            if (next == elements.Count) break;
            if (Take(part, elements, ref next) is not { } init) return null;
            taken.Add(init);
        }
        return taken;
    }

    /// <summary>The types of an aggregate's elements in order (an array's elements, a class's members), or null for an
    /// aggregate whose elided braces are not followed (a union, bit-fields, bases, reference members).</summary>
    private static IReadOnlyList<ClangType>? Parts(ClangType t)
    {
        if (t.Kind == TypeKind.ConstantArray)
            return t.ArraySize > 1 << 16 ? null : Enumerable.Repeat(t.ArrayElement, (int)t.ArraySize).ToList();
        if (t.Kind != TypeKind.Record || TypeMapper.IsUnion(t) || Records.HasBitFields(t) || Records.HasBases(t)) return null;
        var fields = Records.Fields(t);
        // A reference member binds a variable, which the lifter must know lives in memory before it lifts the list
        // (FunctionLifter's address-taken walk reads written brace lists only): not followed.
        return fields.Any(f => f.Type.Canonical.IsReference) ? null : fields.Select(f => f.Type).ToList();
    }
}
