using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// <c>new</c> and <c>delete</c>: storage from <c>malloc</c> and back to <c>free</c> (in device code the device heap, as
/// CUDA's device-side <c>new</c>; a null result — the heap exhausted — skips construction and is the value, as for a
/// non-throwing allocation), the object built by its constructor or initializer, and destroyed by its destructor.
/// <c>new T[n]</c> of a class with a user-written destructor stores the element count before the array as the Itanium
/// C++ ABI does (a cookie of max(8, alignof(T)) bytes whose last 8 hold the count) so <c>delete[]</c> can destroy each
/// element, last first; other arrays have no cookie. Placement <c>new (p) T(…)</c> constructs at <c>p</c>.
/// Class-specific <c>operator new</c>/<c>operator delete</c> are TR0404. Deleting an object of a class with a virtual
/// destructor runs its own class's destructor (ModuleLifter.Virtual.cs).
/// </summary>
internal sealed partial class FunctionLifter
{
    private Operand LiftNew(Cursor e, SourceLocation at)
    {
        var tokens = NewTokens(e);
        var pointerCType = e.Type;
        var elementCType = pointerCType.Canonical.Pointee;
        RefuseUnsupportedClass(elementCType, at);
        var pointerType = _types.Map(pointerCType, at) as PointerType
            ?? throw Unsupported(Codes.UnsupportedExpression, at, "this new-expression is not translated");
        var parts = NewExpressionParts.Of(e, tokens);
        var stmts = new List<Stmt>();
        string p = HoistedTemp(pointerType, at);
        if (parts.Placement.Count > 0)
        {
            Cursor? only = parts.Placement.Count == 1 ? parts.Placement[0] : null;
            if (only is not { } arena || arena.Type.Canonical.Kind != TypeKind.Pointer)
                throw Unsupported(Codes.UnsupportedExpression, at, "a new-expression with placement arguments other than one address is not translated");
            stmts.Add(new SetStmt(at, p, new CastExpr(at, CastOp.Bitcast, RValue(arena), pointerType)));
        }
        else
        {
            Expr count = parts.Size is { } sizeExpr ? ToInt64(sizeExpr, at) : Literal(1, IrType.Int64, at);
            string n = HoistedTemp(IrType.Int64, at);
            stmts.Add(new SetStmt(at, n, count));
            long size = elementCType.SizeOf;
            long cookie = parts.Size is not null && HasUserDestruction(elementCType, at) ? Math.Max(8, elementCType.AlignOf) : 0;
            Expr bytes = new BinaryExpr(at, BinaryOp.Add, new BinaryExpr(at, BinaryOp.Mul, new VarRef(at, n), Literal(size, IrType.Int64, at)), Literal(cookie, IrType.Int64, at));
            string raw = HoistedTemp(IrType.BytePtr, at);
            stmts.Add(new SetStmt(at, raw, new CallExpr(at, "malloc", [bytes])));
            if (cookie > 0)
            {
                // The count in the cookie's last 8 bytes, the array after the cookie; a null allocation stays null.
                var countSlot = new CastExpr(at, CastOp.Bitcast, new PtrAddExpr(at, new VarRef(at, raw), Literal(cookie - 8, IrType.Int64, at)), new PointerType(IrType.Int64, AddressSpace.Generic));
                stmts.Add(new IfStmt(at, NotNull(new VarRef(at, raw), at), new Block(at, [
                    new ExprStmt(at, new StoreExpr(at, countSlot, new VarRef(at, n))),
                    new SetStmt(at, raw, new PtrAddExpr(at, new VarRef(at, raw), Literal(cookie, IrType.Int64, at)))]), null));
            }
            stmts.Add(new SetStmt(at, p, new CastExpr(at, CastOp.Bitcast, new VarRef(at, raw), pointerType)));
            if (parts.Size is not null)
            {
                stmts.Add(new IfStmt(at, NotNull(new VarRef(at, p), at), new Block(at, ConstructArray(p, n, elementCType, parts, at)), null));
                return new ValueOperand(new BeginExpr(at, new Block(at, stmts), new VarRef(at, p)), pointerCType, pointerType);
            }
        }
        var element = new MemoryOperand(new VarRef(at, p), elementCType, pointerType.Pointee);
        stmts.Add(new IfStmt(at, NotNull(new VarRef(at, p), at), new Block(at, ConstructOne(element, parts, at)), null));
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), new VarRef(at, p)), pointerCType, pointerType);
    }

    /// <summary>A new- or delete-expression's tokens. In a class template's instantiation clang keeps only its first token as its
    /// extent (<c>new T[n]</c> read as <c>new</c> alone made one element: a silent wrong size), so those run to the end of
    /// its last operand then; a closing bracket after it is implied (<see cref="NewExpressionParts"/>).</summary>
    private static IReadOnlyList<Token> NewTokens(Cursor e)
    {
        var tokens = e.Tokens;
        if (tokens.Count > 1) return tokens;
        var operands = e.Children.Where(c => c.IsExpression).ToList();
        return operands.Count == 0 ? tokens : e.TokensThrough(operands[^1]);
    }

    /// <summary><c>delete p;</c> and <c>delete[] p;</c>, which are statements: a null pointer does nothing.</summary>
    private List<Stmt> LiftDelete(Cursor e, SourceLocation at)
    {
        var tokens = NewTokens(e);
        bool array = tokens.Count > 2 && tokens[1].Spelling == "[" || tokens.Count > 3 && tokens[0].Spelling == "::" && tokens[2].Spelling == "[";
        var operand = e.Children.LastOrDefault(c => c.IsExpression);
        if (operand.IsNull) throw Unsupported(Codes.UnsupportedExpression, at, "a delete-expression without an operand is not translated");
        var pointerCType = operand.Type;
        var elementCType = pointerCType.Canonical.Pointee;
        RefuseUnsupportedClass(elementCType, at);
        var pointerType = _types.Map(pointerCType, at) as PointerType
            ?? throw Unsupported(Codes.UnsupportedExpression, at, "delete of a value that is not a pointer is not translated");
        string p = HoistedTemp(pointerType, at);
        var stmts = new List<Stmt> { new SetStmt(at, p, RValue(operand)) };
        var release = new List<Stmt>();
        if (!array && VirtualDestructor(elementCType, at) is { } dispatched)
        {
            // A virtual destructor: the object's own class's destructor runs, through the dispatcher.
            var dispatcher = _module.RequestDispatcher(dispatched);
            _pending.Uses.Add(dispatcher);
            release.Add(new ExprStmt(at, new CallExpr(at, dispatcher.Name, [ThisFor(new VarRef(at, p), elementCType, dispatched.SemanticParent.Type, at)])));
            release.Add(new ExprStmt(at, new CallExpr(at, "free", [new CastExpr(at, CastOp.Bitcast, new VarRef(at, p), IrType.BytePtr)])));
            stmts.Add(new IfStmt(at, NotNull(new VarRef(at, p), at), new Block(at, release), null));
            return stmts;
        }
        var destructor = UserDestructor(elementCType, at);
        Expr storage = new CastExpr(at, CastOp.Bitcast, new VarRef(at, p), IrType.BytePtr);
        if (destructor is { } d && array)
        {
            // delete[]: the count from the cookie new[] wrote, each element destroyed, last first.
            long cookie = Math.Max(8, elementCType.AlignOf);
            storage = new PtrAddExpr(at, storage, Literal(-cookie, IrType.Int64, at));
            var countSlot = new CastExpr(at, CastOp.Bitcast, new PtrAddExpr(at, storage, Literal(cookie - 8, IrType.Int64, at)), new PointerType(IrType.Int64, AddressSpace.Generic));
            release.AddRange(LastToFirst(new LoadExpr(at, countSlot),
                i => [new ExprStmt(at, new CallExpr(at, d, [new PtrAddExpr(at, new VarRef(at, p), i)]))], at));
        }
        else if (destructor is { } one)
            release.Add(new ExprStmt(at, new CallExpr(at, one, [new VarRef(at, p)])));
        release.Add(new ExprStmt(at, new CallExpr(at, "free", [storage])));
        stmts.Add(new IfStmt(at, NotNull(new VarRef(at, p), at), new Block(at, release), null));
        return stmts;
    }

    /// <summary>The one object of a non-array new: its constructor, its initializer, zero for <c>T()</c>, nothing for <c>T</c>.</summary>
    private List<Stmt> ConstructOne(MemoryOperand element, NewExpressionParts parts, SourceLocation at)
    {
        var list = new List<Stmt>();
        if (parts.ValueInitialized) list.Add(ZeroAt(element.Address, element.CType, at));
        if (parts.Initializer is not { } written) return list;
        var init = StripTransparent(written);
        if (init.Kind == CursorKind.CallExpr && init.Referenced.Kind == CursorKind.Constructor && HasBody(init.Referenced) && !IsTrivialConstruction(init))
        {
            list.Add(new ExprStmt(at, ConstructorCallAt(element.Address, init, at)));
            return list;
        }
        list.AddRange(Initialize(element, written, at));
        return list;
    }

    /// <summary>Each element of <c>new T[n]</c>, in order: from the brace list (the rest zero), or default- or value-initialized.</summary>
    private List<Stmt> ConstructArray(string p, string n, ClangType elementCType, NewExpressionParts parts, SourceLocation at)
    {
        var elementType = _types.Map(elementCType, at);
        var list = new List<Stmt>();
        Cursor? init = parts.Initializer is { } written ? StripTransparent(written) : null;
        bool isClass = elementCType.Kind == TypeKind.Record && _types.VectorOf(elementCType) is null;
        if (init is { Kind: CursorKind.InitListExpr } list0)
        {
            if (isClass) throw Unsupported(Codes.UnsupportedExpression, at, "new T[n]{…} of a class type is not translated");
            var items = list0.Children;
            list.Add(ForEachElement(n, at, i => [ZeroAt(new PtrAddExpr(at, new VarRef(at, p), i), elementCType, at)]));
            for (int k = 0; k < items.Count; k++)
            {
                var slot = new MemoryOperand(new PtrAddExpr(at, new VarRef(at, p), Literal(k, IrType.Int64, at)), elementCType, elementType);
                list.Add(new IfStmt(at, new BinaryExpr(at, BinaryOp.Lt, Literal(k, IrType.Int64, at), new VarRef(at, n)), new Block(at, Initialize(slot, items[k], at).ToList()), null));
            }
            return list;
        }
        bool userConstructor = init is { Kind: CursorKind.CallExpr } ctor && ctor.Referenced.Kind == CursorKind.Constructor && HasBody(ctor.Referenced)
            && ctor.Referenced.Definition.Children.Any(c => c.Kind == CursorKind.CompoundStmt && c.Children.Count > 0 || c.Kind == CursorKind.MemberRef);
        if (init is { Kind: CursorKind.CallExpr } withArgs && withArgs.ArgumentCount > 0)
            throw Unsupported(Codes.UnsupportedExpression, at, "new T[n] with constructor arguments is not translated");
        list.Add(ForEachElement(n, at, i =>
        {
            var address = new PtrAddExpr(at, new VarRef(at, p), i);
            var each = new List<Stmt>();
            if (parts.ValueInitialized) each.Add(ZeroAt(address, elementCType, at));
            if (userConstructor) each.Add(new ExprStmt(at, ConstructorCallAt(address, init!.Value, at)));
            else if (isClass && HasDefaultInitialization(elementCType)) each.AddRange(FieldInitializers(elementCType, address, new Dictionary<Cursor, Cursor>(), at));
            return each;
        }));
        return list;
    }

    /// <summary>A loop over the indices 0 … n-1 (a hoisted int64 counter).</summary>
    private Stmt ForEachElement(string n, SourceLocation at, Func<Expr, List<Stmt>> body)
    {
        string i = HoistedTemp(IrType.Int64, at);
        return new ForStmt(at, new SetStmt(at, i, Literal(0, IrType.Int64, at)),
            new BinaryExpr(at, BinaryOp.Lt, new VarRef(at, i), new VarRef(at, n)),
            new SetStmt(at, i, new BinaryExpr(at, BinaryOp.Add, new VarRef(at, i), Literal(1, IrType.Int64, at))),
            new Block(at, body(new VarRef(at, i))));
    }

    /// <summary>The constructor a construct-expression names, called with <paramref name="address"/> as <c>this</c>.</summary>
    private Expr ConstructorCallAt(Expr address, Cursor construct, SourceLocation at)
    {
        var constructor = construct.Referenced;
        var target = _module.Request(constructor);
        _pending.Uses.Add(target);
        var values = new List<Expr> { address };
        for (int i = 0; i < construct.ArgumentCount; i++)
            values.Add(Passed(Argument(construct, constructor, i, i), constructor.Argument(i).Type.Canonical.IsReference));
        return new CallExpr(at, target.Name, values);
    }

    /// <summary>Zero bytes over one object at <paramref name="address"/> (value-initialization's first step).</summary>
    private Stmt ZeroAt(Expr address, ClangType type, SourceLocation at) =>
        new ExprStmt(at, new CallExpr(at, "memset", [new CastExpr(at, CastOp.Bitcast, address, IrType.BytePtr), Literal(0, IrType.Int32, at), Literal(type.SizeOf, IrType.Int64, at)]));

    /// <summary>The IR name of the user-written destructor of a class type (lifted on demand), or null when destruction does nothing.</summary>
    private string? UserDestructor(ClangType type, SourceLocation at)
    {
        if (type.Canonical.Kind != TypeKind.Record || !HasUserDestruction(type, at)) return null;
        if (OwnDestructor(type, at) is not { } destructor)
        {
            RequireTrivialMemberDestruction(type, at);
            return null;
        }
        var target = _module.Request(destructor);
        _pending.Uses.Add(target);
        return target.Name;
    }

    /// <summary>The destructor the class's code declares and defines (not the compiler's), found in its template when
    /// it has one; null for the compiler's.</summary>
    private Cursor? OwnDestructor(ClangType type, SourceLocation at) =>
        ModuleLifter.WrittenDestructor(type) is { IsDefaultedMethod: false } ? _module.DeclaredDestructor(type, at) : null;

    /// <summary>
    /// <c>i = count; while (i &gt; 0) { i = i - 1; body(i) }</c> with a fresh <c>i</c>: what runs on each element of an
    /// array, last first, as C++ destroys them (delete[], arrays leaving scope).
    /// </summary>
    private List<Stmt> LastToFirst(Expr count, Func<Expr, List<Stmt>> body, SourceLocation at)
    {
        string i = HoistedTemp(IrType.Int64, at);
        var each = body(new VarRef(at, i));
        return each.Count == 0 ? [] : [
            new SetStmt(at, i, count),
            new WhileStmt(at, new BinaryExpr(at, BinaryOp.Gt, new VarRef(at, i), Literal(0, IrType.Int64, at)), new Block(at, [
                new SetStmt(at, i, new BinaryExpr(at, BinaryOp.Sub, new VarRef(at, i), Literal(1, IrType.Int64, at))), .. each]))];
    }

    /// <summary>The destructor a polymorphic class's objects are destroyed by when it is virtual (its own, or the nearest
    /// one declared along its polymorphic first bases), or null.</summary>
    private Cursor? VirtualDestructor(ClangType type, SourceLocation at)
    {
        if (!_types.IsPolymorphic(type)) return null;
        for (ClangType? c = type.Canonical; c is { } x; c = _types.DynamicBase(x, at))
            if (_module.DeclaredDestructor(x, at) is { } d) return d.IsVirtualMethod ? d : null;
        return null;
    }

    /// <summary>
    /// What a destructor runs after its body: the destructors of its bases, last base first, as C++ does (a base with a
    /// compiler-made destructor destroys its own bases in turn).
    /// </summary>
    private List<Stmt> DestroyBases(ClangType record, Expr address, SourceLocation at)
    {
        var list = new List<Stmt>();
        foreach (var b in _types.BasesOf(record, at).Reverse())
        {
            if (!HasUserDestruction(b.Type, at)) continue;
            var baseAddress = BaseAddress(address, record, b.Field is null ? [] : [b.Field], _types.Map(b.Type, at), at);
            if (OwnDestructor(b.Type, at) is { } own)
            {
                var target = _module.Request(own);
                _pending.Uses.Add(target);
                list.Add(new ExprStmt(at, new CallExpr(at, target.Name, [baseAddress])));
            }
            else
            {
                RequireTrivialFieldDestruction(b.Type, at);
                list.AddRange(DestroyBases(b.Type, baseAddress, at));
            }
        }
        return list;
    }

    /// <summary>Whether destroying an object of the type runs code: a user-written destructor with statements in it, its
    /// bases or members (an empty `~T() {}` runs none, so its temporaries need no destroying).</summary>
    private bool HasUserDestruction(ClangType type, SourceLocation at)
    {
        var t = type.Canonical;
        while (t.Kind is TypeKind.ConstantArray) t = t.ArrayElement.Canonical;
        if (t.Kind != TypeKind.Record) return false;
        if (ModuleLifter.OwnDestructorRunsCode(t)) return true;
        return _types.BasesOf(t, at).Any(b => HasUserDestruction(b.Type, at)) || Records.Fields(t).Any(f => HasUserDestruction(f.Type, at));
    }

    /// <summary>TR0406 when a class's members have destructors of their own (its bases' run after its body).</summary>
    private void RequireTrivialFieldDestruction(ClangType type, SourceLocation at)
    {
        if (Records.Fields(type.Canonical).Any(f => HasUserDestruction(f.Type, at)))
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"destroying '{type.Spelling}' runs destructors of its members, which are not translated");
    }

    /// <summary>The bases' destructors, after the body of the destructor being lifted (TR0406 if the body can return early:
    /// its return would skip them).</summary>
    private List<Stmt> DestructorEpilogue(Cursor body, SourceLocation at)
    {
        var list = DestroyBases(_function.SemanticParent.Type, new VarRef(at, "this"), at);
        if (list.Count > 0 && ContainsReturn(body))
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"destructor '{_function.DisplayName}' returns before its end, and its bases' destructors run after it; this is not translated");
        return list;
    }

    private static bool ContainsReturn(Cursor c) => c.Kind == CursorKind.ReturnStmt || c.Children.Any(ContainsReturn);

    /// <summary>TR0406 when a class's members or bases have destructors of their own: only the class's own destructor is run.</summary>
    private void RequireTrivialMemberDestruction(ClangType type, SourceLocation at)
    {
        var t = type.Canonical;
        if (_types.BasesOf(t, at).Any(b => HasUserDestruction(b.Type, at)) || Records.Fields(t).Any(f => HasUserDestruction(f.Type, at)))
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"destroying '{type.Spelling}' runs destructors of its members or bases, which are not translated");
    }

    /// <summary>TR0404 for classes whose new or delete would not be malloc, the constructor, the destructor and free:
    /// class-specific allocation functions.</summary>
    private void RefuseUnsupportedClass(ClangType type, SourceLocation at)
    {
        if (type.Canonical.Kind == TypeKind.Record && type.Canonical.Declaration.Children.Any(c => c.Spelling.StartsWith("operator new", StringComparison.Ordinal)
            || c.Spelling.StartsWith("operator delete", StringComparison.Ordinal)))
            throw Unsupported(Codes.UnsupportedExpression, at, $"'{type.Spelling}' declares its own operator new or delete, which is not translated");
    }

    private Expr NotNull(Expr pointer, SourceLocation at) => new BinaryExpr(at, BinaryOp.Ne,
        new CastExpr(at, CastOp.Bitcast, pointer, IrType.BytePtr), new NullLit(at, IrType.BytePtr));

    private string HoistedTemp(IrType type, SourceLocation at)
    {
        string tmp = NewTemp();
        _hoisted.Add(new DeclareStmt(at, tmp, type));
        return tmp;
    }

    /// <summary>An integer expression widened to int64 by its signedness (an array size).</summary>
    private Expr ToInt64(Cursor size, SourceLocation at)
    {
        var value = RValue(size);
        var type = _types.Map(size.Type, at);
        if (type == IrType.Int64) return value;
        return new CastExpr(at, size.Type.IsUnsignedInteger ? CastOp.ZExt : CastOp.SExt, value, IrType.Int64);
    }
}

