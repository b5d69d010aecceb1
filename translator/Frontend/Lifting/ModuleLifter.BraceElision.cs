using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

internal sealed partial class ModuleLifter
{
    /// <summary>
    /// A global aggregate's constant from a brace list that leaves out the braces around its elements, once
    /// <see cref="BraceElision"/> has put them back: an array's elements given (the rest are zero storage, as a shorter
    /// list's are), a class's members in order, those left out taking their default member initializers or default
    /// construction's value.
    /// </summary>
    private Constant RegroupedConstant(ClangType type, IReadOnlyList<ElementInitializer> elements, SourceLocation at)
    {
        var canonical = type.Canonical;
        if (canonical.Kind == TypeKind.ConstantArray)
        {
            var element = canonical.ArrayElement;
            var given = elements.Select(e => ElementConstant(e, element, at)).ToList();
            // Elements left out are value-initialized: zero storage, unless default construction sets members.
            if (DefaultConstructorOf(element) is var constructor && HasMemberDefaults(element, constructor))
                while (given.Count < canonical.ArraySize) given.Add(DefaultValue(element, constructor, at));
            return new ListConstant(given, at);
        }
        if (canonical.Kind != TypeKind.Record || Types.IsStorage(canonical))
            throw new LiftException(Codes.UnsupportedDeclaration, at, Records.ElidedElementBracesReason(type));
        var fields = Records.Fields(canonical);
        var items = new List<Constant>();
        for (int i = 0; i < fields.Count; i++)
            items.Add(i < elements.Count ? ElementConstant(elements[i], fields[i].Type, at)
                : InitializerOf(fields[i]) is { } init ? ConstantOf(init, fields[i].Type, at)
                : DefaultValue(fields[i].Type, DefaultConstructorOf(fields[i].Type), at));
        if (Types.Map(type, at) is StructType st) items = Types.WithPadding(st, items, _ => new IntConstant(0, at));
        return new ListConstant(items, at);
    }

    private Constant ElementConstant(ElementInitializer element, ClangType type, SourceLocation at) => element switch
    {
        ElementInitializer.Written w => Records.NeedsConvertingConstructor(type, w.Value)
            ? throw new LiftException(Codes.UnsupportedDeclaration, at,
                $"a global's '{type.Spelling}' made by its converting constructor is not translated (a global's elements are folded constants; constructors are not run)")
            : ConstantOf(w.Value, type, at),
        ElementInitializer.Regrouped r => RegroupedConstant(type, r.Elements, at),
        _ => throw new InvalidOperationException(),
    };
}
