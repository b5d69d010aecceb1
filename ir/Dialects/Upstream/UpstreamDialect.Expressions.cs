using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    private sealed partial class Writer
    {
        /// <summary>An expression of our type <paramref name="want"/>, cast where upstream types it in another address space.</summary>
        private SExpr Expect(Expr e, IrType want) => Coerce(Expr(e), want, At(e));

        private static SExpr Coerce(Up u, IrType want, SourceLocation at)
        {
            if (u.Type == want) return u.Form;
            if (u.Type is PointerType p && want is PointerType w)
                return p.Pointee == w.Pointee
                    ? L(A("addrspacecast"), u.Form, TypeForm(want))
                    : L(A("bitcast"), u.Form, TypeForm(want));
            throw new NoSpelling(at, $"a {u.Type} where {want} is expected");
        }

        private Up Expr(Expr e)
        {
            var at = At(e);
            switch (e)
            {
                case IntLit i: return new(IntConst(i.Value, i.Type, at), i.Type);
                case FloatLit f: return new(FloatConst(f.Value, f.Type, at), f.Type);
                case BoolLit b: return new(A(b.Value ? "#t" : "#f"), IrType.Bool);
                case StringLit: throw new NoSpelling(at, "a string literal (upstream's llvm.py names its global with a '-', which llc's PTX printer rejects)");
                case NullLit n: return new(L(A("inttoptr"), L(A("sext"), A("0"), A("int64")), Type(n.PointerType, at)), n.PointerType);
                case VarRef v when _boxed.Contains(v.Name) && v.Symbol.Kind is SymbolKind.Global or SymbolKind.Shared:
                    return new(L(A("load"), L(A("aptradd"), A(NameOf(v.Symbol)), A("0"))), v.Type);
                case VarRef v: return new(A(NameOf(v.Symbol)), v.Type);
                case BinaryExpr b: return Binary(b, at);
                case UnaryExpr { Op: UnaryOp.FNeg } u: return new(L(A("fneg"), Expr(u.Operand).Form), u.Type);
                case UnaryExpr u when u.Type.IsBool: return new(L(A("not"), Expr(u.Operand).Form), IrType.Bool);
                case UnaryExpr u when u.Type.IsInteger: return new(L(A("xor"), Expr(u.Operand).Form, IntConst(-1, u.Type, at)), u.Type);
                case CastExpr c: return Cast(c, at);
                case LoadExpr l:
                {
                    var p = Expr(l.Pointer);
                    return new(L(A("load"), p.Form), ((PointerType)p.Type).Pointee);
                }
                case StoreExpr s:
                {
                    var p = Expr(s.Pointer);
                    var pointee = ((PointerType)p.Type).Pointee;
                    return new(L(A("store"), p.Form, Expect(s.Value, pointee)), pointee);
                }
                case PtrAddExpr p: return PtrAdd(p, at);
                case ArrayPtrAddExpr a: return ArrayPtrAdd(a, at);
                case StructPtrAddExpr s: return StructPtrAdd(s, at);
                case AllocExpr a:
                    return new(L(A("alloc"), Type(a.ElementType, at), Expr(a.Count).Form), new PointerType(a.ElementType, AddressSpace.Generic));
                case PtrToExpr p: return PtrTo(p, at);
                case CallExpr c: return Call(c, at);
                case AsmExpr a:
                    return new(L(new SExpr[] { A("asm"), Type(a.ReturnType, at), new SString(a.Template, None), new SString(a.Constraints, None) }
                        .Concat(a.Arguments.Select(x => Expr(x).Form))), a.ReturnType);
                case SelectExpr s:
                    return new(L(A("select"), Condition(s.Condition), Expect(s.IfTrue, s.Type), Expect(s.IfFalse, s.Type)), s.Type);
                case CondExpr c when IsSafeToEvaluate(c.IfTrue) && IsSafeToEvaluate(c.IfFalse):
                    return new(L(A("select"), Condition(c.Condition), Expect(c.IfTrue, c.Type), Expect(c.IfFalse, c.Type)), c.Type);
                case LogicalExpr l when IsSafeToEvaluate(l.Right):
                    return new(L(A(l.IsAnd ? "and" : "or"), Condition(l.Left), Condition(l.Right)), IrType.Bool);
                case CondExpr or LogicalExpr when _prelude is not null:
                    return ShortCircuit(e, at);
                case CondExpr or LogicalExpr:
                    throw new NoSpelling(at, "a short-circuit '&&', '||' or '?:' whose skipped operand has effects or may fault (upstream's and/or/select evaluate every operand), in a 'for' part or where moving it first would change what the rest of the statement reads");
                case BeginExpr begin when _prelude is not null:
                    return Sequence(begin);
                case BeginExpr:
                    throw new NoSpelling(at, "statements inside an expression ('begin': C's comma operator or an assignment inside an expression) in a loop condition or 'for' part, or where moving them first would change what the rest of the statement reads");
                case ExtractValueExpr x when x.Aggregate.Type is StructType:
                    return new(L(A("extractvalue"), Expr(x.Aggregate).Form, A(x.ResolvedIndex.ToString())), x.Type);
                case InsertValueExpr x when x.Aggregate.Type is StructType:
                {
                    var field = ((StructType)x.Aggregate.Type).Name is var name && _layout.FindStruct(name) is { } def ? def.Fields[x.ResolvedIndex].Type : x.Value.Type;
                    return new(L(A("insertvalue"), Expr(x.Aggregate).Form, Expect(x.Value, field), A(x.ResolvedIndex.ToString())), x.Type);
                }
                default:
                    return Cuda(e, at);
            }
        }

        /// <summary>Whether evaluating <paramref name="e"/> where C would skip it changes nothing: no memory access,
        /// call, division (which may trap) or effect — then upstream's eager and/or/select mean C's lazy ones.</summary>
        private static bool IsSafeToEvaluate(Expr e) => e switch
        {
            IntLit or FloatLit or BoolLit or NullLit or VarRef or SpecialRegisterExpr => true,
            BinaryExpr { Op: BinaryOp.Div or BinaryOp.Rem or BinaryOp.UDiv or BinaryOp.URem } => false,
            BinaryExpr b => IsSafeToEvaluate(b.Left) && IsSafeToEvaluate(b.Right),
            UnaryExpr u => IsSafeToEvaluate(u.Operand),
            CastExpr c => IsSafeToEvaluate(c.Operand),
            SelectExpr s => IsSafeToEvaluate(s.Condition) && IsSafeToEvaluate(s.IfTrue) && IsSafeToEvaluate(s.IfFalse),
            CondExpr c => IsSafeToEvaluate(c.Condition) && IsSafeToEvaluate(c.IfTrue) && IsSafeToEvaluate(c.IfFalse),
            LogicalExpr l => IsSafeToEvaluate(l.Left) && IsSafeToEvaluate(l.Right),
            PtrAddExpr p => IsSafeToEvaluate(p.Pointer) && IsSafeToEvaluate(p.Index),
            _ => false,
        };

        private Up Binary(BinaryExpr b, SourceLocation at)
        {
            var t = b.Left.Type;
            SExpr l() => Expect(b.Left, t);
            SExpr r() => Expect(b.Right, t);
            Up Same(string op) => new(L(A(op), l(), r()), b.Type);
            if (t is not ScalarType && !t.IsPointer) throw new NoSpelling(at, $"'{OperatorNames.Name(b.Op)}' on {t} values");
            switch (b.Op)
            {
                case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.UDiv or BinaryOp.URem
                    or BinaryOp.FAdd or BinaryOp.FSub or BinaryOp.FMul or BinaryOp.FDiv
                    or BinaryOp.FEq or BinaryOp.FNe or BinaryOp.FLt or BinaryOp.FGt or BinaryOp.FLe or BinaryOp.FGe:
                    return Same(OperatorNames.Name(b.Op));
                case BinaryOp.Xor when t.IsInteger: return Same("xor");
                case BinaryOp.And or BinaryOp.Or when t.IsBool: return Same(OperatorNames.Name(b.Op));
                case BinaryOp.Xor or BinaryOp.Ne when t.IsBool:
                    return new(L(A("select"), l(), L(A("not"), r()), r()), IrType.Bool);
                case BinaryOp.Eq when t.IsBool:
                    return new(L(A("select"), l(), r(), L(A("not"), r())), IrType.Bool);
                case BinaryOp.And or BinaryOp.Or:
                    return Bitwise(b, t, at);
                case BinaryOp.Shl or BinaryOp.LShr or BinaryOp.AShr:
                    // Our count is taken modulo the width; upstream's (LLVM's) shift by the width or more is poison.
                    return new(L(A(OperatorNames.Name(b.Op)), l(), ShiftCount(b.Right, t, at)), t);
                case BinaryOp.Div or BinaryOp.Rem:
                    return Division(b, t, at);
                case BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Gt or BinaryOp.Le or BinaryOp.Ge when t.IsInteger:
                    return Same(OperatorNames.Name(b.Op));
                case BinaryOp.Eq or BinaryOp.Ne or BinaryOp.ULt or BinaryOp.UGt or BinaryOp.ULe or BinaryOp.UGe when t.IsPointer:
                {
                    string op = b.Op switch { BinaryOp.ULt => "lt", BinaryOp.UGt => "gt", BinaryOp.ULe => "le", BinaryOp.UGe => "ge", _ => OperatorNames.Name(b.Op) };
                    SExpr Bits(SExpr p) => L(A("ptrtoint"), p, A("int64"));
                    return b.Op is BinaryOp.Eq or BinaryOp.Ne
                        ? new(L(A(op), Bits(l()), Bits(r())), IrType.Bool)
                        : new(L(A(op), Flip(Bits(l()), IrType.Int64, at), Flip(Bits(r()), IrType.Int64, at)), IrType.Bool);
                }
                case BinaryOp.ULt or BinaryOp.UGt or BinaryOp.ULe or BinaryOp.UGe when t.IsInteger:
                {
                    // Unsigned order is signed order with the sign bit flipped on both sides.
                    string op = b.Op switch { BinaryOp.ULt => "lt", BinaryOp.UGt => "gt", BinaryOp.ULe => "le", _ => "ge" };
                    return new(L(A(op), Flip(l(), t, at), Flip(r(), t, at)), IrType.Bool);
                }
                case BinaryOp.FUne:
                    return new(L(A("not"), L(A("feq"), l(), r())), IrType.Bool);
                default:
                    throw new NoSpelling(at, $"'{OperatorNames.Name(b.Op)}' on {t} (upstream has no {(b.Op == BinaryOp.FRem ? "float remainder" : "such operation")})");
            }
        }

        private SExpr Flip(SExpr v, IrType t, SourceLocation at) => L(A("xor"), v, IntConst(Int128.NegativeOne << (t.Bits - 1), t, at));

        private SExpr ShiftCount(Expr count, IrType t, SourceLocation at) =>
            count is IntLit lit
                ? IntConst(((lit.Value % t.Bits) + t.Bits) % t.Bits, t, at)
                : L(A("urem"), Expect(count, t), IntConst(t.Bits, t, at));

        /// <summary>Our <c>MIN / -1</c> is MIN and <c>MIN % -1</c> is 0; upstream's (LLVM's) is undefined. A divisor of −1 is
        /// replaced by 1 and the quotient negated (wrapping: −MIN is MIN); a remainder by ±1 is 0 either way. Only the
        /// divisor is written more than once, so it must be a value that reads the same each time.</summary>
        private Up Division(BinaryExpr b, IrType t, SourceLocation at)
        {
            string op = OperatorNames.Name(b.Op);
            if (b.Right is IntLit lit && Wrap(lit.Value, t.Bits) != -1)
                return new(L(A(op), Expect(b.Left, t), Expect(b.Right, t)), t);
            if (!IsDuplicable(b.Right))
                throw new NoSpelling(at, "a signed division by a divisor with effects (upstream's MIN / -1 is undefined, ours is MIN: the divisor is tested first)");
            SExpr minusOne() => L(A("eq"), Expect(b.Right, t), IntConst(-1, t, at));
            var divisor = L(A("select"), minusOne(), IntConst(1, t, at), Expect(b.Right, t));
            var quotient = L(A(op), Expect(b.Left, t), divisor);
            return b.Op == BinaryOp.Rem
                ? new(quotient, t)
                : new(L(A("mul"), quotient, L(A("select"), minusOne(), IntConst(-1, t, at), IntConst(1, t, at))), t);
        }

        /// <summary>Whether <paramref name="e"/> may be written twice: no effects, and reads that give the same value again.</summary>
        private static bool IsDuplicable(Expr e) => IsSafeToEvaluate(e) || e is LoadExpr l && IsDuplicable(l.Pointer)
            || e is BinaryExpr b && IsDuplicable(b.Left) && IsDuplicable(b.Right) || e is CastExpr c && IsDuplicable(c.Operand)
            || e is PtrAddExpr p && IsDuplicable(p.Pointer) && IsDuplicable(p.Index)
            || e is ArrayPtrAddExpr a && IsDuplicable(a.Array) && IsDuplicable(a.Index)
            || e is StructPtrAddExpr s && IsDuplicable(s.Pointer);

        /// <summary>Integer and/or. A mask of low bits is an unsigned remainder (<c>x &amp; 31</c> is <c>(urem x 32)</c>), its
        /// complement the difference (<c>x &amp; -32</c> is <c>x − (urem x 32)</c>); otherwise the arithmetic of
        /// <see cref="BitwiseHelper"/>, written in place when both operands are plain values and called otherwise.</summary>
        private Up Bitwise(BinaryExpr b, IrType t, SourceLocation at)
        {
            bool isAnd = b.Op == BinaryOp.And;
            var (value, mask) = b.Right is IntLit ? (b.Left, b.Right as IntLit) : (b.Right, b.Left as IntLit);
            if (isAnd && mask is not null && IsDuplicable(value))
            {
                var m = Wrap(mask.Value, t.Bits);
                var low = m + 1;
                if (m >= 0 && (low & (low - 1)) == 0 && low > 1)
                    return new(L(A("urem"), Expect(value, t), IntConst(low, t, at)), t);
                var high = -m; // m = −2^k: every bit from k up
                if (m < 0 && (high & (high - 1)) == 0 && high > 1)
                    return new(L(A("sub"), Expect(value, t), L(A("urem"), Expect(value, t), IntConst(high, t, at))), t);
            }
            if (IsDuplicable(b.Left) && IsDuplicable(b.Right))
            {
                var and = AndArithmetic(Expect(b.Left, t), Expect(b.Right, t), t);
                return isAnd ? new(and, t) : new(L(A("add"), L(A("xor"), Expect(b.Left, t), Expect(b.Right, t)), and), t);
            }
            return new(L(A("call"), A(BitwiseHelper(isAnd, t)), Expect(b.Left, t), Expect(b.Right, t)), t);
        }

        private static SExpr AndArithmetic(SExpr a, SExpr b, IrType t)
        {
            SExpr K(long v) => IntConst(v, t, None);
            int top = t.Bits - 1;
            var low = L(A("lshr"), L(A("sub"), L(A("add"), a, b), L(A("xor"), a, b)), K(1));
            var high = L(A("shl"), L(A("mul"), L(A("lshr"), a, K(top)), L(A("lshr"), b, K(top))), K(top));
            return L(A("add"), low, high);
        }

        /// <summary>Upstream's and/or take only bool; on integers they are helper functions of exact arithmetic:
        /// a + b = (a ^ b) + 2(a &amp; b), so a &amp; b is ((a + b) − (a ^ b)) >> 1 with its top bit the product of the operands' top bits.</summary>
        private string BitwiseHelper(bool isAnd, IrType t)
        {
            string andName = Helper($"tr_and_{TypeName(t)}", t, ["a", "b"], AndArithmetic(A("a"), A("b"), t));
            if (isAnd) return andName;
            return Helper($"tr_or_{TypeName(t)}", t, ["a", "b"],
                L(A("add"), L(A("xor"), A("a"), A("b")), L(A("call"), A(andName), A("a"), A("b"))));
        }

        /// <summary>Defines, once, the helper function <paramref name="name"/> returning <paramref name="body"/>, its result
        /// and every parameter of type <paramref name="t"/>; its name.</summary>
        private string Helper(string name, IrType t, string[] parameters, SExpr body)
        {
            var ty = A(TypeName(t));
            if (!_helpers.ContainsKey(name))
                _helpers[name] = L(A("define"), L([L(A(name), ty), .. parameters.Select(p => L(A(p), ty))]), L(A("ret"), body));
            return name;
        }

        private Up Cast(CastExpr c, SourceLocation at)
        {
            var from = c.Operand.Type;
            var to = c.Target;
            var operand = Expr(c.Operand).Form;
            if (from.IsBool)
            {
                // Upstream's casts take no bool; a bool is 0 or 1 (sext: 0 or -1).
                return c.Op switch
                {
                    CastOp.ZExt when to.IsInteger => new(L(A("select"), operand, IntConst(1, to, at), IntConst(0, to, at)), to),
                    CastOp.SExt when to.IsInteger => new(L(A("select"), operand, IntConst(-1, to, at), IntConst(0, to, at)), to),
                    CastOp.UIToFP or CastOp.SIToFP when to.IsFloat =>
                        new(L(A("select"), operand, FloatConst(c.Op == CastOp.SIToFP ? -1 : 1, to, at), FloatConst(0, to, at)), to),
                    _ => throw new NoSpelling(at, $"'{OperatorNames.Name(c.Op)}' of a bool to {to}"),
                };
            }
            if (to.IsBool)
            {
                if (c.Op == CastOp.Trunc && from.IsInteger)
                    return new(L(A("ne"), L(A("urem"), operand, IntConst(2, from, at)), IntConst(0, from, at)), IrType.Bool);
                throw new NoSpelling(at, $"'{OperatorNames.Name(c.Op)}' of {from} to bool");
            }
            if (c.Op is CastOp.FPToSI or CastOp.FPToUI)
            {
                // Ours saturate (NaN gives 0); upstream's fptosi is LLVM's, poison out of range: LLVM's saturating intrinsics.
                string name = $"llvm.{(c.Op == CastOp.FPToSI ? "fptosi" : "fptoui")}.sat.i{to.Bits}.f{from.Bits}";
                return new(L(A("call"), A(Intrinsic(name, to, from)), operand), to);
            }
            Type(to, at);
            Type(from, at);
            return new(L(A(OperatorNames.Name(c.Op)), operand, TypeForm(to)), to);
        }

        /// <summary>Upstream's ptradd takes a variable for the pointer; any other pointer is advanced as an integer
        /// (the same address, without LLVM's getelementptr).</summary>
        private Up PtrAdd(PtrAddExpr p, SourceLocation at)
        {
            var pointer = Expr(p.Pointer);
            if (p.Pointer is VarRef && IsLocalOrParameter((VarRef)p.Pointer))
                return new(L(A("ptradd"), pointer.Form, Expr(p.Index).Form), pointer.Type);
            long size = _layout.SizeOf(((PointerType)pointer.Type).Pointee);
            return new(Advanced(pointer, p.Index, size, pointer.Type, at), pointer.Type);
        }

        private bool IsLocalOrParameter(VarRef v) => v.Symbol.Kind is SymbolKind.Local or SymbolKind.Parameter;

        /// <summary><c>(inttoptr (add (ptrtoint P int64) (mul I SIZE)) T)</c>.</summary>
        private SExpr Advanced(Up pointer, Expr index, long size, IrType result, SourceLocation at)
        {
            var i = Widened(index, at);
            var bytes = size == 1 ? i : L(A("mul"), i, IntConst(size, IrType.Int64, at));
            return L(A("inttoptr"), L(A("add"), L(A("ptrtoint"), pointer.Form, A("int64")), bytes), Type(result, at));
        }

        private SExpr Widened(Expr index, SourceLocation at) =>
            index.Type == IrType.Int64 ? Expr(index).Form
            : index is IntLit lit ? IntConst(lit.Value, IrType.Int64, at)
            : L(A("sext"), Expr(index).Form, A("int64"));

        private Up ArrayPtrAdd(ArrayPtrAddExpr a, SourceLocation at)
        {
            if (a.Array is VarRef v && v.Type is ArrayType arr)
                return new(L(A("aptradd"), A(NameOf(v.Symbol)), Expr(a.Index).Form), new PointerType(arr.Element, AddressSpace.Generic));
            var pointer = Expr(a.Array);
            if (pointer.Type is PointerType { Pointee: ArrayType pa } pt)
            {
                var result = new PointerType(pa.Element, pt.AddressSpace);
                return new(Advanced(pointer, a.Index, _layout.SizeOf(pa.Element), result, at), result);
            }
            throw new NoSpelling(at, $"'aptradd' of a {a.Array.Type} value");
        }

        /// <summary>Upstream's sptradd types its result as a generic pointer: a struct pointer in another space is made generic first.</summary>
        private Up StructPtrAdd(StructPtrAddExpr s, SourceLocation at)
        {
            var pointer = Expr(s.Pointer);
            if (pointer.Type is not PointerType { Pointee: StructType st } pt)
                throw new NoSpelling(at, $"'sptradd' of a {pointer.Type} (upstream has no vector lanes in memory)");
            var form = pointer.Form;
            if (pt.AddressSpace != AddressSpace.Generic)
                form = L(A("addrspacecast"), form, TypeForm(new PointerType(st, AddressSpace.Generic)));
            var field = _layout.FindStruct(st.Name)!.Fields[s.FieldIndex];
            return new(L(A("sptradd"), form, A(field.Name)), new PointerType(field.Type, AddressSpace.Generic));
        }

        private Up PtrTo(PtrToExpr p, SourceLocation at)
        {
            if (_boxed.Contains(p.Name) && p.Symbol.Kind is SymbolKind.Global or SymbolKind.Shared)
                return new(L(A("aptradd"), A(NameOf(p.Symbol)), A("0")), new PointerType(p.Symbol.Type, AddressSpace.Generic));
            if (p.Symbol.Kind is SymbolKind.Local or SymbolKind.Parameter)
                return new(L(A("ptr-to"), A(p.Name)), new PointerType(p.Symbol.Type, AddressSpace.Generic));
            if (p.Symbol.Type is ArrayType arr)
            {
                // A global array's address is its first element's (upstream's aptradd), as a pointer to the array.
                var want = new PointerType(arr, AddressSpace.Generic);
                return new(L(A("bitcast"), L(A("aptradd"), A(NameOf(p.Symbol)), A("0")), TypeForm(want)), want);
            }
            throw new NoSpelling(at, $"the address of global '{p.Name}' (upstream's ptr-to takes only local variables)");
        }

        private Up Call(CallExpr c, SourceLocation at)
        {
            if (c.Target.Function is not { Body: not null } f)
                throw new NoSpelling(at, $"a call of '{c.Function}', which the module does not define (upstream links no library into device code)");
            var args = c.Arguments.Select((x, i) => Expect(x, f.Parameters[i].Type));
            return new(L(new SExpr[] { A("call"), A(f.Name) }.Concat(args)), f.ReturnType);
        }
    }
}