/// <summary>
/// The parts of a new-expression, which libclang lists as children in source order without saying which is which:
/// placement arguments (inside the parentheses right after <c>new</c>), the array size (inside <c>[…]</c>), and the
/// initializer; the tokens tell them apart, and whether the initializer is an empty <c>()</c> or <c>{}</c>
/// (value-initialization, which zeroes first) that leaves no child at all.
/// </summary>
internal sealed record NewExpressionParts(List<Cursor> Placement, Cursor? Size, Cursor? Initializer, bool ValueInitialized)
{
    public static NewExpressionParts Of(Cursor e, IReadOnlyList<Token> tokens)
    {
        int at = tokens.Count > 0 && tokens[0].Spelling == "::" ? 2 : 1; // after 'new'
        (int Line, int Column) placementEnd = (0, 0), sizeStart = (int.MaxValue, 0), sizeEnd = (0, 0);
        int typeStart = at;
        if (at < tokens.Count && tokens[at].Spelling == "(")
        {
            int close = Close(tokens, at);
            // new (args) T: placement; new (T) alone or new (T)[n]: a parenthesized type.
            if (close > 0 && close + 1 < tokens.Count && tokens[close + 1].Spelling is not ("[" or "(" or "{"))
            {
                placementEnd = Pos(tokens[close]);
                typeStart = close + 1;
            }
        }
        for (int i = typeStart; i < tokens.Count; i++)
        {
            if (tokens[i].Spelling == "[" && sizeStart.Line == int.MaxValue)
            {
                sizeStart = Pos(tokens[i]);
                int depth = 0;
                sizeEnd = (int.MaxValue, 0); // tokens cut after the size (NewTokens): the bracket closes after them
                for (int j = i; j < tokens.Count; j++)
                {
                    if (tokens[j].Spelling == "[") depth++;
                    else if (tokens[j].Spelling == "]" && --depth == 0) { sizeEnd = Pos(tokens[j]); break; }
                }
                break;
            }
            if (tokens[i].Spelling is "(" or "{") break; // the initializer of new T(…) or new T{…}
        }
        var placement = new List<Cursor>();
        Cursor? size = null, init = null;
        foreach (var c in e.Children.Where(c => c.IsExpression))
        {
            var p = (c.Start.Line, c.Start.Column);
            if (placementEnd.Line > 0 && Before(p, placementEnd)) placement.Add(c);
            else if (size is null && !Before(p, sizeStart) && Before(p, sizeEnd)) size = c;
            else init = c;
        }
        var last = tokens.Count >= 2 ? tokens[^2].Spelling + tokens[^1].Spelling : "";
        bool empty = last is "()" or "{}" && init is null;
        return new NewExpressionParts(placement, size, init, empty || init?.Kind == CursorKind.CallExpr && last is "()" or "{}");
    }

    private static (int, int) Pos(Token t) => (t.Position.Line, t.Position.Column);
    private static bool Before((int Line, int Column) a, (int Line, int Column) b) => a.Line < b.Line || a.Line == b.Line && a.Column < b.Column;

    private static int Close(IReadOnlyList<Token> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Spelling == "(") depth++;
            else if (tokens[i].Spelling == ")" && --depth == 0) return i;
        }
        return -1;
    }
}
