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
                case CursorKind.UnexposedDecl when IsDecomposition(d):
                    list.AddRange(LiftDecomposition(d, at));
                    break;
                case CursorKind.StaticAssert or CursorKind.TypedefDecl or CursorKind.TypeAliasDecl or CursorKind.UsingDeclaration
                    or CursorKind.UsingDirective or CursorKind.NamespaceAlias or CursorKind.EnumDecl or CursorKind.StructDecl or CursorKind.ClassDecl
                    or CursorKind.UnionDecl:
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
            if (IsSharedNamedInLambda(v))
            {
                _module.RequestGlobal(v, at);
                return [];
            }
            var type = _types.Map(v.Type, at);
            _locals[v.Canonical] = new Local(v.Spelling, type, v.Type, InMemory: true, IsReference: false);
            return [new SharedStmt(at, new SharedDef(at, v.Spelling, type))];
        }
        if (v.StorageClass is StorageClass.Static or StorageClass.Extern)
        {
            if (v.Type.IsConst && v.Evaluate() is not null) return []; // a named constant: every use folds
            if (v.StorageClass == StorageClass.Extern)
                throw Unsupported(Codes.UnsupportedDeclaration, at, $"local extern declaration '{v.Spelling}' is not translated");
            // A static local is a global initialized once, before the program runs (its initializer must fold).
            _module.RequestGlobal(v, at);
            return [];
        }
        var local = DeclareLocal(v, v.Spelling);
        var list = new List<Stmt> { new DeclareStmt(at, local.Name, local.Type) };
        var init = ModuleLifter.InitializerOf(v);
        if (init is not { } e)
        {
            RegisterDestruction(local, v.Type, at);
            return list;
        }
        if (local.IsReference)
        {
            list.Add(new SetStmt(at, local.Name, AddressOfOrTemporary(Lift(e), at))); // a temporary lives as long as the reference
            return list;
        }
        var place = PlaceOf(local, at);
        // A const scalar clang evaluates (`constexpr int k = cilog2(N);`): its value, not the call, which every use folds to
        // anyway; lifting the call would request a constexpr function OpenCL C cannot have (recursion, TR0504).
        if (v.Type.IsConst && local.Type is ScalarType && Constant(e, at, v) is { } folded)
        {
            list.Add(Assign(place, Read(ConvertOperand(folded, v.Type, at), at), at));
            return list;
        }
        list.AddRange(Initialize(place, e, at));
        RegisterDestruction(local, v.Type, at);
        return list;
    }

    /// <summary>Stores an initializer into a place: element by element for brace lists of arrays.</summary>
    private IEnumerable<Stmt> Initialize(Operand place, Cursor init, SourceLocation at)
    {
        MarkInPlace(init);
        // A reference member is a pointer in its object: binding it stores the address of what it refers to.
        if (place.CType.Canonical.IsReference)
            return [new ExprStmt(at, new StoreExpr(at, AddressOf(place, at), AddressOfOrTemporary(Lift(init), at)))];
        var e = StripTransparent(init);
        if (e.Kind == CursorKind.InitListExpr && place.Type is ArrayType)
            return InitializeArray(place, e.Children, at);
        if (e.Kind == CursorKind.InitListExpr && place.Type is StructType structType && ArrayMembersInitialized(e, place.CType, structType) is { } fields)
        {
            // A struct holding an array (`Row r{{1, 2, 3, 4}}`): member by member, as arrays are not values on every target.
            var address = AddressOf(place, at);
            var given = InitializedMembers(e, at);
            var list = new List<Stmt>();
            for (int i = 0; i < fields.Count; i++)
            {
                var slot = new MemoryOperand(new StructPtrAddExpr(at, address, Records.FieldName(fields[i])), fields[i].Type, _types.Map(fields[i].Type, at));
                if (given.TryGetValue(fields[i], out var member)) list.AddRange(InitializeMember(slot, member, at));
                else if (ModuleLifter.InitializerOf(fields[i]) is null && slot.Type is ArrayType leftOut)
                    list.Add(ZeroFill(slot.Address, 0, leftOut, fields[i].Type.Canonical.ArrayElement, at));
                else list.Add(Assign(slot, OmittedMember(fields[i], at), at));
            }
            return list;
        }
        if (e.Kind == CursorKind.StringLiteral && place.Type is ArrayType chars)
            return InitializeFromString(place, e, chars, at);
        if (IsEmptyDefaultConstructorCall(e) && IsValueInitialization(e))
            return [Assign(place, ValueInitialized(e.Type, place.Type, at), at)];
        if (IsEmptyDefaultConstructorCall(e) && e.Type.Canonical.Kind == TypeKind.Record && _types.VectorOf(e.Type) is null && HasDefaultInitialization(e.Type))
            return FieldInitializers(e.Type, AddressOf(place, at), new Dictionary<Cursor, Cursor>(), at);
        if (IsTrivialConstruction(e)) return [];
        // Elements of a brace list come without their conversion to the element type (see LiftInitList).
        return [Assign(place, Read(ElementValue(init, place.CType, at), at), at)];
    }

    /// <summary><c>char s[] = "abc";</c>: the characters and the terminating zero stored one by one, the rest zero (as C++).</summary>
    private List<Stmt> InitializeFromString(Operand place, Cursor literal, ArrayType array, SourceLocation at)
    {
        // libclang spells a string literal as clang prints it: one quoted literal, escapes for what is not printable.
        var bytes = array.Element == IrType.Int8 ? StringLiteralBytes(literal.Spelling) : null;
        if (bytes is null || bytes.Count > array.Length) // C++ lets the terminating zero alone fall off
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"a char array initialized from the string literal {literal.Spelling} is not translated (wide or unusual literal)");
        var address = AddressOf(place, at);
        var list = new List<Stmt>();
        for (int i = 0; i < array.Length; i++)
        {
            int ch = i < bytes.Count ? (sbyte)bytes[i] : 0;
            var slot = new ArrayPtrAddExpr(at, ArrayBase(address, at), new IntLit(at, i, null));
            list.Add(new ExprStmt(at, new StoreExpr(at, slot, Literal(ch, IrType.Int8, at))));
        }
        return list;
    }

    /// <summary>The bytes of a plain quoted C string literal (escapes decoded), or null for any other spelling.</summary>
    private static List<byte>? StringLiteralBytes(string spelling)
    {
        if (spelling.Length < 2 || spelling[0] != '"' || spelling[^1] != '"') return null;
        var bytes = new List<byte>();
        for (int i = 1; i < spelling.Length - 1; i++)
        {
            char c = spelling[i];
            if (c > 0x7f) return null;
            if (c != '\\') { bytes.Add((byte)c); continue; }
            if (++i >= spelling.Length - 1) return null;
            c = spelling[i];
            int simple = c switch { 'n' => 10, 't' => 9, 'r' => 13, 'a' => 7, 'b' => 8, 'f' => 12, 'v' => 11, '\\' or '"' or '\'' or '?' => c, _ => -1 };
            if (simple >= 0) { bytes.Add((byte)simple); continue; }
            int value = 0, digits = 0;
            if (c is >= '0' and <= '7')
            {
                for (; digits < 3 && i < spelling.Length - 1 && spelling[i] is >= '0' and <= '7'; i++, digits++) value = value * 8 + (spelling[i] - '0');
                i--;
            }
            else if (c == 'x')
            {
                for (i++; i < spelling.Length - 1 && Uri.IsHexDigit(spelling[i]); i++, digits++) value = value * 16 + System.Convert.ToInt32(spelling[i].ToString(), 16);
                i--;
            }
            if (digits == 0 || value > 0xff) return null;
            bytes.Add((byte)value);
        }
        return bytes;
    }

    /// <summary>A default constructor call that does nothing (a struct declared without an initializer): an empty
    /// body, no member initializers, no default member initializers.</summary>
    private bool IsTrivialConstruction(Cursor e) =>
        IsEmptyDefaultConstructorCall(e) && !(e.Type.Canonical.Kind == TypeKind.Record && _types.VectorOf(e.Type) is null && HasDefaultInitialization(e.Type));

    /// <summary>
    /// <c>T()</c> or <c>T{}</c> (C++ value-initialization: zero first), not the default-initialization of <c>T t;</c>
    /// (indeterminate), which libclang shows as the same constructor call. The call's source ends with the parentheses
    /// or braces only in the first; a class's own <c>T() {}</c> need not zero, but zero is one of its indeterminate
    /// values, so such a call zeroes too. Read from the tokens: in a template instantiation the call has no children.
    /// </summary>
    private static bool IsValueInitialization(Cursor e) =>
        e.Kind == CursorKind.CallExpr && e.ArgumentCount == 0 && e.Tokens is [.., { Spelling: ")" or "}" }];

    /// <summary>Implicit nodes that neither convert nor compute (ExprWithCleanups, materialized temporaries …) are looked through.</summary>
    private static Cursor StripTransparent(Cursor e)
    {
        while (e.Kind is CursorKind.UnexposedExpr && e.Children.Count == 1 && e.Children[0].IsExpression
               && e.Children[0].Type.Canonical.Spelling == e.Type.Canonical.Spelling)
            e = e.Children[0];
        return e;
    }

    /// <summary>The fields a brace list initializes one by one: those of a plain struct (no bases, not a union nor with bit-fields, its C++ fields
    /// its IR fields) with an array member; else null.</summary>
    private IReadOnlyList<Cursor>? ArrayMembersInitialized(Cursor list, ClangType ctype, StructType type)
    {
        var fields = Records.Fields(ctype);
        bool plain = _types.VectorOf(ctype) is null && !_types.IsStorage(ctype) && _types.MemberCount(type) == fields.Count
            && ctype.Canonical.Declaration.Kind is CursorKind.StructDecl or CursorKind.ClassDecl;
        return plain && fields.Any(f => f.Type.Canonical.Kind == TypeKind.ConstantArray) ? fields : null;
    }

    /// <summary>A loop storing zero into elements [from, length) of an array (nested arrays element by element).</summary>
    private Stmt ZeroFill(Expr arrayAddress, long from, ArrayType arrayType, ClangType elementCType, SourceLocation at)
    {
        string i = NewTemp();
        var slot = new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(arrayAddress, at), new VarRef(at, i)), elementCType, arrayType.Element);
        Stmt body = arrayType.Element is ArrayType inner
            ? ZeroFill(slot.Address, 0, inner, elementCType.Canonical.ArrayElement, at)
            : Assign(slot, ValueInitialized(elementCType, arrayType.Element, at), at);
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
        StructType s when _types.IsStorage(ctype) => ZeroStorage(ctype, s, at),
        VectorType or StructType when ZeroMembers(ctype, type, at) is { } members => new MakeExpr(at, type, members),
        StructType s => ZeroStorage(ctype, s, at), // members not one IR value each (arrays): its bytes zeroed
        _ => throw Unsupported(Codes.UnsupportedDeclaration, at, $"zero-initializing '{ctype.Spelling}' is not translated"),
    };

    /// <summary>Zeros of each member of a struct or vector type, or null when its C++ fields are not its IR fields one to
    /// one or one is an array (not a value on every target).</summary>
    private List<Expr>? ZeroMembers(ClangType ctype, IrType type, SourceLocation at)
    {
        var fields = Records.Fields(ctype);
        int count = type is VectorType v ? v.Length : _types.MemberCount((StructType)type);
        if (fields.Count != count || fields.Any(f => _types.Map(f.Type, at) is ArrayType)) return null;
        var zeros = fields.Select(f => ZeroOf(f.Type, _types.Map(f.Type, at), at)).ToList();
        return type is StructType s ? _types.WithPadding(s, zeros, t => Literal(0, t, at)) : zeros;
    }

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
