using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>Unary, binary, assignment and conditional operators, with C++'s evaluation rules.</summary>
internal sealed partial class FunctionLifter
{
    private Operand LiftUnary(Cursor e, SourceLocation at)
    {
        var operand = e.Children[0];
        // &f and *fp: a function and a pointer to it are the same number (ModuleLifter.FunctionPointers.cs).
        if (e.UnaryOperator is UnaryOperatorKind.AddrOf or UnaryOperatorKind.Deref && (e.Type.IsFunction || operand.Type.IsFunction))
            return new ValueOperand(RValue(operand), e.Type, IrType.Int64);
        var type = _types.Map(e.Type, at);
        switch (e.UnaryOperator)
        {
            case UnaryOperatorKind.AddrOf:
                if (e.Type.IsDataMemberPointer) return MemberOffset(operand, e.Type, at);
                if (BuiltinVariable(operand) is not null)
                    throw Unsupported(Codes.UnsupportedExpression, at, "the address of a thread-index variable is not translated");
                return new ValueOperand(AddressOf(Lift(operand), at), e.Type, type);
            case UnaryOperatorKind.Deref:
                return new MemoryOperand(RValue(operand), e.Type, type);
            case UnaryOperatorKind.Plus or UnaryOperatorKind.Extension:
                return ConvertOperand(Lift(operand), e.Type, at);
            case UnaryOperatorKind.Minus:
            {
                var v = RValue(operand);
                if (type.IsFloat) return new ValueOperand(v is FloatLit f ? FloatLiteral(-f.Value, type, at) : new UnaryExpr(at, UnaryOp.FNeg, v), e.Type, type);
                if (v is IntLit lit) return new ValueOperand(Literal(LiteralValue(-lit.Value, type, e.Type.IsUnsignedInteger), type, at), e.Type, type);
                return new ValueOperand(new BinaryExpr(at, BinaryOp.Sub, Literal(0, type, at), v), e.Type, type);
            }
            case UnaryOperatorKind.Not:
                return new ValueOperand(new UnaryExpr(at, UnaryOp.Not, RValue(operand)), e.Type, type);
            case UnaryOperatorKind.LNot:
                return new ValueOperand(new UnaryExpr(at, UnaryOp.Not, ToBool(Lift(operand), at)), e.Type, IrType.Bool);
            case UnaryOperatorKind.PreInc or UnaryOperatorKind.PreDec or UnaryOperatorKind.PostInc or UnaryOperatorKind.PostDec:
                return IncrementValue(e, at);
            default:
                throw Unsupported(Codes.UnsupportedExpression, at, $"unary operator '{e.UnaryOperator}' is not translated");
        }
    }

    private static bool IsIncrement(UnaryOperatorKind k) => k is UnaryOperatorKind.PreInc or UnaryOperatorKind.PostInc;
    private static bool IsPrefix(UnaryOperatorKind k) => k is UnaryOperatorKind.PreInc or UnaryOperatorKind.PreDec;

    /// <summary>old ± 1 in the place's type (pointers step by one element).</summary>
    private Expr Step(Expr old, Operand place, bool increment, SourceLocation at)
    {
        var t = place.Type;
        if (t is PointerType) return new PtrAddExpr(at, old, new IntLit(at, increment ? 1 : -1, null));
        if (t.IsFloat) return new BinaryExpr(at, increment ? BinaryOp.FAdd : BinaryOp.FSub, old, FloatLiteral(1, t, at));
        if (t.IsInteger) return new BinaryExpr(at, increment ? BinaryOp.Add : BinaryOp.Sub, old, Literal(1, t, at));
        throw Unsupported(Codes.UnsupportedExpression, at, $"++/-- on '{place.CType.Spelling}' is not translated");
    }

