using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

internal sealed partial class FunctionLifter
{
    /// <summary>Lifts an expression to a value or a place; the caller reads, writes or takes its address.</summary>
    private Operand Lift(Cursor e)
    {
        var at = Locate(e);
        switch (e.Kind)
        {
            case CursorKind.IntegerLiteral or CursorKind.CharacterLiteral or CursorKind.CXXBoolLiteralExpr or CursorKind.FloatingLiteral
                or CursorKind.UnaryExpr:
                return Constant(e, at) ?? throw Unsupported(Codes.UnsupportedExpression, at, "this constant could not be folded");
            case CursorKind.StringLiteral:
                // libclang evaluates a literal only where it decays; elsewhere (an arm of ?:) its spelling is decoded.
                return new ValueOperand(new StringLit(at, e.EvaluateString()
                    ?? (StringLiteralBytes(e.Spelling) is { } bytes ? System.Text.Encoding.UTF8.GetString([.. bytes]) : null)
                    ?? throw Unsupported(Codes.UnsupportedExpression, at, "this string literal is not translated")), e.Type, IrType.BytePtr);
            case CursorKind.GNUNullExpr: // NULL: an integer zero that converts to a null pointer
                return new ValueOperand(Literal(0, _types.Map(e.Type, at), at), e.Type, _types.Map(e.Type, at));
            case CursorKind.CXXNullPtrLiteralExpr:
                return new ValueOperand(new NullLit(at, IrType.BytePtr), e.Type, IrType.BytePtr);
            case CursorKind.ParenExpr: return Lift(e.Children[0]);
            case CursorKind.BuiltinBitCastExpr: // libclang gives it no type; our header routes it through __tr_bitcast_builtin
                throw Unsupported(Codes.UnsupportedExpression, at, "__builtin_bit_cast outside our CUDA headers' macro is not translated");
            case CursorKind.DeclRefExpr: return LiftDeclRef(e, at);
            case CursorKind.MemberRefExpr: return LiftMember(e, at);
            case CursorKind.ArraySubscriptExpr: return LiftSubscript(e, at);
            case CursorKind.BinaryOperator or CursorKind.UnaryOperator when IsFoldable(e) && Constant(e, at) is { } folded:
                return folded; // constant arithmetic (8 * sizeof(int), N / 2) is written as its value
            case CursorKind.UnaryOperator: return LiftUnary(e, at);
            case CursorKind.BinaryOperator: return LiftBinary(e, at);
            case CursorKind.CompoundAssignOperator: return LiftCompoundAssignValue(e, at);
            case CursorKind.ConditionalOperator: return LiftConditional(e, at);
            case CursorKind.CStyleCastExpr or CursorKind.CXXStaticCastExpr or CursorKind.CXXFunctionalCastExpr
                or CursorKind.CXXReinterpretCastExpr or CursorKind.CXXConstCastExpr:
            {
                var inner = e.Children.LastOrDefault(c => c.IsExpression);
                if (inner.IsNull || inner.Kind == 0) throw Unsupported(Codes.UnsupportedExpression, at, "a cast without an operand is not translated");
                if (e.Type.Canonical.Kind == TypeKind.Void)
                    throw Unsupported(Codes.UnsupportedExpression, at, "a cast to void inside an expression is not translated");
                if (IsReferenceReinterpretation(e, inner, at))
                    return SeenAs(Lift(inner), e.Type, _types.Map(e.Type, at), at);
                return ConvertOperand(Lift(inner), e.Type, at);
            }
            case CursorKind.UnexposedExpr: return LiftImplicit(e, at);
            case CursorKind.CallExpr:
                RefuseDestructibleTemporary(e, at);
                return LiftCall(e, at);
            case CursorKind.InitListExpr:
                RefuseDestructibleTemporary(e, at);
                return LiftInitList(e, at);
            case CursorKind.CXXThisExpr:
                return new ValueOperand(ImplicitObject(at).Pointer, e.Type, _types.Map(e.Type, at));
            case CursorKind.LambdaExpr: return LiftLambda(e, at);
            case CursorKind.StmtExpr: return LiftStatementExpression(e, at);
            case CursorKind.CXXNewExpr: return LiftNew(e, at);
            case CursorKind.CXXDeleteExpr:
                throw Unsupported(Codes.UnsupportedExpression, at, "delete inside an expression is not translated; write it as a statement");
            case CursorKind.CXXThrowExpr:
                throw Unsupported(Codes.UnsupportedExpression, at, "throw is not translated");
            default:
                throw Unsupported(Codes.UnsupportedExpression, at, $"expression '{e.Kind}' ({e.Type.Spelling}) is not translated");
        }
    }

