using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Structured bindings (<c>auto [u, v] = p;</c>, <c>auto &amp;[r, s] = p;</c>): the declaration is a hidden variable of the
/// declared type (a copy, or a reference), and each name is a place in it: the i-th data member of a class (std::pair's
/// first and second), the i-th element of an array or of std::array. libclang shows the declaration as an unexposed
/// declaration spelled <c>[u, v]</c>, whose children are the bindings (unexposed declarations too) and the initializer.
/// Classes that define the tuple protocol themselves (std::tuple_size specialized in user code), and std classes other
/// than pair and array, are refused: their names come from get&lt;i&gt;, not from members.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>Each binding's hidden variable and position.</summary>
    private readonly Dictionary<Cursor, (Local Object, int Index)> _bindings = [];

    private static bool IsDecomposition(Cursor d) => d.Kind == CursorKind.UnexposedDecl && d.Spelling.StartsWith('[');

    private List<Stmt> LiftDecomposition(Cursor d, SourceLocation at)
    {
        var children = d.Children;
        var bindings = children.Where(c => c.Kind == CursorKind.UnexposedDecl).ToList();
        var init = children.LastOrDefault(c => c.IsExpression);
        if (bindings.Count == 0 || init.IsNull || init.Kind == 0)
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"structured binding '{d.Spelling}' is not translated");
        var hidden = DeclareLocal(d, NewTemp());
        var list = new List<Stmt> { new DeclareStmt(at, hidden.Name, hidden.Type) };
        if (hidden.IsReference) list.Add(new SetStmt(at, hidden.Name, AddressOfOrTemporary(Lift(init), at)));
        else if (hidden.Type is ArrayType array)
        {
            // `auto [x, y] = arr;` copies the array element by element (clang's array-init loop over the source).
            var source = init.Kind == CursorKind.UnexposedExpr && init.Children.Count > 0 ? Lift(init.Children[0]) : Lift(init);
            var from = AddressOf(source, at);
            var to = AddressOf(PlaceOf(hidden, at), at);
            var elementCType = d.Type.Canonical.ArrayElement;
            for (int i = 0; i < array.Length; i++)
            {
                var slot = new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(to, at), new IntLit(at, i, null)), elementCType, array.Element);
                list.Add(Assign(slot, new LoadExpr(at, new ArrayPtrAddExpr(at, ArrayBase(from, at), new IntLit(at, i, null))), at));
            }
        }
        else list.AddRange(Initialize(PlaceOf(hidden, at), init, at));
        for (int i = 0; i < bindings.Count; i++) _bindings[bindings[i].Canonical] = (hidden, i);
        return list;
    }

    /// <summary>The place a binding names.</summary>
    private Operand BindingPlace((Local Object, int Index) binding, Cursor e, SourceLocation at)
    {
        var obj = PlaceOf(binding.Object, at);
        var t = obj.CType.Canonical;
        if (t.Kind == TypeKind.ConstantArray) return Element(obj, binding.Index, at);
        if (t.Kind == TypeKind.Record && _types.VectorOf(t) is null)
        {
            var decl = t.Declaration;
            bool std = InStandardLibrary(decl);
            var fields = Records.Fields(t).Where(f => !(f.IsBitField && f.Spelling.Length == 0)).ToList();
            if (std && decl.Spelling == "array" && fields.Count == 1)
                return Element(FieldOf(obj, fields[0], at), binding.Index, at);
            if (std ? decl.Spelling == "pair" : !UserDefinesTupleProtocol() && !Records.HasBases(t))
                if (binding.Index < fields.Count) return FieldOf(obj, fields[binding.Index], at);
        }
        throw Unsupported(Codes.UnsupportedDeclaration, at,
            $"a structured binding of '{obj.CType.Spelling}' is not translated (only arrays, std::array, std::pair and classes whose members are bound in order)");
    }

    private MemoryOperand Element(Operand array, int index, SourceLocation at)
    {
        var type = (ArrayType)array.Type;
        return new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(AddressOf(array, at), at), new IntLit(at, index, null)),
            array.CType.Canonical.ArrayElement, type.Element);
    }

    /// <summary>Data member <paramref name="field"/> of the object <paramref name="owner"/> (a place).</summary>
    private Operand FieldOf(Operand owner, Cursor field, SourceLocation at)
    {
        if (_types.IsStorage(owner.CType)) return StorageMember(owner, field, field.FieldOffsetBits, field.Type, at);
        return new MemoryOperand(new StructPtrAddExpr(at, AddressOf(owner, at), Records.FieldName(field)), field.Type, _types.Map(field.Type, at));
    }

    /// <summary>Whether the user's code specializes std::tuple_size (then some class binds through get&lt;i&gt;, not members).</summary>
    private bool UserDefinesTupleProtocol()
    {
        foreach (var ns in _function.TranslationUnitRoot.Children)
            if (ns.Kind == CursorKind.Namespace && ns.Spelling == "std" && !_source.IsLibrary(ns)
                && ns.Children.Any(c => c.Spelling == "tuple_size"))
                return true;
        return false;
    }
}
