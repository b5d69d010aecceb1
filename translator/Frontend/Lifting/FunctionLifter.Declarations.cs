using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

internal sealed partial class FunctionLifter
{
    private IEnumerable<Stmt> LiftDeclarations(Cursor declStmt)
    {
        var list = new List<Stmt>();
        foreach (var d in declStmt.Children)
        {
            var at = Locate(d);
            switch (d.Kind)
            {
                case CursorKind.VarDecl:
                    list.AddRange(LiftVariable(d, at));
                    break;
                case CursorKind.StaticAssert or CursorKind.TypedefDecl or CursorKind.TypeAliasDecl or CursorKind.UsingDeclaration
                    or CursorKind.UsingDirective or CursorKind.EnumDecl or CursorKind.StructDecl or CursorKind.ClassDecl:
                    break; // compile-time only
                default:
                    throw Unsupported(Codes.UnsupportedDeclaration, at, $"local declaration '{d.Kind}' is not translated");
            }
        }
        return list;
    }

    private IEnumerable<Stmt> LiftVariable(Cursor v, SourceLocation at)
    {
        if (ModuleLifter.Has(v, CursorKind.CUDASharedAttr))
        {
            var type = _types.Map(v.Type, at);
            _locals[v.Canonical] = new Local(v.Spelling, type, v.Type, InMemory: true, IsReference: false);
            return [new SharedStmt(at, new SharedDef(at, v.Spelling, type))];
        }
        if (v.StorageClass is StorageClass.Static or StorageClass.Extern)
        {
            if (v.Type.IsConst && v.Evaluate() is not null) return []; // a named constant: every use folds
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"static local variable '{v.Spelling}' is not translated");
        }
        var local = DeclareLocal(v, v.Spelling);
        var list = new List<Stmt> { new DeclareStmt(at, local.Name, local.Type) };
        var init = ModuleLifter.InitializerOf(v);
        if (init is not { } e) return list;
        if (local.IsReference)
        {
            list.Add(new SetStmt(at, local.Name, AddressOf(Lift(e), at)));
            return list;
        }
        var place = PlaceOf(local, at);
        list.AddRange(Initialize(place, e, at));
        return list;
    }

    /// <summary>Stores an initializer into a place: element by element for brace lists of arrays.</summary>
    private IEnumerable<Stmt> Initialize(Operand place, Cursor init, SourceLocation at)
    {
        var e = StripTransparent(init);
        if (e.Kind == CursorKind.InitListExpr && place.Type is ArrayType arrayType)
        {
            var address = AddressOf(place, at);
            var elements = e.Children;
            var elementCType = place.CType.Canonical.ArrayElement;
            var list = new List<Stmt>();
            for (int i = 0; i < elements.Count && i < arrayType.Length; i++)
            {
                var slot = new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(address, at), new IntLit(at, i, null)), elementCType, arrayType.Element);
                list.AddRange(Initialize(slot, elements[i], at));
            }
            if (elements.Count < arrayType.Length)
                list.Add(ZeroFill(address, elements.Count, arrayType, elementCType, at)); // C++: the rest are zero
            return list;
        }
        if (e.Kind == CursorKind.StringLiteral && place.Type is ArrayType)
            throw Unsupported(Codes.UnsupportedDeclaration, at, "a char array initialized from a string literal is not translated");
        if (IsTrivialConstruction(e)) return [];
        // Elements of a brace list come without their conversion to the element type (see LiftInitList).
        return [Assign(place, Read(ConvertOperand(Lift(init), place.CType, at), at), at)];
    }

    /// <summary>A default constructor call that does nothing (a struct declared without an initializer).</summary>
    private static bool IsTrivialConstruction(Cursor e) =>
        e.Kind == CursorKind.CallExpr && e.Referenced.Kind == CursorKind.Constructor && e.ArgumentCount == 0
        && e.Referenced.Children.All(c => c.Kind != CursorKind.CompoundStmt || c.Children.Count == 0);

    /// <summary>Implicit nodes that neither convert nor compute (ExprWithCleanups, materialized temporaries …) are looked through.</summary>
    private static Cursor StripTransparent(Cursor e)
    {
        while (e.Kind is CursorKind.UnexposedExpr && e.Children.Count == 1 && e.Children[0].IsExpression
               && e.Children[0].Type.Canonical.Spelling == e.Type.Canonical.Spelling)
            e = e.Children[0];
        return e;
    }

    /// <summary>A loop storing zero into elements [from, length) of an array (nested arrays element by element).</summary>
    private Stmt ZeroFill(Expr arrayAddress, long from, ArrayType arrayType, ClangType elementCType, SourceLocation at)
    {
        string i = NewTemp();
        var slot = new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(arrayAddress, at), new VarRef(at, i)), elementCType, arrayType.Element);
        Stmt body = arrayType.Element is ArrayType inner
            ? ZeroFill(slot.Address, 0, inner, elementCType.Canonical.ArrayElement, at)
            : Assign(slot, ZeroOf(elementCType, arrayType.Element, at), at);
        var loop = new ForStmt(at, new SetStmt(at, i, Literal(from, IrType.Int64, at)),
            new BinaryExpr(at, BinaryOp.Lt, new VarRef(at, i), Literal(arrayType.Length, IrType.Int64, at)),
            new SetStmt(at, i, new BinaryExpr(at, BinaryOp.Add, new VarRef(at, i), Literal(1, IrType.Int64, at))),
            new Block(at, [body]));
        return new Block(at, [new DeclareStmt(at, i, IrType.Int64), loop]);
    }

    private Expr ZeroOf(ClangType ctype, IrType type, SourceLocation at) => type switch
    {
        _ when type.IsBool => new BoolLit(at, false),
        _ when type.IsInteger => Literal(0, type, at),
        _ when type.IsFloat => FloatLiteral(0, type, at),
        PointerType p => new NullLit(at, p),
        _ => throw Unsupported(Codes.UnsupportedDeclaration, at, $"zero-initializing '{ctype.Spelling}' is not translated"),
    };

    /// <summary>The place a local lives: its name, its memory, or (for references) what it refers to.</summary>
    private Operand PlaceOf(Local local, SourceLocation at)
    {
        if (local.IsReference)
        {
            var target = local.CType.Canonical.Pointee;
            return new MemoryOperand(new VarRef(at, local.Name), target, _types.Map(target, at));
        }
        if (local.InMemory) return new MemoryOperand(new PtrToExpr(at, local.Name), local.CType, local.Type);
        return new VariableOperand(local.Name, local.CType, local.Type);
    }
}