    /// <summary>
    /// GNU <c>({ s1; …; e; })</c>: the statements, then the last expression's value, in a block of its own
    /// (its declarations are scoped to it, as in C++).
    /// </summary>
    private Operand LiftStatementExpression(Cursor e, SourceLocation at)
    {
        var compound = e.Children.FirstOrDefault(c => c.Kind == CursorKind.CompoundStmt);
        var items = compound.IsNull ? new List<Cursor>() : compound.Children.Where(c => c.Kind != CursorKind.NullStmt).ToList();
        if (e.Type.Canonical.Kind == TypeKind.Void || items.Count == 0 || !items[^1].IsExpression)
            throw Unsupported(Codes.UnsupportedExpression, at, "a statement expression ({ ... }) used as a value must end in an expression");
        var stmts = new List<Stmt>();
        foreach (var item in items.Take(items.Count - 1)) LiftStatementInto(item, stmts);
        var value = ConvertOperand(Lift(items[^1]), e.Type, at);
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), Read(value, at)), e.Type, value.Type);
    }

    /// <summary>Operators whose folding clang may attempt: arithmetic, not assignments, ++/-- or &amp;.</summary>
    private static bool IsFoldable(Cursor e) => e.Kind == CursorKind.BinaryOperator
        ? e.BinaryOperator is not (BinaryOperatorKind.Assign or BinaryOperatorKind.Comma or BinaryOperatorKind.PtrMemD or BinaryOperatorKind.PtrMemI)
          && e.Type.Canonical.Kind is not TypeKind.Pointer
        : e.UnaryOperator is UnaryOperatorKind.Minus or UnaryOperatorKind.Not or UnaryOperatorKind.LNot or UnaryOperatorKind.Plus;

    /// <summary>Reads a value: a register by name, memory by <c>load</c>.</summary>
    private Expr Read(Operand o, SourceLocation at) => o switch
    {
        ValueOperand v => v.Value,
        VariableOperand v => new VarRef(at, v.Name),
        MemoryOperand m when m.Type is ArrayType => throw Unsupported(Codes.UnsupportedExpression, at, "an array cannot be used as a value here"),
        MemoryOperand m => HoistedVolatileLoad(m, at) ?? new LoadExpr(at, m.Address),
        BitFieldOperand b => ReadBitField(b, at),
        _ => throw new InvalidOperationException(),
    };

    private Expr RValue(Cursor e) => Read(Lift(e), Locate(e));

    private Expr AddressOf(Operand o, SourceLocation at) => o switch
    {
        MemoryOperand m => m.Address,
        BitFieldOperand => throw Unsupported(Codes.UnsupportedExpression, at, "the address of a bit-field cannot be taken"),
        _ => throw Unsupported(Codes.UnsupportedExpression, at, "the address of this value cannot be taken"),
    };

    /// <summary>
    /// The address a reference binds to: a place's own address, or for a value (a temporary, as C++ allows for
    /// <c>const T&amp;</c> and <c>T&amp;&amp;</c>) the address of a temporary holding it. The temporary is declared at the
    /// top of the function, so the address stays valid through the call that receives it.
    /// </summary>
    private Expr AddressOfOrTemporary(Operand o, SourceLocation at)
    {
        if (o is not (ValueOperand or BitFieldOperand)) return AddressOf(o, at); // a variable is an lvalue: a copy would lose writes through the reference
        if (o.Type is ArrayType) throw Unsupported(Codes.UnsupportedExpression, at, "a reference to a temporary array is not translated");
        string tmp = NewTemp();
        _hoisted.Add(new DeclareStmt(at, tmp, o.Type));
        var store = new ExprStmt(at, new StoreExpr(at, new PtrToExpr(at, tmp), Read(o, at)));
        return new BeginExpr(at, new Block(at, [store]), new PtrToExpr(at, tmp));
    }

    /// <summary>Writes a place.</summary>
    private Stmt Assign(Operand place, Expr value, SourceLocation at) => place switch
    {
        VariableOperand v => new SetStmt(at, v.Name, value),
        MemoryOperand m => new ExprStmt(at, new StoreExpr(at, m.Address, value)),
        BitFieldOperand b => AssignBitField(b, value, at),
        _ => throw Unsupported(Codes.UnsupportedExpression, at, "this expression cannot be assigned to"),
    };

    /// <summary>An expression clang folds to a constant (literals, sizeof, enumerators, constexpr names);
    /// with <paramref name="valueOf"/>, the value of that declaration's initializer, typed as <paramref name="e"/>.</summary>
    private ValueOperand? Constant(Cursor e, SourceLocation at, Cursor? valueOf = null)
    {
        var value = (valueOf ?? e).Evaluate();
        if (value is null) return null;
        var type = _types.Map(e.Type, at);
        Expr lit;
        if (value.Integer is { } i)
        {
            if (type.IsBool) lit = new BoolLit(at, i != 0);
            else if (type.IsInteger) lit = Literal(LiteralValue(i, type, e.Type.IsUnsignedInteger), type, at);
            else if (type.IsFloat) lit = FloatLiteral((double)i, type, at);
            else return null;
        }
        else if (value.Float is { } f && type.IsFloat) lit = FloatLiteral(f, type, at);
        else return null;
        return new ValueOperand(lit, e.Type, type);
    }

    /// <summary>An integer literal; bare (its context gives the type) only for int.</summary>
    private static IntLit Literal(Int128 value, IrType type, SourceLocation at) =>
        new(at, value, type == IrType.Int32 ? null : type);

    private static FloatLit FloatLiteral(double value, IrType type, SourceLocation at) =>
        new(at, type == IrType.Float ? (float)value : value, type == IrType.Float ? null : type);

    /// <summary>The value wrapped into the type's range: unsigned values as non-negative, signed as signed.</summary>
    private static Int128 LiteralValue(Int128 v, IrType type, bool unsigned)
    {
        int bits = type.Bits;
        Int128 mod = Int128.One << bits;
        Int128 r = v % mod;
        if (r < 0) r += mod;
        if (!unsigned && r >= mod / 2) r -= mod;
        return r;
    }

    private Operand LiftDeclRef(Cursor e, SourceLocation at)
    {
        var decl = e.Referenced;
        switch (decl.Kind)
        {
            case CursorKind.UnexposedDecl when _bindings.TryGetValue(decl.Canonical, out var binding):
                return BindingPlace(binding, e, at);
            case CursorKind.VarDecl or CursorKind.ParmDecl:
            {
                if (_locals.TryGetValue(decl.Canonical, out var local))
                {
                    if (local.IsDecayedArray) // the pointer, typed as the expression (the decayed type) says
                        return local.InMemory ? new MemoryOperand(new PtrToExpr(at, local.Name), e.Type, local.Type)
                            : new VariableOperand(local.Name, e.Type, local.Type);
                    return PlaceOf(local, at);
                }
                if (CapturedVariable(decl.Canonical, at) is { } captured) return captured;
                if (Constant(e, at) is { } folded && decl.Type.IsConst) return folded;
                if (_source.IsOurHeader(decl.Position))
                {
                    if (decl.Spelling == "warpSize")
                        return new ValueOperand(new SpecialRegisterExpr(at, SpecialRegister.WarpSize), e.Type, IrType.Int32);
                    throw Unsupported(Codes.UnsupportedExpression, at, $"'{decl.Spelling}' can only be used through its fields (.x, .y, .z)");
                }
                if (decl.SemanticParent.Kind is CursorKind.FunctionDecl or CursorKind.CXXMethod or CursorKind.FunctionTemplate
                    && decl.StorageClass != StorageClass.Static)
                    throw Unsupported(Codes.UnsupportedExpression, at, $"'{decl.Spelling}' is a local of another function, not captured here");
                var g = _module.RequestGlobal(decl, at);
                return new MemoryOperand(new PtrToExpr(at, g.Name), e.Type, g.Type);
            }
            case CursorKind.UnexposedDecl when ModuleLifter.Has(decl, CursorKind.CUDAConstantAttr) || ModuleLifter.Has(decl, CursorKind.CUDADeviceAttr):
            {
                // A specialization of a variable template (mask<T>): libclang gives it no kind of its own; a global like any other.
                var g = _module.RequestGlobal(decl, at);
                return new MemoryOperand(new PtrToExpr(at, g.Name), e.Type, g.Type);
            }
            case CursorKind.UnexposedDecl when Constant(e, at) is { } folded:
                return folded; // a constexpr variable template's specialization (std::is_same_v<T, U>): clang folds it
            case CursorKind.EnumConstantDecl or CursorKind.NonTypeTemplateParameter:
                return Constant(e, at) ?? throw Unsupported(Codes.UnsupportedExpression, at, $"'{decl.Spelling}' could not be folded");
            case var k when (int)k is >= 70 and < 100 && Constant(e, at) is { } folded:
                return folded; // a template parameter inside an instantiation: clang folds it
            case CursorKind.FunctionDecl or CursorKind.CXXMethod:
                // A function named as a value is its number (ModuleLifter.FunctionPointers.cs); the decay to a pointer changes nothing.
                return new ValueOperand(new IntLit(at, _module.FunctionId(decl, at), IrType.Int64), e.Type, IrType.Int64);
            default:
                throw Unsupported(Codes.UnsupportedExpression, at, $"a reference to '{decl.Spelling}' ({decl.Kind}) is not translated");
        }
    }

    private static bool ContainsCall(Cursor e) =>
        e.Kind is CursorKind.CallExpr or CursorKind.CXXNewExpr or CursorKind.CXXDeleteExpr || e.Children.Any(ContainsCall);

    private static readonly Dictionary<string, SpecialRegister[]> BuiltinVariables = new()
    {
        ["threadIdx"] = [SpecialRegister.ThreadIdxX, SpecialRegister.ThreadIdxY, SpecialRegister.ThreadIdxZ],
        ["blockIdx"] = [SpecialRegister.BlockIdxX, SpecialRegister.BlockIdxY, SpecialRegister.BlockIdxZ],
        ["blockDim"] = [SpecialRegister.BlockDimX, SpecialRegister.BlockDimY, SpecialRegister.BlockDimZ],
        ["gridDim"] = [SpecialRegister.GridDimX, SpecialRegister.GridDimY, SpecialRegister.GridDimZ],
    };

    private Operand LiftMember(Cursor e, SourceLocation at)
    {
        var field = e.Referenced;
        var children = e.Children;
        // A constant static member named through an object (frag.num_elements): its value, when the object
        // expression has no call whose effects folding would drop.
        if (field.Kind == CursorKind.VarDecl && field.Type.IsConst && !(children.Count > 0 && ContainsCall(children[0]))
            && Constant(e, at, field) is { } staticValue)
            return staticValue;
        if (field.Kind != CursorKind.FieldDecl)
            throw Unsupported(Codes.UnsupportedExpression, at, $"member '{e.Spelling}' ({field.Kind}) is not translated here");
        var fieldType = _types.Map(e.Type, at);
        Operand baseOperand;
        if (children.Count == 0)
        {
            // Implicit this->field inside a method (or a lambda that captured this).
            var (self, record) = ImplicitObject(at);
            baseOperand = new MemoryOperand(self, record, _types.Map(record, at));
        }
        else
        {
            var baseCursor = children[0];
            if (BuiltinVariable(baseCursor) is { } regs)
            {
                int lane = e.Spelling switch { "x" => 0, "y" => 1, "z" => 2, _ => -1 };
                if (lane < 0) throw Unsupported(Codes.UnsupportedExpression, at, $"'{e.Spelling}' is not a field of a thread-index variable");
                return new ValueOperand(new SpecialRegisterExpr(at, regs[lane]), e.Type, IrType.Int32);
            }
            var b = Lift(baseCursor);
            if (b.CType.Canonical.Kind == TypeKind.Pointer)
            {
                var pointee = b.CType.Canonical.Pointee;
                baseOperand = new MemoryOperand(Read(b, at), pointee, _types.Map(pointee, at));
            }
            else baseOperand = b;
        }
        if (Records.IsAnonymous(field.SemanticParent) && !field.SemanticParent.Equals(baseOperand.CType.Canonical.Declaration)
            && Records.BitOffsetThroughAnonymous(field, baseOperand.CType) is { } bitOffset)
        {
            // A member of an anonymous struct or union reached from the object that holds it (libclang may leave out the
            // anonymous members between them): the object's bytes at the member's offset, seen as the member's type.
            return StorageMember(baseOperand, field, bitOffset, e.Type, at);
        }
        baseOperand = AsMemberOwner(baseOperand, field.SemanticParent.Type, at); // a member of a base class
        if (_types.IsStorage(baseOperand.CType))
            return StorageMember(baseOperand, field, field.FieldOffsetBits, e.Type, at); // a union's or bit-field class's member
        // A reference member holds the address of what it refers to (CUB's `TempStorage &temp_storage`): the member is that
        // pointer, the expression the place it points to.
        bool reference = field.Type.Canonical.IsReference;
        var (memberCType, memberType) = reference ? (field.Type, _types.Map(field.Type, at)) : (e.Type, fieldType);
        Operand member = baseOperand switch
        {
            MemoryOperand m => new MemoryOperand(new StructPtrAddExpr(at, m.Address, Records.FieldName(field)), memberCType, memberType),
            VariableOperand or ValueOperand => new ValueOperand(new ExtractValueExpr(at, Read(baseOperand, at), Records.FieldName(field)), memberCType, memberType),
            _ => throw new InvalidOperationException(),
        };
        return reference ? new MemoryOperand(Read(member, at), e.Type, fieldType) : member;
    }

    /// <summary>
    /// <c>__builtin_bit_cast(T, v)</c>: the bits of v read as a T (same size, as C++ requires). Integers and
    /// floats convert directly; anything else is stored and read back through a pointer to T.
    /// </summary>
    private Operand BitCast(Operand source, ClangType target, SourceLocation at)
    {
        var type = _types.Map(target, at);
        if (type is ScalarType && source.Type is ScalarType && !type.IsBool && !source.Type.IsBool)
            return new ValueOperand(new CastExpr(at, CastOp.Bitcast, Read(source, at), type), target, type);
        return SeenAs(source, target, type, at);
    }

    /// <summary>The storage of <paramref name="o"/> (a temporary's for a value) read as a <paramref name="type"/>
    /// through a cast pointer: union members and bit casts.</summary>
    private MemoryOperand SeenAs(Operand o, ClangType cType, IrType type, SourceLocation at)
    {
        var address = o is VariableOperand v ? new PtrToExpr(at, v.Name) : AddressOfOrTemporary(o, at);
        return new MemoryOperand(new CastExpr(at, CastOp.Bitcast, address, new PointerType(type, AddressSpace.Generic)), cType, type);
    }

    /// <summary>
    /// <c>reinterpret_cast&lt;T&amp;&gt;(obj)</c> or <c>(T&amp;)obj</c> between unrelated classes (CUB's
    /// <c>Uninitialized&lt;T&gt;::Alias()</c>): a class value never converts to an unrelated class, so such a cast names the
    /// object's own bytes as a T. reinterpret_cast does so between related classes too (no base adjustment).
    /// </summary>
    private bool IsReferenceReinterpretation(Cursor cast, Cursor operand, SourceLocation at)
    {
        var to = cast.Type.Canonical;
        var from = operand.Type.Canonical;
        if (to.Kind != TypeKind.Record || from.Kind != TypeKind.Record || to.Spelling == from.Spelling) return false;
        if (_types.VectorOf(cast.Type) is not null || _types.VectorOf(operand.Type) is not null) return false;
        if (cast.Kind == CursorKind.CXXReinterpretCastExpr) return true;
        return cast.Kind == CursorKind.CStyleCastExpr && _types.BasePath(from, to, at) is null && _types.BasePath(to, from, at) is null;
    }

    /// <summary>threadIdx, blockIdx, blockDim, gridDim from our headers.</summary>
    private SpecialRegister[]? BuiltinVariable(Cursor e)
    {
        while (e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr && e.Children.Count == 1) e = e.Children[0];
        if (e.Kind != CursorKind.DeclRefExpr) return null;
        var decl = e.Referenced;
        return _source.IsOurHeader(decl.Position) && BuiltinVariables.TryGetValue(decl.Spelling, out var regs) ? regs : null;
    }

    private Operand LiftSubscript(Cursor e, SourceLocation at)
    {
        var c = e.Children;
        Cursor baseCursor = c[0], indexCursor = c[1];
        if (baseCursor.Type.Canonical.Kind is not TypeKind.Pointer && indexCursor.Type.Canonical.Kind is TypeKind.Pointer)
            (baseCursor, indexCursor) = (indexCursor, baseCursor); // i[a]
        var index = Index(indexCursor, wrapsAt32Bits: PointsIntoShared(baseCursor));
        var elementType = _types.Map(e.Type, at);
        // An array place (not yet decayed to a pointer) is indexed with aptradd.
        var stripped = baseCursor;
        while (stripped.Kind == CursorKind.UnexposedExpr && stripped.Children.Count == 1
               && stripped.Children[0].Type.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray)
            stripped = stripped.Children[0];
        if (stripped.Type.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray)
        {
            // An array parameter (`float3 colors[16]`) is a pointer, which libclang shows with the array type: its value is
            // indexed below, even when the parameter lives in memory (a whole element read marks it so: held-out dxtc).
            var array = Lift(stripped);
            if (array is MemoryOperand { Type: ArrayType } m)
                return new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(m.Address, at), index), e.Type, elementType);
        }
        var pointer = RValue(baseCursor);
        return new MemoryOperand(new PtrAddExpr(at, pointer, index), e.Type, elementType);
    }

    /// <summary>An array variable is named directly in aptradd; other arrays are reached through their address.</summary>
    private static Expr ArrayBase(Expr address, SourceLocation at) =>
        address is PtrToExpr p ? new VarRef(at, p.Name) : address;

    /// <summary>
    /// An index or offset: unsigned 32-bit (and narrower) values are zero-extended, since ptradd reads indices as signed;
    /// into shared memory (<paramref name="wrapsAt32Bits"/>) an unsigned 32-bit index is sign-extended, as NVIDIA's
    /// 32-bit shared addresses wrap (FunctionLifter.SharedAddressing).
    /// </summary>
    private Expr Index(Cursor e, bool wrapsAt32Bits = false)
    {
        var at = Locate(e);
        return AsOffset(RValue(e), e.Type, _types.Map(e.Type, at), at, wrapsAt32Bits);
    }

    /// <summary><see cref="Index"/>'s conversion of an integer value of C++ type <paramref name="ctype"/> (IR <paramref name="type"/>).</summary>
    private Expr AsOffset(Expr value, ClangType ctype, IrType type, SourceLocation at, bool wrapsAt32Bits)
    {
        if (type.IsBool) return new CastExpr(at, CastOp.ZExt, value, IrType.Int64);
        if (wrapsAt32Bits && ctype.IsUnsignedInteger && type.Bits == 32 && value is not IntLit)
            return new CastExpr(at, CastOp.SExt, value, IrType.Int64);
        if (ctype.IsUnsignedInteger && type.Bits < 64) return value is IntLit lit ? Literal(lit.Value, IrType.Int64, at) : new CastExpr(at, CastOp.ZExt, value, IrType.Int64);
        return value;
    }

    private Operand LiftInitList(Cursor e, SourceLocation at)
    {
        var type = _types.Map(e.Type, at);
        var children = e.Children;
        if (type is VectorType or StructType && children.Count == 1 && StripTransparent(children[0]).Type.Canonical.Spelling == e.Type.Canonical.Spelling)
            return Lift(children[0]); // T{other}: a copy
        if (type is StructType storage && _types.IsStorage(e.Type)) return StorageFromList(e, storage, at);
        int count = type switch
        {
            VectorType v => v.Length,
            StructType s => _types.MemberCount(s),
            _ when type.IsFirstClassScalar => 1,
            _ => throw Unsupported(Codes.UnsupportedExpression, at, $"a brace initializer of type '{e.Type.Spelling}' is not translated here"),
        };
        if (type.IsFirstClassScalar)
            return children.Count == 0 ? new ValueOperand(ZeroOf(e.Type, type, at), e.Type, type) : ConvertOperand(Lift(children[0]), e.Type, at);
        // libclang shows the written form of a brace list, without the conversions to each member's type.
        var members = Records.Fields(e.Type);
        if (members.Count != count)
            throw Unsupported(Codes.UnsupportedExpression, at, $"a brace initializer of '{e.Type.Spelling}' (a class with bases) is not translated");
        var given = InitializedMembers(e, at);
        var elements = members.Select(f => !given.TryGetValue(f, out var member) ? OmittedMember(f, at)
            : f.Type.Canonical.IsReference ? AddressOfOrTemporary(Lift(member.Value), at) // a reference member: the address it binds
            : member.Elided is null ? Read(ElementValue(member.Value, f.Type, at), at)
            : throw RefusedBraceList(e, at)).ToList(); // an array member's elided braces: only where the object is a place
        if (type is StructType st) elements = _types.WithPadding(st, elements, t => Literal(0, t, at));
        return new ValueOperand(new MakeExpr(at, type, elements), e.Type, type);
    }
}
