using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// <c>for (decl : range)</c> as C++ defines it, with the iterators pointers: <c>for (T *it = begin, *end = …; it != end;
/// ++it) { decl = *it; body }</c>. The range is an array, a braced list (its elements in a local array) or an object
/// whose <c>begin()</c> and <c>end()</c> return pointers. The loop variable's initializer is lifted as clang wrote it,
/// reading clang's own iterator variable (<c>__begin1</c>), which names <c>it</c> here; so references, copies and
/// conversions of the element are the declaration's own. Iterators of class type are refused (TR0403).
/// </summary>
internal sealed partial class FunctionLifter
{
    private Stmt LiftRangeFor(Cursor s, SourceLocation at)
    {
        if (s.Children is not [{ Kind: CursorKind.VarDecl } variable, var range, var body])
            throw Unsupported(Codes.UnsupportedStatement, at, "a range-based for with an init-statement is not translated");
        var iterator = IteratorVariable(variable);
        if (iterator is not { } begin || begin.Type.Canonical.Kind != TypeKind.Pointer)
            throw Unsupported(Codes.UnsupportedStatement, at,
                "a range-based for whose iterators are not pointers (a class with its own iterator type) is not translated");
        var outer = new List<Stmt>();
        var (first, end) = RangeBounds(range, begin, at);
        var it = DeclareLocal(begin, NewTemp());
        string last = NewTemp();
        outer.Add(new DeclareStmt(at, it.Name, it.Type));
        outer.Add(new SetStmt(at, it.Name, first));
        outer.Add(new DeclareStmt(at, last, it.Type));
        outer.Add(new SetStmt(at, last, end(new VarRef(at, it.Name))));
        var bodyAt = Locate(body);
        var statements = InScope(ScopeKind.Loop, bodyAt, () => InScope(ScopeKind.Block, bodyAt, () =>
        {
            var list = new List<Stmt> { new LocStmt(Locate(variable), Locate(variable)) };
            list.AddRange(LiftVariable(variable, Locate(variable)));
            list.Add(BodyBlock(body));
            return list;
        }));
        outer.Add(new ForStmt(at, null,
            new BinaryExpr(at, BinaryOp.Ne, new VarRef(at, it.Name), new VarRef(at, last)),
            new SetStmt(at, it.Name, new PtrAddExpr(at, new VarRef(at, it.Name), Literal(1, IrType.Int64, at))),
            new Block(bodyAt, statements)));
        return new Block(at, outer);
    }

    /// <summary>clang's iterator variable, which the loop variable's initializer (<c>*__begin1</c>) reads.</summary>
    private static Cursor? IteratorVariable(Cursor variable)
    {
        for (var e = variable.Children.FirstOrDefault(c => c.IsExpression); !e.IsNull && e.Kind != 0; e = e.Children.FirstOrDefault())
            if (e.Kind == CursorKind.DeclRefExpr) return e.Referenced;
        return null;
    }

