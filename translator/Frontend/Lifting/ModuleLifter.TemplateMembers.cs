using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Members of class-template instantiations. libclang shows no members of an implicit instantiation, so a question
/// about one (which destructor a class declares, which method overrides a virtual one) is asked of its template, and
/// the instantiated member is then found by a probe appended for the next parse (<see cref="TemplateBases.FindMember"/>).
/// </summary>
internal sealed partial class ModuleLifter
{
    /// <summary>The template of an implicit instantiation whose members libclang does not show (its definition: libclang may
    /// give a forward declaration, as for <c>std::array</c> once <c>&lt;functional&gt;</c> declares it), or null (a class that
    /// is no instantiation, or an explicit specialization, which shows its own members).</summary>
    internal static Cursor? MemberlessPattern(ClangType record)
    {
        var decl = TypeMapper.DefinitionOf(record);
        var pattern = decl.SpecializedTemplate;
        if (pattern.IsNull || decl.Children.Any(m => m.Kind is CursorKind.CXXMethod or CursorKind.Destructor or CursorKind.Constructor)) return null;
        return pattern.Definition is { IsNull: false } definition ? definition : pattern;
    }

    /// <summary>The destructor a class declares, as written (for an implicit instantiation, its template's), or null when
    /// it declares none (its destructor is the compiler's).</summary>
    internal static Cursor? WrittenDestructor(ClangType record)
    {
        var decl = MemberlessPattern(record) ?? TypeMapper.DefinitionOf(record);
        return decl.Children.Where(c => c.Kind == CursorKind.Destructor).Select(c => (Cursor?)c).FirstOrDefault();
    }

    /// <summary>Whether a class's own destructor runs code: one is written, not defaulted, and its body (where this
    /// translation unit defines it) is not empty. Its bases' and members' destructors are not asked about.</summary>
    internal static bool OwnDestructorRunsCode(ClangType record)
    {
        if (WrittenDestructor(record) is not { IsDefaultedMethod: false } d) return false;
        var definition = d.Definition.IsNull ? d : d.Definition;
        var body = definition.Children.Where(c => c.Kind == CursorKind.CompoundStmt).Select(c => (Cursor?)c).FirstOrDefault();
        return body is not { } b || b.Children.Count > 0;
    }

    /// <summary>The destructor class <paramref name="record"/> declares, instantiated (a cursor whose body can be lifted),
    /// or null when it declares none.</summary>
    internal Cursor? DeclaredDestructor(ClangType record, SourceLocation at)
    {
        if (WrittenDestructor(record) is not { } written) return null;
        return MemberlessPattern(record) is null ? written : InstantiatedMember(record, written, at);
    }

    /// <summary>
    /// The constructor of implicit instantiation <paramref name="instantiation"/> (whose members libclang does not show)
    /// that copy-initialization from a value of type <paramref name="argument"/> calls, or value-initialization with a
    /// null <paramref name="argument"/>, found by a probe (<see cref="TemplateBases.FindConstructor"/>); null when the
    /// class is no such instantiation, its template declares no constructor, or none makes it. Until a parse holds the
    /// probe the lift stops (TR0405), and the frontend parses again.
    /// </summary>
    internal Cursor? InstantiatedConstructor(ClangType instantiation, ClangType? argument, SourceLocation at)
    {
        if (MemberlessPattern(instantiation) is not { } pattern || !pattern.Children.Any(c => c.Kind == CursorKind.Constructor)) return null;
        var (asked, found) = _templateBases?.FindConstructor(instantiation, argument) ?? (true, null);
        if (!asked)
            throw new LiftException(Codes.UnsupportedType, at,
                $"the constructor making '{instantiation.Spelling}' {(argument is { } a ? $"from '{a.Spelling}'" : "by value-initialization")} was not found in the parses made (libclang shows no members of an implicit instantiation)");
        return found is { } f && TypeMapper.SameClass(f.SemanticParent.Type, instantiation) ? f : null;
    }

    /// <summary>
    /// The constructor an inner brace list calls for class <paramref name="cls"/> from values of <paramref name="arguments"/>'
    /// types, found by a probe (<see cref="TemplateBases.FindListConstructor"/>: libclang shows such a list as written, of
    /// type void, without the call). <c>Asked</c> is false until a parse holds the probe (the frontend then parses
    /// again); <c>Found</c> is then null when no constructor makes it.
    /// </summary>
    internal (bool Asked, Cursor? Found) ListConstructor(ClangType cls, IReadOnlyList<(ClangType Type, bool Lvalue)> arguments)
    {
        var (asked, found) = _templateBases?.FindListConstructor(cls, arguments) ?? (true, null);
        return (asked, found is { } f && TypeMapper.SameClass(f.SemanticParent.Type, cls) ? f : null);
    }

    /// <summary>The member of implicit instantiation <paramref name="instantiation"/> that corresponds to
    /// <paramref name="member"/> (its template's declaration, or a method of a base it overrides; its destructor, for a
    /// destructor). Until a parse holds the probe the lift stops (TR0405), and the frontend parses again.</summary>
    internal Cursor InstantiatedMember(ClangType instantiation, Cursor member, SourceLocation at)
    {
        var (asked, found) = _templateBases?.FindMember(instantiation, member) ?? (true, null);
        if (found is { } m) return m;
        throw new LiftException(Codes.UnsupportedType, at, asked
            ? $"'{instantiation.Spelling}' declares '{member.Spelling}', and it could not be found (libclang shows no members of an implicit instantiation; naming it did not resolve)"
            : $"'{instantiation.Spelling}' declares '{member.Spelling}', and it was not found in the parses made");
    }
}
