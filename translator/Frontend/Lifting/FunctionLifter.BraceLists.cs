using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Brace lists as C++ aggregate initialization defines them (<see cref="Records.InitializedMembers"/>): designated
/// members, members left out (their default member initializers, else value-initialized), elided braces of array
/// members, and the objects only reachable by offset (unions, classes with bit-fields), built in zeroed temporaries.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>Elements stored into an array place one by one; those the list leaves out are value-initialized.</summary>
    private List<Stmt> InitializeArray(Operand place, IReadOnlyList<Cursor> elements, SourceLocation at)
    {
        var arrayType = (ArrayType)place.Type;
        var address = AddressOf(place, at);
        var elementCType = place.CType.Canonical.ArrayElement;
        if (BraceElision.ElidesBraces(place.CType, elements))
            return InitializeRegrouped(place, BraceElision.Regroup(place.CType, elements)
                ?? throw Unsupported(Codes.UnsupportedExpression, at, Records.ElidedElementBracesReason(elementCType)), at);
        if (elements.Count > arrayType.Length)
            throw Unsupported(Codes.UnsupportedExpression, at, $"a brace list of {elements.Count} elements for an array of {arrayType.Length} is not translated");
        var list = new List<Stmt>();
        for (int i = 0; i < elements.Count; i++)
        {
            if (Records.IsArrayDesignated(elements[i]))
                throw Unsupported(Codes.UnsupportedExpression, Locate(elements[i]), "an array designator ('[N] = value') is not translated");
            var slot = new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(address, at), new IntLit(at, i, null)), elementCType, arrayType.Element);
            list.AddRange(Initialize(slot, elements[i], at));
        }
        if (elements.Count < arrayType.Length)
            list.Add(ZeroFill(address, elements.Count, arrayType, elementCType, at)); // C++: the rest are value-initialized
        return list;
    }

    /// <summary>A member from its initializer, or an array member from the elements its elided braces held.</summary>
    private IEnumerable<Stmt> InitializeMember(Operand place, Records.MemberInit member, SourceLocation at) =>
        member.Elided is { } elements ? InitializeArray(place, elements, at) : Initialize(place, member.Value, at);

    /// <summary>The members a brace list sets, by member (<see cref="Records.InitializedMembers"/>), or TR0404.</summary>
    private Dictionary<Cursor, Records.MemberInit> InitializedMembers(Cursor list, SourceLocation at) =>
        (Records.InitializedMembers(list, list.Type) ?? throw RefusedBraceList(list, at)).ToDictionary(m => m.Field);

    private LiftException RefusedBraceList(Cursor list, SourceLocation at) => Unsupported(Codes.UnsupportedExpression, at,
        $"this brace initializer of '{list.Type.Spelling}' (more elements than members, braces left out around a class or a nested array, or a designator naming a nested member or an array element) is not translated");

    /// <summary>
    /// A brace list of a union or a class with bit-fields: a temporary zeroed (C++ value-initializes what the list
    /// leaves out, and a union's other bytes) and the members given stored into it, in order.
    /// </summary>
    private Operand StorageFromList(Cursor list, StructType type, SourceLocation at)
    {
        var given = Records.InitializedMembers(list, list.Type) ?? throw RefusedBraceList(list, at);
        var (obj, stmts) = ZeroedTemporary(list.Type, type, at);
        foreach (var member in given)
            stmts.AddRange(InitializeMember(StorageMember(obj, member.Field, member.Field.FieldOffsetBits, member.Field.Type, at), member, Locate(member.Value)));
        if (!TypeMapper.IsUnion(list.Type)) // a class's members left out take their default member initializers
            foreach (var field in Records.Fields(list.Type).Where(f => !given.Any(g => g.Field.Equals(f)) && ModuleLifter.InitializerOf(f) is not null))
                stmts.Add(Assign(StorageMember(obj, field, field.FieldOffsetBits, field.Type, at), OmittedMember(field, at), at));
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), new LoadExpr(at, obj.Address)), list.Type, type);
    }

    /// <summary>The zero of a struct no <c>make</c> builds (a union, a class with bit-fields or with array members): a
    /// temporary with all its bytes zeroed.</summary>
    private Expr ZeroStorage(ClangType ctype, StructType type, SourceLocation at)
    {
        var (obj, stmts) = ZeroedTemporary(ctype, type, at);
        return new BeginExpr(at, new Block(at, stmts), new LoadExpr(at, obj.Address));
    }

    /// <summary>A temporary of the given type (declared at the function's top) and the statements that zero all its bytes.</summary>
    private (MemoryOperand Object, List<Stmt> Zeroing) ZeroedTemporary(ClangType ctype, IrType type, SourceLocation at)
    {
        string tmp = NewTemp();
        _hoisted.Add(new DeclareStmt(at, tmp, type));
        var obj = new MemoryOperand(new PtrToExpr(at, tmp), ctype, type);
        long size = ctype.Canonical.SizeOf, align = ctype.Canonical.AlignOf;
        long wordBytes = 8;
        while (wordBytes > 1 && (size % wordBytes != 0 || align < wordBytes)) wordBytes /= 2;
        var word = IntegerOfBytes(wordBytes);
        var words = new CastExpr(at, CastOp.Bitcast, obj.Address, new PointerType(word, AddressSpace.Generic));
        string i = NewTemp();
        var store = new ExprStmt(at, new StoreExpr(at, new PtrAddExpr(at, words, new VarRef(at, i)), Literal(0, word, at)));
        var loop = new ForStmt(at, new SetStmt(at, i, Literal(0, IrType.Int64, at)),
            new BinaryExpr(at, BinaryOp.Lt, new VarRef(at, i), Literal(size / wordBytes, IrType.Int64, at)),
            new SetStmt(at, i, new BinaryExpr(at, BinaryOp.Add, new VarRef(at, i), Literal(1, IrType.Int64, at))),
            new Block(at, [store]));
        return (obj, [new DeclareStmt(at, i, IrType.Int64), loop]);
    }

    /// <summary>
    /// A member a brace list leaves out (C++ aggregate initialization): its default member initializer (<c>int b = 5;</c>),
    /// else value-initialized. The initializer is lifted where the list is, so one that reads other members through
    /// an implicit <c>this</c> is refused.
    /// </summary>
    private Expr OmittedMember(Cursor field, SourceLocation at)
    {
        if (ModuleLifter.InitializerOf(field) is not { } init) return ValueInitialized(field.Type, _types.Map(field.Type, at), at);
        if (ReadsImplicitThis(init))
            throw Unsupported(Codes.UnsupportedExpression, at, $"member '{field.Spelling}' left out of this brace list has a default initializer that reads other members; it is not translated here");
        if (init.Kind == CursorKind.InitListExpr || StripTransparent(init).Kind == CursorKind.InitListExpr)
            return Read(Lift(init), at);
        return Read(ConvertOperand(Lift(init), field.Type, at), at);
    }

    private static bool ReadsImplicitThis(Cursor e) =>
        e.Kind == CursorKind.CXXThisExpr || e.Kind == CursorKind.MemberRefExpr && e.Children.Count == 0 || e.Children.Any(ReadsImplicitThis);

    /// <summary>
    /// C++ value-initialization (<c>T{}</c> of an omitted member or array element): zero, except a class whose default
    /// construction sets members (default member initializers) is built in a zeroed temporary by those, and a class whose
    /// own default constructor does something is made by it (<see cref="DefaultConstructorThatRuns"/>).
    /// </summary>
    private Expr ValueInitialized(ClangType ctype, IrType type, SourceLocation at)
    {
        if (DefaultConstructorThatRuns(ctype, at) is { } constructor) return DefaultConstruction(constructor, ctype, type, at);
        if (ctype.Canonical.Kind != TypeKind.Record || _types.VectorOf(ctype) is not null || !HasDefaultInitialization(ctype))
            return ZeroOf(ctype, type, at);
        var (obj, stmts) = ZeroedTemporary(ctype, type, at);
        stmts.AddRange(FieldInitializers(ctype, obj.Address, new Dictionary<Cursor, Cursor>(), at));
        return new BeginExpr(at, new Block(at, stmts), new LoadExpr(at, obj.Address));
    }

    /// <summary>Whether <paramref name="t"/> is <c>std::initializer_list&lt;T&gt;</c>.</summary>
    private bool IsInitializerList(ClangType t) =>
        t.Canonical.Declaration is { IsNull: false } d && d.Spelling == "initializer_list" && d.SemanticParent.Spelling == "std" && _source.IsLibrary(d);

    /// <summary>The brace list of array type under the temporary clang materializes for a <c>std::initializer_list</c>, or null.</summary>
    private static Cursor? BraceListUnder(Cursor e) =>
        BracedList(e) is { } list && list.Type.Canonical.Kind == TypeKind.ConstantArray ? list : null;

    /// <summary>
    /// A <c>std::initializer_list&lt;T&gt;</c> made from a brace list (<c>std::min({a, b, c})</c>, a range-for over
    /// <c>{x, y}</c> passed on): the elements in a hidden array of the function (C++'s backing array lives to the end of
    /// the full expression; this one longer), and the list the address of its first element and its length, the two
    /// members libstdc++'s class has. Another layout is refused.
    /// </summary>
    private Operand InitializerListOf(Cursor e, Cursor list, SourceLocation at)
    {
        var fields = Records.Fields(e.Type);
        var type = _types.Map(e.Type, at) as StructType;
        if (type is null || fields.Count != 2 || fields[0].Type.Canonical.Kind != TypeKind.Pointer || !_types.Map(fields[1].Type, at).IsInteger)
            throw Unsupported(Codes.UnsupportedExpression, at, $"'{e.Type.Spelling}' of this standard library (not a pointer and a length) is not translated");
        var (first, length) = (fields[0], fields[1]);
        var arrayType = _types.Map(list.Type, at);
        var array = new MemoryOperand(new PtrToExpr(at, HoistedTemp(arrayType, at)), list.Type, arrayType);
        var stmts = Initialize(array, list, at).ToList();
        var pointer = (Expr)new ArrayPtrAddExpr(at, ArrayBase(array.Address, at), new IntLit(at, 0, null));
        var pointerType = _types.Map(first.Type, at);
        if (pointerType != new PointerType(((ArrayType)arrayType).Element, AddressSpace.Generic))
            pointer = new CastExpr(at, CastOp.Bitcast, pointer, pointerType);
        var members = _types.WithPadding(type, [pointer, Literal(list.Type.Canonical.ArraySize, _types.Map(length.Type, at), at)], t => Literal(0, t, at));
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), new MakeExpr(at, type, members)), e.Type, type);
    }
}