    /// <summary>++/-- used for its value: <c>(begin … old)</c> for postfix, <c>(begin … new)</c> for prefix.</summary>
    private Operand IncrementValue(Cursor e, SourceLocation at)
    {
        var kind = e.UnaryOperator;
        var stmts = new List<Stmt>();
        var place = Stabilize(Lift(e.Children[0]), stmts, at);
        if (IsPrefix(kind))
        {
            stmts.Add(Assign(place, Step(Read(place, at), place, IsIncrement(kind), at), at));
            return new ValueOperand(new BeginExpr(at, new Block(at, stmts), Read(place, at)), place.CType, place.Type);
        }
        string old = NewTemp();
        stmts.Add(new DeclareStmt(at, old, place.Type));
        stmts.Add(new SetStmt(at, old, Read(place, at)));
        stmts.Add(Assign(place, Step(new VarRef(at, old), place, IsIncrement(kind), at), at));
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), new VarRef(at, old)), place.CType, place.Type);
    }

    /// <summary>A place whose address can be evaluated twice: impure addresses go to a temporary first.</summary>
    private Operand Stabilize(Operand place, List<Stmt> stmts, SourceLocation at)
    {
        if (place is BitFieldOperand b && !IsPure(b.Container))
        {
            string word = NewTemp();
            stmts.Add(new DeclareStmt(at, word, new PointerType(b.ContainerType, AddressSpace.Generic)));
            stmts.Add(new SetStmt(at, word, b.Container));
            return b with { Container = new VarRef(at, word) };
        }
        if (place is not MemoryOperand m || IsPure(m.Address)) return place;
        string tmp = NewTemp();
        stmts.Add(new DeclareStmt(at, tmp, new PointerType(m.Type, AddressSpace.Generic)));
        stmts.Add(new SetStmt(at, tmp, m.Address));
        return m with { Address = new VarRef(at, tmp) };
    }

    /// <summary>Expressions with no effects, safe to evaluate twice.</summary>
    private static bool IsPure(Expr e) => e switch
    {
        VarRef or IntLit or FloatLit or BoolLit or NullLit or PtrToExpr or SpecialRegisterExpr or StringLit => true,
        PtrAddExpr p => IsPure(p.Pointer) && IsPure(p.Index),
        ArrayPtrAddExpr a => IsPure(a.Array) && IsPure(a.Index),
        StructPtrAddExpr s => IsPure(s.Pointer),
        LoadExpr l => IsPure(l.Pointer),
        CastExpr c => IsPure(c.Operand),
        BinaryExpr b => IsPure(b.Left) && IsPure(b.Right) && b.Op is not (BinaryOp.Div or BinaryOp.Rem or BinaryOp.UDiv or BinaryOp.URem),
        UnaryExpr u => IsPure(u.Operand),
        ExtractValueExpr x => IsPure(x.Aggregate),
        _ => false,
    };

    private Operand LiftBinary(Cursor e, SourceLocation at)
    {
        var c = e.Children;
        var kind = e.BinaryOperator;
        switch (kind)
        {
            case BinaryOperatorKind.Assign:
            {
                var stmts = new List<Stmt>();
                var place = Stabilize(Lift(c[0]), stmts, at);
                stmts.Add(AssignFrom(place, c[1], at));
                return new ValueOperand(new BeginExpr(at, new Block(at, stmts), Read(place, at)), place.CType, place.Type);
            }
            case BinaryOperatorKind.Comma:
            {
                var first = LiftExpressionStatement(c[0]).ToList();
                var second = Lift(c[1]);
                return new ValueOperand(new BeginExpr(at, new Block(at, first), Read(second, at)), second.CType, second.Type);
            }
            case BinaryOperatorKind.LAnd or BinaryOperatorKind.LOr:
                return new ValueOperand(new LogicalExpr(at, kind == BinaryOperatorKind.LAnd, ToBool(Lift(c[0]), at), ToBool(Lift(c[1]), at)),
                    e.Type, IrType.Bool);
            case BinaryOperatorKind.PtrMemD or BinaryOperatorKind.PtrMemI when c[1].Type.IsDataMemberPointer:
                return DataMemberAt(e, throughPointer: kind == BinaryOperatorKind.PtrMemI, at);
            case BinaryOperatorKind.PtrMemD or BinaryOperatorKind.PtrMemI or BinaryOperatorKind.Cmp:
                throw Unsupported(Codes.UnsupportedExpression, at, $"operator '{kind}' is not translated");
            default:
            {
                var value = Arithmetic(kind, Lift(c[0]), Lift(c[1]), e.Type, at,
                    wrapsAt32Bits: e.Type.Canonical.Kind == TypeKind.Pointer && PointsIntoShared(e));
                return new ValueOperand(value, e.Type, _types.Map(e.Type, at));
            }
        }
    }

    /// <summary>Stores an expression's value into a place (whole structs and vectors included).</summary>
    private Stmt AssignFrom(Operand place, Cursor value, SourceLocation at) => Assign(place, RValue(value), at);

    /// <summary>The compiler's copy or move assignment of a class: a whole-value store, except that an object's class
    /// stays as it is (a polymorphic target keeps its type tag).</summary>
    private Stmt AssignObject(Operand place, Cursor value, SourceLocation at)
    {
        if (!_types.IsPolymorphic(place.CType) || place is not MemoryOperand) return AssignFrom(place, value, at);
        var stmts = new List<Stmt>();
        var target = (MemoryOperand)Stabilize(place, stmts, at); // its address is used three times
        string tag = HoistedTemp(IrType.Int64, at);
        var tagAddress = TypeTagAddress(place.CType, target.Address, at);
        stmts.Add(new SetStmt(at, tag, new LoadExpr(at, tagAddress)));
        stmts.Add(AssignFrom(target, value, at));
        stmts.Add(new ExprStmt(at, new StoreExpr(at, tagAddress, new VarRef(at, tag))));
        return new Block(at, stmts);
    }

    /// <summary>
    /// A binary arithmetic, bitwise or comparison operation. clang has already converted both operands
    /// to their common type (shifts and pointer arithmetic aside); signedness picks the IR operation.
    /// </summary>
    private Expr Arithmetic(BinaryOperatorKind kind, Operand left, Operand right, ClangType resultType, SourceLocation at, bool wrapsAt32Bits = false)
    {
        var l = Read(left, at);
        var r = Read(right, at);
        var lt = left.Type;
        // Pointer arithmetic.
        if (lt is PointerType && right.Type is PointerType)
        {
            if (kind == BinaryOperatorKind.Sub)
            {
                long size = left.CType.Canonical.Pointee.SizeOf;
                var diff = new BinaryExpr(at, BinaryOp.Sub, new CastExpr(at, CastOp.PtrToInt, l, IrType.Int64), new CastExpr(at, CastOp.PtrToInt, r, IrType.Int64));
                return size == 1 ? diff : new BinaryExpr(at, BinaryOp.Div, diff, Literal(size, IrType.Int64, at));
            }
            var cmp = Comparison(kind, unsigned: true, isFloat: false, at);
            return new BinaryExpr(at, cmp, l, r);
        }
        if (lt is PointerType || right.Type is PointerType)
        {
            bool leftIsPointer = lt is PointerType;
            var pointer = leftIsPointer ? l : r;
            var offset = OffsetOperand(leftIsPointer ? right : left, at, wrapsAt32Bits);
            if (kind == BinaryOperatorKind.Add) return new PtrAddExpr(at, pointer, offset);
            if (kind == BinaryOperatorKind.Sub && leftIsPointer) return new PtrAddExpr(at, pointer, Negate(offset, at));
            throw Unsupported(Codes.UnsupportedExpression, at, $"operator '{kind}' on a pointer and an integer is not translated");
        }
        bool isFloat = lt.ElementOrSelf.IsFloat;
        bool unsigned = left.CType.IsUnsignedInteger || TypeMapper.IsUnsignedVector(left.CType) && lt is VectorType;
        BinaryOp op;
        switch (kind)
        {
            case BinaryOperatorKind.Add: op = isFloat ? BinaryOp.FAdd : BinaryOp.Add; break;
            case BinaryOperatorKind.Sub: op = isFloat ? BinaryOp.FSub : BinaryOp.Sub; break;
            case BinaryOperatorKind.Mul: op = isFloat ? BinaryOp.FMul : BinaryOp.Mul; break;
            case BinaryOperatorKind.Div: op = isFloat ? BinaryOp.FDiv : unsigned ? BinaryOp.UDiv : BinaryOp.Div; break;
            case BinaryOperatorKind.Rem: op = isFloat ? BinaryOp.FRem : unsigned ? BinaryOp.URem : BinaryOp.Rem; break;
            case BinaryOperatorKind.And: op = BinaryOp.And; break;
            case BinaryOperatorKind.Or: op = BinaryOp.Or; break;
            case BinaryOperatorKind.Xor: op = BinaryOp.Xor; break;
            case BinaryOperatorKind.Shl or BinaryOperatorKind.Shr:
                // The shift count keeps its own type in C++; the IR wants the shifted value's type.
                r = Convert(r, right.CType, left.CType, at);
                op = kind == BinaryOperatorKind.Shl ? BinaryOp.Shl : unsigned ? BinaryOp.LShr : BinaryOp.AShr;
                break;
            default:
                op = Comparison(kind, unsigned, isFloat, at);
                break;
        }
        return new BinaryExpr(at, op, l, r);
    }

    private BinaryOp Comparison(BinaryOperatorKind kind, bool unsigned, bool isFloat, SourceLocation at) => kind switch
    {
        BinaryOperatorKind.EQ => isFloat ? BinaryOp.FEq : BinaryOp.Eq,
        BinaryOperatorKind.NE => isFloat ? BinaryOp.FUne : BinaryOp.Ne,
        BinaryOperatorKind.LT => isFloat ? BinaryOp.FLt : unsigned ? BinaryOp.ULt : BinaryOp.Lt,
        BinaryOperatorKind.GT => isFloat ? BinaryOp.FGt : unsigned ? BinaryOp.UGt : BinaryOp.Gt,
        BinaryOperatorKind.LE => isFloat ? BinaryOp.FLe : unsigned ? BinaryOp.ULe : BinaryOp.Le,
        BinaryOperatorKind.GE => isFloat ? BinaryOp.FGe : unsigned ? BinaryOp.UGe : BinaryOp.Ge,
        _ => throw Unsupported(Codes.UnsupportedExpression, at, $"operator '{kind}' is not translated"),
    };

    /// <summary>An integer offset for ptradd, as <see cref="Index"/> converts it.</summary>
    private Expr OffsetOperand(Operand o, SourceLocation at, bool wrapsAt32Bits = false) =>
        AsOffset(Read(o, at), o.CType, o.Type, at, wrapsAt32Bits);

    private static Expr Negate(Expr offset, SourceLocation at) => offset switch
    {
        IntLit lit => new IntLit(at, -lit.Value, lit.ExplicitType),
        _ => new BinaryExpr(at, BinaryOp.Sub, new IntLit(at, 0, null), offset),
    };

    /// <summary>
    /// <c>x op= y</c>: clang has converted y to the computation type (for shifts, y keeps its type and
    /// the computation is in x's type); x is converted to it, combined, and converted back.
    /// </summary>
    private List<Stmt> CompoundAssign(Cursor e, SourceLocation at, out Operand place)
    {
        var c = e.Children;
        var stmts = new List<Stmt>();
        place = Stabilize(Lift(c[0]), stmts, at);
        var right = Lift(c[1]);
        var kind = e.BinaryOperator switch
        {
            BinaryOperatorKind.MulAssign => BinaryOperatorKind.Mul, BinaryOperatorKind.DivAssign => BinaryOperatorKind.Div,
            BinaryOperatorKind.RemAssign => BinaryOperatorKind.Rem, BinaryOperatorKind.AddAssign => BinaryOperatorKind.Add,
            BinaryOperatorKind.SubAssign => BinaryOperatorKind.Sub, BinaryOperatorKind.ShlAssign => BinaryOperatorKind.Shl,
            BinaryOperatorKind.ShrAssign => BinaryOperatorKind.Shr, BinaryOperatorKind.AndAssign => BinaryOperatorKind.And,
            BinaryOperatorKind.XorAssign => BinaryOperatorKind.Xor, BinaryOperatorKind.OrAssign => BinaryOperatorKind.Or,
            var k => throw Unsupported(Codes.UnsupportedExpression, at, $"compound assignment '{k}' is not translated"),
        };
        Expr result;
        if (place.Type is PointerType || kind is BinaryOperatorKind.Shl or BinaryOperatorKind.Shr)
        {
            result = Arithmetic(kind, new ValueOperand(Read(place, at), place.CType, place.Type), right, place.CType, at,
                wrapsAt32Bits: place.Type is PointerType && PointsIntoShared(c[0]));
        }
        else
        {
            var computation = right.CType;
            var widened = new ValueOperand(Convert(Read(place, at), place.CType, computation, at), computation, right.Type);
            result = Convert(Arithmetic(kind, widened, right, computation, at), computation, place.CType, at);
        }
        stmts.Add(Assign(place, result, at));
        return stmts;
    }

    private Operand LiftCompoundAssignValue(Cursor e, SourceLocation at)
    {
        var stmts = CompoundAssign(e, at, out var place);
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), Read(place, at)), place.CType, place.Type);
    }

    /// <summary>
    /// An expression that must be a place (the object a reference binds to or a function returns by
    /// reference): <c>c ? a : b</c> of two places is the place at the chosen address.
    /// </summary>
    private Operand LiftPlace(Cursor e)
    {
        var inner = Records.Unwrapped(e);
        if (inner.Kind != CursorKind.ConditionalOperator || inner.Children.Count != 3) return Lift(e);
        var at = Locate(inner);
        var c = inner.Children;
        var a = LiftPlace(c[1]);
        var b = LiftPlace(c[2]);
        if (a is not MemoryOperand ma || b is not MemoryOperand mb || ma.Type != mb.Type) return Lift(e);
        return new MemoryOperand(new CondExpr(at, ToBool(Lift(c[0]), at), ma.Address, mb.Address), ma.CType, ma.Type);
    }

    private Operand LiftConditional(Cursor e, SourceLocation at)
    {
        var c = e.Children;
        if (c.Count != 3) throw Unsupported(Codes.UnsupportedExpression, at, "the GNU 'a ?: b' operator is not translated");
        if (e.Type.Canonical.Kind == TypeKind.Void)
            throw Unsupported(Codes.UnsupportedExpression, at, "a void ?: inside an expression is not translated");
        var type = _types.Map(e.Type, at);
        var cond = ToBool(Lift(c[0]), at);
        if (type is ArrayType array)
        {
            // c ? "yes" : "no" is an array lvalue that decays at once: the pointer each arm decays to.
            Expr Decayed(Operand o) => o.Type is ArrayType ? new ArrayPtrAddExpr(at, ArrayBase(AddressOf(o, at), at), new IntLit(at, 0, null)) : Read(o, at);
            return new ValueOperand(new CondExpr(at, cond, Decayed(Lift(c[1])), Decayed(Lift(c[2]))), e.Type, new PointerType(array.Element, AddressSpace.Generic));
        }
        var a = Read(ConvertOperand(Lift(c[1]), e.Type, at), at);
        var b = Read(ConvertOperand(Lift(c[2]), e.Type, at), at);
        return new ValueOperand(new CondExpr(at, cond, a, b), e.Type, type);
    }

    /// <summary>An expression used as a statement: assignments and ++/-- become set/store directly.</summary>
    private IEnumerable<Stmt> LiftExpressionStatement(Cursor e)
    {
        var at = Locate(e);
        switch (e.Kind)
        {
            case CursorKind.ParenExpr:
                return LiftExpressionStatement(e.Children[0]);
            case CursorKind.StmtExpr when e.Children.FirstOrDefault(c => c.Kind == CursorKind.CompoundStmt) is { IsNull: false } compound:
                return [new Block(at, LiftBlockItems(compound))]; // ({ ... }) whose value is discarded: a block
            case CursorKind.UnexposedExpr when e.Children.Count == 1 && e.Children[0].IsExpression:
                // Implicit wrappers and conversions of a discarded value change nothing.
                return LiftExpressionStatement(e.Children[0]);
            case CursorKind.BinaryOperator when e.BinaryOperator == BinaryOperatorKind.Assign:
            {
                var c = e.Children;
                var place = Lift(c[0]);
                return Sequenced(AssignFrom(place, c[1], at));
            }
            case CursorKind.BinaryOperator when e.BinaryOperator == BinaryOperatorKind.Comma:
                return LiftExpressionStatement(e.Children[0]).Concat(LiftExpressionStatement(e.Children[1])).ToList();
            case CursorKind.CompoundAssignOperator:
                return CompoundAssign(e, at, out _);
            case CursorKind.UnaryOperator when e.UnaryOperator is UnaryOperatorKind.PreInc or UnaryOperatorKind.PreDec
                or UnaryOperatorKind.PostInc or UnaryOperatorKind.PostDec:
            {
                var stmts = new List<Stmt>();
                var place = Stabilize(Lift(e.Children[0]), stmts, at);
                stmts.Add(Assign(place, Step(Read(place, at), place, IsIncrement(e.UnaryOperator), at), at));
                return stmts;
            }
            case CursorKind.ConditionalOperator when e.Type.Canonical.Kind == TypeKind.Void:
            {
                var c = e.Children;
                return [new IfStmt(at, ToBool(Lift(c[0]), at), new Block(at, LiftExpressionStatement(c[1]).ToList()),
                    new Block(at, LiftExpressionStatement(c[2]).ToList()))];
            }
            case CursorKind.CStyleCastExpr or CursorKind.CXXStaticCastExpr or CursorKind.CXXFunctionalCastExpr
                when e.Type.Canonical.Kind == TypeKind.Void:
            {
                var inner = e.Children.LastOrDefault(x => x.IsExpression);
                return inner.IsNull || inner.Kind == 0 ? [] : LiftExpressionStatement(inner);
            }
            case CursorKind.CXXDeleteExpr:
                return LiftDelete(e, at);
            case CursorKind.CallExpr when e.Referenced is { Kind: CursorKind.CXXMethod, Spelling: "operator=", IsDefaultedMethod: true }
                                           && e.ArgumentCount == 2:
                return [AssignObject(Lift(e.Argument(0)), e.Argument(1), at)];
            default:
                return Discarded(Lift(e), at);
        }
    }

    /// <summary>
    /// <c>(set x (begin S… v))</c> as <c>S… (set x v)</c>, the same order of effects: <c>k = j++</c> then assigns
    /// <c>j</c> at statement level, where analyses see it (the cpu device keeps a counter the block shares as one
    /// scalar only when its assignments are statements; HeCBench pnpoly's <c>for (j = 0; j &lt; n; k = j++)</c>).
    /// </summary>
    private static List<Stmt> Sequenced(Stmt s) =>
        s is SetStmt { Value: BeginExpr b } set ? [.. b.Statements.Statements, .. Sequenced(new SetStmt(set.Location, set.Name, b.Result))] : [s];

    /// <summary>
    /// A value computed for nothing (<c>x;</c>, <c>f();</c>) still has its effects evaluated: a value's, or a
    /// place's address (a call returning a reference, <c>a.fill(1).fill(2);</c>).
    /// </summary>
    private static List<Stmt> Discarded(Operand o, SourceLocation at) => o switch
    {
        ValueOperand v when v.Value is CallExpr || !IsPure(v.Value) => [new ExprStmt(at, v.Value)],
        MemoryOperand m when !IsPure(m.Address) => [new ExprStmt(at, m.Address)],
        BitFieldOperand b when !IsPure(b.Container) => [new ExprStmt(at, b.Container)],
        _ => [],
    };
}
