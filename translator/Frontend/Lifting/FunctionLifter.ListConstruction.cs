using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Classes with constructors made from an inner brace list: an array element or aggregate member written
/// <c>{1, 2.f}</c> (<c>std::pair&lt;int, float&gt; p[3] = {{1, 2.f}}</c>, <c>Complex c[2] = {{1, 2}, {3, 4}}</c>). C++ calls
/// the constructor overload resolution picks; libclang shows only the list as written, of type void, so the
/// constructor is found by a probe (<see cref="ModuleLifter.ListConstructor"/>) and called on a temporary with the
/// elements converted to its parameters and its default arguments for the rest.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>The first construction whose constructor no parse has shown yet: the function's lift fails with it at the end.</summary>
    private LiftException? _unanswered;

    /// <summary>The value of <paramref name="init"/> as type <paramref name="to"/>: an element or member of a brace list,
    /// which libclang shows without its conversion (see <see cref="LiftInitList"/>).</summary>
    private Operand ElementValue(Cursor init, ClangType to, SourceLocation at) =>
        ListConstruction(init, to, at) ?? ConvertOperand(Lift(init), to, at);

    /// <summary>The object a brace list of type void makes of class <paramref name="to"/> by a constructor, or null when
    /// <paramref name="init"/> is no such list.</summary>
    private Operand? ListConstruction(Cursor init, ClangType to, SourceLocation at)
    {
        var list = StripTransparent(init);
        if (list.Kind != CursorKind.InitListExpr || list.Type.Canonical.Kind != TypeKind.Void || to.Canonical.Kind != TypeKind.Record)
            return null;
        var type = _types.Map(to, at);
        var elements = list.Children;
        if (elements.Count == 0) return new ValueOperand(ValueInitialized(to, type, at), to, type);
        var arguments = elements.Select(e => (e.Type, IsLvalue(e))).ToList();
        var (asked, found) = _module.ListConstructor(to, arguments);
        if (!asked)
        {
            // The lift goes on, so every list of the function asks its probe in this round; the function then fails
            // (Lift), and the frontend parses again with the probes appended.
            _unanswered ??= Unsupported(Codes.UnsupportedType, at,
                $"the constructor a brace list calls for '{to.Spelling}' was not found in the parses made (libclang shows the list without the call)");
            return new ValueOperand(ZeroOf(to, type, at), to, type);
        }
        var constructor = found
            ?? throw Unsupported(Codes.UnsupportedExpression, at, $"no constructor of '{to.Spelling}' was found for this brace list ({string.Join(", ", arguments.Select(a => a.Type.Spelling))})");
        if (constructor.ArgumentCount > 0 && IsInitializerList(ParameterValueType(constructor, 0)))
            throw Unsupported(Codes.UnsupportedExpression, at, $"'{to.Spelling}' made from a brace list by its std::initializer_list constructor is not translated");
        if (!HasBody(constructor))
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"constructor '{constructor.DisplayName}' of '{to.Spelling}' is not translated");
        var values = elements.Select((e, i) => ConstructorArgument(ElementValue(e, ParameterValueType(constructor, i), Locate(e)), constructor, i, at))
            .Concat(Enumerable.Range(elements.Count, constructor.ArgumentCount - elements.Count).Select(i => ConstructorArgument(DefaultArgument(constructor, i, to, at), constructor, i, at)));
        return ConstructedTemporary(constructor, values.ToList(), to, type, at);
    }

    /// <summary>The type a constructor's parameter <paramref name="i"/> takes a value as: its own, or what it refers to.</summary>
    private static ClangType ParameterValueType(Cursor constructor, int i) =>
        constructor.Argument(i).Type.Canonical is { IsReference: true } r ? r.Pointee : constructor.Argument(i).Type;

    /// <summary>A value passed to a constructor's parameter <paramref name="i"/>: converted to its type, or to what a reference
    /// parameter refers to, whose address is then passed (a temporary's for a value that is no place).</summary>
    private Expr ConstructorArgument(Operand value, Cursor constructor, int i, SourceLocation at)
    {
        var converted = ConvertOperand(value, ParameterValueType(constructor, i), at);
        return constructor.Argument(i).Type.Canonical.IsReference ? AddressOfOrTemporary(converted, at) : Read(converted, at);
    }

    /// <summary>Default argument <paramref name="i"/> of <paramref name="constructor"/> (of class <paramref name="cls"/>),
    /// lifted where the construction is; TR0404 when libclang does not show it.</summary>
    private Operand DefaultArgument(Cursor constructor, int i, ClangType cls, SourceLocation at) =>
        Lift(ModuleLifter.InitializerOf(constructor.Argument(i))
            ?? throw Unsupported(Codes.UnsupportedExpression, at, $"default argument {i + 1} of constructor '{constructor.DisplayName}' of '{cls.Spelling}' is not shown by libclang; it is not translated"));

    /// <summary>Whether an element written in a brace list is an lvalue (libclang shows the written list, without the
    /// lvalue-to-rvalue conversions): a named variable, a member, an element, a dereference.</summary>
    private static bool IsLvalue(Cursor e)
    {
        e = Unparenthesized(e);
        return e.Kind switch
        {
            CursorKind.DeclRefExpr => e.Referenced.Kind is CursorKind.VarDecl or CursorKind.ParmDecl,
            CursorKind.MemberRefExpr or CursorKind.ArraySubscriptExpr => true,
            CursorKind.UnaryOperator => e.Tokens is [{ Spelling: "*" }, ..],
            _ => false,
        };
    }
}
