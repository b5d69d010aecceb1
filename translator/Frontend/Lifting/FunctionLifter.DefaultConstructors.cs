using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Value-initialization of a class whose own default constructor does something (<c>Zero() : v(5) {}</c>, dim3's
/// <c>dim3(unsigned vx = 1, …)</c>): C++ runs that constructor and zeroes nothing, so an array element or member a brace
/// list leaves out is made by it, not zeroed (which gave <c>dim3 g[2] = {4}</c> a g[1] of 0, 0, 0, with no diagnostic);
/// so is a member (or a member array's elements) when the class holding it is default-constructed (<c>struct M { V a;
/// int b; }; M m;</c> left <c>m.a</c> unset).
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>
    /// The default constructor a class declares (callable without arguments, not defaulted) whose definition initializes
    /// members or runs statements; for an implicit instantiation of a class template (whose members libclang does not
    /// show) the instantiated one, found by a probe. Null when value-initialization is zeroing and the default member
    /// initializers (no such constructor, or an empty one, whose indeterminate values zero is one of).
    /// </summary>
    private Cursor? DefaultConstructorThatRuns(ClangType ctype, SourceLocation at)
    {
        var canonical = ctype.Canonical;
        if (canonical.Kind != TypeKind.Record) return null;
        var pattern = ModuleLifter.MemberlessPattern(canonical);
        var declared = (pattern ?? TypeMapper.DefinitionOf(canonical)).Children
            .Where(c => c.Kind == CursorKind.Constructor && !c.IsDefaultedMethod && CallableWithoutArguments(c) && RunsCode(c))
            .Select(c => (Cursor?)c).FirstOrDefault();
        if (declared is not { } written) return null;
        if (pattern is null) return written;
        return _module.InstantiatedConstructor(canonical, null, at)
            ?? throw Unsupported(Codes.UnsupportedDeclaration, at, $"the default constructor of '{ctype.Spelling}' was not found (libclang shows no members of an implicit instantiation)");
    }

    /// <summary>Whether an array's elements (at any depth) are of a class whose default constructor runs code: a member
    /// array of them is made element by element when its class is default-constructed.</summary>
    private bool ElementsDefaultConstructed(ClangType type, SourceLocation at)
    {
        var t = type.Canonical;
        if (t.Kind != TypeKind.ConstantArray) return false;
        while (t.Kind == TypeKind.ConstantArray) t = t.ArrayElement.Canonical;
        return DefaultConstructorThatRuns(t, at) is not null;
    }

    private static bool CallableWithoutArguments(Cursor constructor) =>
        Enumerable.Range(0, constructor.ArgumentCount).All(i => ModuleLifter.InitializerOf(constructor.Argument(i)) is not null);

    /// <summary>Whether a constructor's definition initializes a member or a base, or has statements.</summary>
    private static bool RunsCode(Cursor constructor)
    {
        var definition = constructor.Definition is { IsNull: false } d ? d : constructor;
        return definition.Children.Any(c => c.Kind is CursorKind.MemberRef or CursorKind.TypeRef && c.Position.Line > 0
            || c.Kind == CursorKind.CompoundStmt && c.Children.Count > 0);
    }

    /// <summary>A value of <paramref name="ctype"/> made by <paramref name="constructor"/> with its default arguments: a vector
    /// type of our headers (dim3) from them as its lanes, as <see cref="VectorConstruction"/>; a class by a call on a temporary.</summary>
    private Expr DefaultConstruction(Cursor constructor, ClangType ctype, IrType type, SourceLocation at)
    {
        var arguments = Enumerable.Range(0, constructor.ArgumentCount)
            .Select(i => ConstructorArgument(DefaultArgument(constructor, i, ctype, at), constructor, i, at)).ToList();
        if (type is VectorType vector)
            return arguments.Count == vector.Length ? new MakeExpr(at, vector, arguments)
                : throw Unsupported(Codes.UnsupportedExpression, at, $"'{ctype.Spelling}' value-initialized by '{constructor.DisplayName}' is not translated");
        if (!HasBody(constructor))
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"constructor '{constructor.DisplayName}' of '{ctype.Spelling}' is not translated");
        return Read(ConstructedTemporary(constructor, arguments, ctype, type, at), at);
    }
}
