using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// What a constructor does before its body: each member initialized, in declaration order (as C++ does,
/// whatever the order of the initializer list), from its mem-initializer (<c>: x(a), y{b}</c>) or else its
/// default member initializer (<c>int n = 4;</c>). The same default member initializers are what an
/// implicit default constructor runs (<c>S s;</c>).
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>The member initializers of the constructor being lifted, stored through <c>this</c>.</summary>
    private IEnumerable<Stmt> LiftMemberInitializers(SourceLocation at)
    {
        var explicitInits = new Dictionary<Cursor, Cursor>();
        var children = _function.Children;
        for (int i = 0; i + 1 < children.Count; i++)
        {
            var c = children[i];
            if (!children[i + 1].IsExpression) continue; // a qualifier (Foo::Foo) or a parameter, not an initializer
            if (c.Kind == CursorKind.MemberRef && c.Referenced.Kind == CursorKind.FieldDecl)
                explicitInits[c.Referenced.Canonical] = children[i + 1];
            else if (c.Kind is CursorKind.TypeRef or CursorKind.TemplateRef)
                explicitInits[children[i + 1].Type.Canonical.Declaration.Canonical] = children[i + 1]; // a base class: Base(args)
            else if (c.Kind == CursorKind.MemberRef)
                throw Unsupported(Codes.UnsupportedDeclaration, Locate(c), $"initializer of member '{c.Spelling}' is not translated");
        }
        var self = new VarRef(at, "this");
        return FieldInitializers(_function.SemanticParent.Type, self, explicitInits, at);
    }

    /// <summary>Initializes each field of the object at <paramref name="address"/>: an explicit initializer, else the default member initializer.</summary>
    private List<Stmt> FieldInitializers(ClangType record, Expr address, IReadOnlyDictionary<Cursor, Cursor> explicitInits, SourceLocation at)
    {
        var list = new List<Stmt>();
        // Base-class sub-objects first, in declaration order, as C++ constructs them.
        foreach (var b in _types.BasesOf(record, at))
        {
            var baseType = _types.Map(b.Type, at);
            var baseAddress = BaseAddress(address, record, b.Field is null ? [] : [b.Field], baseType, at);
            if (explicitInits.TryGetValue(b.Type.Declaration.Canonical, out var baseInit))
                list.AddRange(Initialize(new MemoryOperand(baseAddress, b.Type, baseType), baseInit, Locate(baseInit)));
            else if (HasDefaultInitialization(b.Type))
                list.AddRange(FieldInitializers(b.Type, baseAddress, new Dictionary<Cursor, Cursor>(), at));
        }
        // After the bases, as C++ sets the virtual table pointer: from here on the object is of this class.
        if (_types.IsPolymorphic(record)) list.Add(StoreTypeTag(record, address, at));
        foreach (var field in Records.Fields(record))
        {
            var fieldAt = Locate(field);
            var init = explicitInits.TryGetValue(field.Canonical, out var given) ? given : ModuleLifter.InitializerOf(field);
            if (field.IsBitField && init is null) continue;
            if (field.Type.Canonical.IsReference && init is null) continue; // C++ requires one; an error clang has reported
            var place = FieldOf(new MemoryOperand(address, record, _types.Map(record, at)), field, fieldAt);
            if (init is { } e)
            {
                list.Add(new LocStmt(Locate(e), Locate(e)));
                list.AddRange(Initialize(place, e, Locate(e)));
            }
            else if (DefaultConstructorThatRuns(field.Type, fieldAt) is { } constructor) // V a; with V() : v(9) {}
                list.Add(Assign(place, DefaultConstruction(constructor, field.Type, place.Type, fieldAt), fieldAt));
            else if (place.Type is ArrayType elements && ElementsDefaultConstructed(field.Type, fieldAt))
                list.Add(ZeroFill(AddressOf(place, at), 0, elements, field.Type.Canonical.ArrayElement, fieldAt)); // each made by its constructor
            else if (field.Type.Canonical.Kind == TypeKind.Record && _types.VectorOf(field.Type) is null && HasDefaultInitialization(field.Type))
                list.AddRange(FieldInitializers(field.Type, AddressOf(place, at), new Dictionary<Cursor, Cursor>(), at));
        }
        return list;
    }

    /// <summary>
    /// Whether default-constructing the record runs code: a default member initializer in it (or in a member
    /// of class type). A user-written default constructor with a body is refused here: it is lifted where it is
    /// called explicitly, and a member implicitly constructed by one is not translated yet.
    /// </summary>
    private bool HasDefaultInitialization(ClangType record)
    {
        if (_types.IsPolymorphic(record)) return true; // its type tag
        if (_types.BasesOf(record, Locate(record.Canonical.Declaration)).Any(b => HasDefaultInitialization(b.Type))) return true;
        var decl = record.Canonical.Declaration;
        foreach (var c in decl.Children)
            if (c.Kind == CursorKind.Constructor && c.ArgumentCount == 0 && c.Children.Any(b => b.Kind == CursorKind.CompoundStmt && b.Children.Count > 0))
                throw Unsupported(Codes.UnsupportedDeclaration, Locate(c),
                    $"'{record.Spelling}' is default-constructed by '{c.DisplayName}' as a member, which is not translated");
        foreach (var c in Records.Fields(record))
        {
            if (ModuleLifter.InitializerOf(c) is not null) return true;
            if (DefaultConstructorThatRuns(c.Type, Locate(c)) is not null || ElementsDefaultConstructed(c.Type, Locate(c))) return true;
            if (c.Type.Canonical.Kind == TypeKind.Record && _types.VectorOf(c.Type) is null && HasDefaultInitialization(c.Type)) return true;
        }
        return false;
    }

    /// <summary>Stores class <paramref name="record"/>'s type tag into the object at <paramref name="address"/> (ModuleLifter.Virtual.cs).</summary>
    private Stmt StoreTypeTag(ClangType record, Expr address, SourceLocation at) =>
        new ExprStmt(at, new StoreExpr(at, TypeTagAddress(record, address, at), Literal(_module.ClassId(record), IrType.Int64, at)));

    /// <summary>The address of the type tag of the polymorphic object of class <paramref name="record"/> at <paramref name="address"/>.</summary>
    private Expr TypeTagAddress(ClangType record, Expr address, SourceLocation at)
    {
        foreach (var f in _types.TypeTagPath(record, at)) address = new StructPtrAddExpr(at, address, f);
        return address;
    }

    /// <summary><c>S s;</c> with a default constructor that has an empty body and no member initializers (the
    /// implicit one, or <c>S() {}</c>): it runs no more than the default member initializers.</summary>
    private static bool IsEmptyDefaultConstructorCall(Cursor e) =>
        e.Kind == CursorKind.CallExpr && e.Referenced.Kind == CursorKind.Constructor && e.ArgumentCount == 0
        && (e.Referenced.Definition is { IsNull: false } d ? d : e.Referenced).Children.All(c => c.Kind is not CursorKind.MemberRef && (c.Kind != CursorKind.CompoundStmt || c.Children.Count == 0));
}