    /// <summary>The first element's address, and the end as a function of the first (one past the last element).</summary>
    private (Expr First, Func<Expr, Expr> End) RangeBounds(Cursor range, Cursor begin, SourceLocation at)
    {
        var pointer = begin.Type;
        var rangeType = range.Type.Canonical.IsReference ? range.Type.Canonical.Pointee.Canonical : range.Type.Canonical;
        if (rangeType.Kind == TypeKind.ConstantArray)
        {
            var first = Read(ConvertOperand(Lift(range), pointer, at), at);
            long count = rangeType.ArraySize;
            return (first, it => new PtrAddExpr(at, it, Literal(count, IrType.Int64, at)));
        }
        if (BracedList(range) is { } list)
        {
            // The list's elements live in a local array for the loop's duration, as C++'s backing array does.
            var elements = list.Children;
            string name = HoistedTemp(new ArrayType(elements.Count, _types.Map(pointer.Canonical.Pointee, at)), at);
            var stores = new List<Stmt>();
            for (int i = 0; i < elements.Count; i++)
                stores.Add(new ExprStmt(at, new StoreExpr(at, new ArrayPtrAddExpr(at, new VarRef(at, name), Literal(i, IrType.Int64, at)),
                    Read(ConvertOperand(Lift(elements[i]), pointer.Canonical.Pointee, at), at))));
            var first = new BeginExpr(at, new Block(at, stores), new ArrayPtrAddExpr(at, new VarRef(at, name), Literal(0, IrType.Int64, at)));
            return (first, it => new PtrAddExpr(at, it, Literal(elements.Count, IrType.Int64, at)));
        }
        if (IsInitializerList(rangeType))
        {
            // A std::initializer_list object (a parameter, a variable): its two members, the first element's address and
            // the length (InitializerListOf), read from one copy of it, as C++ binds the range once.
            var type = (StructType)_types.Map(rangeType, at);
            var fields = Records.Fields(rangeType).Select(Records.FieldName).ToList();
            string copy = HoistedTemp(type, at);
            var first = new BeginExpr(at, new Block(at, [new SetStmt(at, copy, Read(Lift(range), at))]),
                new ExtractValueExpr(at, new VarRef(at, copy), fields[0]));
            return (first, it => new PtrAddExpr(at, it, new ExtractValueExpr(at, new VarRef(at, copy), fields[1])));
        }
        if (rangeType.Kind == TypeKind.Record && begin.Children.FirstOrDefault(c => c.Kind == CursorKind.CallExpr) is { IsNull: false } call
            && call.Referenced is { Kind: CursorKind.CXXMethod } beginMethod)
        {
            var endMethod = EndMethod(rangeType, beginMethod, at);
            if (endMethod.IsNull || endMethod.Kind == 0 || endMethod.ResultType.Canonical.Spelling != beginMethod.ResultType.Canonical.Spelling)
                throw Unsupported(Codes.UnsupportedStatement, at, $"'{range.Type.Spelling}' has no end() that matches its begin(); this range-based for is not translated");
            var stmts = new List<Stmt>();
            var place = Stabilize(Lift(range), stmts, at);
            var first = new BeginExpr(at, new Block(at, stmts), CallMethod(beginMethod, place, at));
            return (first, _ => CallMethod(endMethod, place, at));
        }
        throw Unsupported(Codes.UnsupportedStatement, at,
            $"a range-based for over '{range.Type.Spelling}' is not translated (arrays, braced lists and classes whose begin() and end() are members returning pointers are)");
    }

    /// <summary>The <c>end()</c> of the range's class that matches <paramref name="begin"/> (as const), or a null cursor; of an
    /// implicit instantiation (<c>std::array&lt;float, 4&gt;</c>), whose members libclang does not show, the instantiated one.</summary>
    private Cursor EndMethod(ClangType rangeType, Cursor begin, SourceLocation at)
    {
        bool IsEnd(Cursor m) => m.Kind == CursorKind.CXXMethod && m.Spelling == "end" && m.ArgumentCount == 0 && m.IsConstMethod == begin.IsConstMethod;
        var declared = begin.SemanticParent.Children.FirstOrDefault(IsEnd);
        if (!declared.IsNull && declared.Kind != 0) return declared;
        return ModuleLifter.MemberlessPattern(rangeType) is { } pattern && pattern.Children.FirstOrDefault(IsEnd) is { IsNull: false, Kind: not 0 } written
            ? _module.InstantiatedMember(rangeType.Canonical.Declaration.Type, written, at) : declared; // the class, without const
    }

    /// <summary>A call of a method without arguments on the object at <paramref name="place"/>.</summary>
    private Expr CallMethod(Cursor method, Operand place, SourceLocation at)
    {
        if (_source.IsLibrary(method) && !IsDefinedInOurHeaders(method) && !IsDeviceCallableStandardLibrary(method))
            throw Unsupported(Codes.UnsupportedStatement, at, $"a range-based for over a library class ('{method.SemanticParent.Spelling}') is not translated");
        var target = _module.Request(method);
        _pending.Uses.Add(target);
        return new CallExpr(at, target.Name, [ThisFor(AddressOf(place, at), place.CType, method.SemanticParent.Type, at)]);
    }

    /// <summary>The braced list a <c>std::initializer_list</c> range is made from, or null.</summary>
    private static Cursor? BracedList(Cursor range)
    {
        var e = range;
        while (e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr && e.Children is [var inner]) e = inner;
        return e.Kind == CursorKind.InitListExpr ? e : null;
    }
}
