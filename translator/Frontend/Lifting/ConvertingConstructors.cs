using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// The constructor C++ copy-initialization picks to make a class from a value of arithmetic type (<c>__nv_bfloat16 h[2] =
/// {0, 2.5f}</c>): libclang shows a brace list's elements as written, without the conversion, so the lifter chooses it
/// as overload resolution does among the class's non-explicit constructors of one parameter (taken by value or by
/// const reference): an exact match of the argument's type, else its promotion (a narrow integer or bool to int, float to
/// double), else the one constructor an arithmetic conversion reaches. More than one candidate of the best rank (which
/// clang would have called ambiguous) or a class-typed argument (user-defined conversions) gives null.
/// </summary>
internal static class ConvertingConstructors
{
    /// <summary>The constructor of <paramref name="target"/> copy-initialization calls with one <paramref name="argument"/>, or null.</summary>
    public static Cursor? Find(ClangType target, ClangType argument)
    {
        var from = argument.Canonical;
        if (!IsArithmetic(from.Kind)) return null;
        var declaration = target.Canonical.Declaration;
        if (declaration.IsNull) return null;
        var candidates = declaration.Children
            .Where(c => c.Kind == CursorKind.Constructor && !c.IsExplicitMethod && OneRequiredParameter(c))
            .Select(c => (Constructor: c, Parameter: ValueType(c.Argument(0).Type)))
            .Where(c => IsArithmetic(c.Parameter.Kind))
            .ToList();
        foreach (var rank in new Func<TypeKind, TypeKind, bool>[] { (a, p) => a == p, IsPromotion, (_, _) => true })
        {
            var matches = candidates.Where(c => rank(from.Kind, c.Parameter.Kind)).ToList();
            if (matches.Count == 1) return matches[0].Constructor;
            if (matches.Count > 1) return null;
        }
        return null;
    }

    /// <summary>The parameter's type as a value: a <c>const T&amp;</c> parameter takes a <c>T</c>.</summary>
    private static ClangType ValueType(ClangType parameter) =>
        parameter.Canonical.IsReference ? parameter.Canonical.Pointee.Canonical : parameter.Canonical;

    private static bool OneRequiredParameter(Cursor constructor)
    {
        int n = constructor.ArgumentCount;
        if (n < 1) return false;
        for (int i = 1; i < n; i++)
            if (ModuleLifter.InitializerOf(constructor.Argument(i)) is null) return false;
        var first = constructor.Argument(0).Type.Canonical;
        return !first.IsReference || first.Pointee.IsConst || first.Kind == TypeKind.RValueReference;
    }

    /// <summary>Integral promotion to int (bool, the character types, short) and floating-point promotion to double.</summary>
    private static bool IsPromotion(TypeKind from, TypeKind to) =>
        to == TypeKind.Int && from is TypeKind.Bool or TypeKind.Char_S or TypeKind.Char_U or TypeKind.SChar or TypeKind.UChar
            or TypeKind.Short or TypeKind.UShort or TypeKind.WChar or TypeKind.Char16
        || to == TypeKind.Double && from == TypeKind.Float;

    internal static bool IsArithmetic(TypeKind k) => k is >= TypeKind.Bool and <= TypeKind.LongDouble or TypeKind.Half or TypeKind.Float16 or TypeKind.BFloat16;
}
