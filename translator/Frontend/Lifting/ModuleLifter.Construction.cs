using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

internal sealed partial class ModuleLifter
{
    /// <summary>
    /// The initial value of a global of class type that a default constructor makes (<c>__constant__ Range r;</c>):
    /// null — zero-initialized storage, which is what static storage starts as — when the constructor and every
    /// member's default leave it so; otherwise the constant the members' initializers (the constructor's
    /// mem-initializers, then default member initializers) give, every other member zero. A constructor with
    /// arguments, statements in its body or base classes is refused (TR0406): its effect is not a folded constant.
    /// </summary>
    private Constant? ConstructedConstant(Cursor construct, ClangType type, SourceLocation at)
    {
        var constructor = construct.Referenced;
        if (construct.ArgumentCount > 0)
            throw new LiftException(Codes.UnsupportedDeclaration, at,
                $"a global of type '{type.Spelling}' constructed with arguments is not translated; give a brace initializer instead");
        return HasMemberDefaults(type, constructor) ? DefaultValue(type, constructor, at) : null;
    }

    /// <summary>The constructor's mem-initializers, by field name (a base initializer is refused).</summary>
    private static Dictionary<string, Cursor> MemberInitializers(Cursor? constructor, ClangType type, SourceLocation at)
    {
        var found = new Dictionary<string, Cursor>(StringComparer.Ordinal);
        if (DefinitionOf(constructor) is not { } definition) return found;
        var children = definition.Children;
        for (int i = 0; i < children.Count; i++)
        {
            var c = children[i];
            if (c.Kind == CursorKind.TypeRef && i + 1 < children.Count && children[i + 1].IsExpression)
                throw new LiftException(Codes.UnsupportedDeclaration, at, $"a global of type '{type.Spelling}' whose constructor initializes a base class is not translated");
            if (c.Kind == CursorKind.MemberRef && i + 1 < children.Count && children[i + 1].IsExpression)
                found[c.Spelling] = children[++i];
            if (c.Kind == CursorKind.CompoundStmt && c.Children.Count > 0)
                throw new LiftException(Codes.UnsupportedDeclaration, at,
                    $"a global of type '{type.Spelling}' whose default constructor runs statements is not translated; initialize its members instead");
        }
        return found;
    }

    /// <summary>Whether default-constructing <paramref name="type"/> sets anything: a mem-initializer or default member initializer, at any depth.</summary>
    private static bool HasMemberDefaults(ClangType type, Cursor? constructor)
    {
        var canonical = type.Canonical;
        if (canonical.Kind is TypeKind.ConstantArray) return HasMemberDefaults(canonical.ArrayElement, DefaultConstructorOf(canonical.ArrayElement));
        if (canonical.Kind != TypeKind.Record) return false;
        var record = canonical.Declaration;
        if (Records.HasBases(canonical)) return true; // refused with its reason by DefaultValue
        if (DefinitionOf(constructor) is { } definition && definition.Children.Any(c => c.Kind is CursorKind.MemberRef or CursorKind.TypeRef || c.Kind == CursorKind.CompoundStmt && c.Children.Count > 0))
            return true;
        return Records.Fields(canonical)
            .Any(f => InitializerOf(f) is not null || HasMemberDefaults(f.Type, DefaultConstructorOf(f.Type)));
    }

    /// <summary>The value default construction gives <paramref name="type"/> (see <see cref="ConstructedConstant"/>).</summary>
    private Constant DefaultValue(ClangType type, Cursor? constructor, SourceLocation at)
    {
        var canonical = type.Canonical;
        var irType = Types.Map(type, at);
        if (canonical.Kind is TypeKind.ConstantArray)
        {
            long length = canonical.ArraySize;
            if (length > 1 << 16)
                throw new LiftException(Codes.UnsupportedDeclaration, at, $"an array of {length} default-constructed '{canonical.ArrayElement.Spelling}' with member initializers is not translated");
            return new ListConstant(Enumerable.Range(0, (int)length).Select(_ => DefaultValue(canonical.ArrayElement, DefaultConstructorOf(canonical.ArrayElement), at)).ToList(), at);
        }
        if (canonical.Kind != TypeKind.Record)
            return irType.IsFloat ? new FloatConstant(0, at) : irType.IsBool ? new BoolConstant(false, at) : new IntConstant(0, at);
        var record = canonical.Declaration;
        if (Records.HasBases(canonical))
            throw new LiftException(Codes.UnsupportedDeclaration, at, $"a default-constructed global of class type '{type.Spelling}' with base classes is not translated");
        var memberInits = MemberInitializers(constructor, type, at);
        var items = new List<Constant>();
        if (Types.IsStorage(canonical))
            return StorageConstant(canonical, Records.Fields(canonical)
                .Select(f => (Field: f, Init: memberInits.TryGetValue(f.Spelling, out var m) ? m : InitializerOf(f)))
                .Where(f => f.Init is not null).Select(f => (f.Field, ConstantOf(f.Init!.Value, f.Field.Type, at))).ToList(), at);
        foreach (var field in Records.Fields(canonical))
        {
            Cursor? init = memberInits.TryGetValue(field.Spelling, out var m) ? m : InitializerOf(field);
            items.Add(init is not { } e ? DefaultValue(field.Type, DefaultConstructorOf(field.Type), at)
                : IsDefaultConstruction(e) ? ConstructedConstant(Unwrap(e), field.Type, at) ?? DefaultValue(field.Type, null, at)
                : ConstantOf(e, field.Type, at));
        }
        if (irType is StructType st) items = Types.WithPadding(st, items, _ => new IntConstant(0, at));
        return new ListConstant(items, at);
    }

    /// <summary>The default constructor of a class type (null cursor otherwise, or when clang left it implicit and undeclared).</summary>
    private static Cursor? DefaultConstructorOf(ClangType type)
    {
        var canonical = type.Canonical;
        while (canonical.Kind is TypeKind.ConstantArray) canonical = canonical.ArrayElement.Canonical;
        if (canonical.Kind != TypeKind.Record) return null;
        return canonical.Declaration.Children.Where(c => c.Kind == CursorKind.Constructor && c.ArgumentCount == 0)
            .Select(c => (Cursor?)c).FirstOrDefault();
    }

    private static Cursor? DefinitionOf(Cursor? constructor) =>
        constructor is not { IsNull: false } c ? null : c.Definition is { IsNull: false } d ? d : c;

    /// <summary>An array of class type declared without initializer (<c>__device__ Range r[4];</c>): zero storage unless its
    /// elements' default constructor sets members, whose values then fill it.</summary>
    private Constant? ArrayDefault(ClangType type, SourceLocation at) =>
        type.Canonical.Kind is TypeKind.ConstantArray && DefaultConstructorOf(type) is var ctor && HasMemberDefaults(type, ctor)
            ? DefaultValue(type, ctor, at) : null;

    /// <summary>Whether an initializer is a constructor call (looking through implicit wrappers).</summary>
    internal static bool IsDefaultConstruction(Cursor e) => Unwrap(e) is { Kind: CursorKind.CallExpr } c && c.Referenced.Kind == CursorKind.Constructor;

    private static Cursor Unwrap(Cursor e)
    {
        while (e.Kind is CursorKind.UnexposedExpr && e.Children.Count == 1 && e.Children[0].IsExpression) e = e.Children[0];
        return e;
    }
}
