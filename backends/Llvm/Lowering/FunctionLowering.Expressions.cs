using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Lowering;

public abstract partial class FunctionLowering
{
    /// <summary>
    /// The address a load or store through a program pointer uses, after any check the target emits
    /// before it (the cpu device's <c>--check</c> mode); by default the pointer itself, unchecked.
    /// </summary>
    protected virtual LValue AccessAddress(LValue pointer, long bytes, long align, bool write) => pointer;

    /// <summary>Lowers an expression to its value (void expressions yield a null handle).</summary>
    protected LValue EmitExpr(Expr e)
    {
        if (Substitutions.TryGetValue(e, out var computed)) return computed();
        switch (e)
        {
            case IntLit i: return LlvmContext.ConstInt(T.Value(i.Type), unchecked((long)(ulong)(i.Value & ulong.MaxValue)));
            case FloatLit f: return LlvmContext.ConstReal(T.Value(f.Type), f.Value);
            case BoolLit b: return C.Bool(b.Value);
            case StringLit s: return M.String(s.Value);
            case NullLit: return LlvmContext.Null(C.Ptr);
            case VarRef v: return B.Load(T.Value(v.Symbol.Type), VariableAddress(v.Symbol), T.AlignOf(v.Symbol.Type));
            case BinaryExpr b: return EmitBinary(b);
            case UnaryExpr u:
            {
                var x = EmitExpr(u.Operand);
                return u.Op == UnaryOp.FNeg ? B.FNeg(x) : B.Not(x);
            }
            case CastExpr c: return EmitCast(c);
            case LoadExpr l: return B.Load(T.Value(l.Type), AccessAddress(EmitExpr(l.Pointer), T.SizeOf(l.Type), T.AlignOf(l.Type), write: false), T.AlignOf(l.Type));
            case StoreExpr s:
            {
                var p = EmitExpr(s.Pointer);
                var v = EmitExpr(s.Value);
                p = AccessAddress(p, T.SizeOf(s.Value.Type), T.AlignOf(s.Value.Type), write: true);
                B.Store(v, p, T.AlignOf(s.Value.Type));
                return default;
            }
            case PtrAddExpr pa: return Offset(EmitExpr(pa.Pointer), EmitExpr(pa.Index), pa.Index.Type, ((PointerType)pa.Type).Pointee);
            case ArrayPtrAddExpr aa: return EmitArrayPtrAdd(aa);
            case StructPtrAddExpr sa:
            {
                var p = EmitExpr(sa.Pointer);
                long offset = T.Layout.OffsetOf(((PointerType)sa.Pointer.Type).Pointee, sa.FieldIndex);
                return offset == 0 ? p : B.ByteOffset(p, C.I64Const(offset));
            }
            case AllocExpr a:
            {
                var n = B.Binary(Opcode.Mul, ToI64(EmitExpr(a.Count), a.Count.Type, signed: false), C.I64Const(T.SizeOf(a.ElementType)));
                return B.Alloca(C.I8, n, Math.Max(16, T.AlignOf(a.ElementType)));
            }
            case PtrToExpr pt: return VariableAddress(pt.Symbol);
            case CallExpr c: return EmitCall(c);
            case AsmExpr a: return EmitAsm(a);
            case SelectExpr s:
            {
                var c = EmitExpr(s.Condition);
                var a = EmitExpr(s.IfTrue);
                var b = EmitExpr(s.IfFalse);
                return B.Select(c, a, b);
            }
            case CondExpr c: return EmitChoice(c.Condition, () => EmitExpr(c.IfTrue), () => EmitExpr(c.IfFalse), c.Type);
            case LogicalExpr l when Speculatable(l.Right, 16) >= 0:
            {
                // A right side that cannot fault or have effects is evaluated either way, chosen by a select (which
                // keeps a poison right side from mattering where the left decides): straight-line code, so a
                // thread loop holding `a.y > p.y && p.x < s * (p.y - a.y) + a.x` vectorizes without masked gathers.
                var left = EmitExpr(l.Left);
                var right = EmitExpr(l.Right);
                return l.IsAnd ? B.Select(left, right, C.Bool(false)) : B.Select(left, C.Bool(true), right);
            }
            case LogicalExpr l:
                return l.IsAnd
                    ? EmitChoice(l.Left, () => EmitExpr(l.Right), () => C.Bool(false), IrType.Bool)
                    : EmitChoice(l.Left, () => C.Bool(true), () => EmitExpr(l.Right), IrType.Bool);
            case BeginExpr b:
                EmitBlock(b.Statements);
                EnsureOpen();
                return EmitExpr(b.Result);
            case ExtractValueExpr x: return ExtractElement(EmitExpr(x.Aggregate), x.Aggregate.Type, x.ResolvedIndex);
            case InsertValueExpr x: return InsertElement(EmitExpr(x.Aggregate), x.Aggregate.Type, x.ResolvedIndex, EmitExpr(x.Value));
            case MakeExpr m:
            {
                var agg = LlvmContext.Undef(T.Value(m.Type));
                for (int k = 0; k < m.Elements.Count; k++) agg = InsertElement(agg, m.Type, k, EmitExpr(m.Elements[k]));
                return agg;
            }
            default:
                return EmitCuda(e);
        }
    }

    /// <summary>C's <c>?:</c>: only the chosen side runs; the two results meet in a phi.</summary>
    private LValue EmitChoice(Expr condition, Func<LValue> ifTrue, Func<LValue> ifFalse, IrType type)
    {
        var c = EmitExpr(condition);
        var a = NewBlock("cond.true");
        var b = NewBlock("cond.false");
        var join = NewBlock("cond.end");
        B.CondBr(c, a, b);
        B.PositionAtEnd(a);
        var va = ifTrue();
        var fromA = B.CurrentBlock;
        B.Br(join);
        B.PositionAtEnd(b);
        var vb = ifFalse();
        var fromB = B.CurrentBlock;
        B.Br(join);
        B.PositionAtEnd(join);
        return type.IsVoid ? default : B.Phi(T.Value(type), [(va, fromA), (vb, fromB)]);
    }

    private LValue EmitBinary(BinaryExpr b)
    {
        var l = EmitExpr(b.Left);
        var r = EmitExpr(b.Right);
        var t = b.Left.Type;
        switch (b.Op)
        {
            case BinaryOp.Add: return B.Binary(Opcode.Add, l, r);
            case BinaryOp.Sub: return B.Binary(Opcode.Sub, l, r);
            case BinaryOp.Mul: return B.Binary(Opcode.Mul, l, r);
            case BinaryOp.And: return B.Binary(Opcode.And, l, r);
            case BinaryOp.Or: return B.Binary(Opcode.Or, l, r);
            case BinaryOp.Xor: return B.Binary(Opcode.Xor, l, r);
            case BinaryOp.Shl: return B.Binary(Opcode.Shl, l, MaskShift(r, t));
            case BinaryOp.LShr: return B.Binary(Opcode.LShr, l, MaskShift(r, t));
            case BinaryOp.AShr: return B.Binary(Opcode.AShr, l, MaskShift(r, t));
            case BinaryOp.Div or BinaryOp.Rem or BinaryOp.UDiv or BinaryOp.URem: return EmitDivision(b.Op, l, r, t, b.Right);
            case BinaryOp.FAdd: return B.Binary(Opcode.FAdd, l, r);
            case BinaryOp.FSub: return B.Binary(Opcode.FSub, l, r);
            case BinaryOp.FMul: return B.Binary(Opcode.FMul, l, r);
            case BinaryOp.FDiv: return B.Binary(Opcode.FDiv, l, r);
            case BinaryOp.FRem: return B.Binary(Opcode.FRem, l, r);
            case BinaryOp.Eq: return B.ICmp(IntPredicate.Eq, l, r);
            case BinaryOp.Ne: return B.ICmp(IntPredicate.Ne, l, r);
            case BinaryOp.Lt: return B.ICmp(IntPredicate.Slt, l, r);
            case BinaryOp.Gt: return B.ICmp(IntPredicate.Sgt, l, r);
            case BinaryOp.Le: return B.ICmp(IntPredicate.Sle, l, r);
            case BinaryOp.Ge: return B.ICmp(IntPredicate.Sge, l, r);
            case BinaryOp.ULt: return B.ICmp(IntPredicate.Ult, l, r);
            case BinaryOp.UGt: return B.ICmp(IntPredicate.Ugt, l, r);
            case BinaryOp.ULe: return B.ICmp(IntPredicate.Ule, l, r);
            case BinaryOp.UGe: return B.ICmp(IntPredicate.Uge, l, r);
            case BinaryOp.FEq: return B.FCmp(RealPredicate.Oeq, l, r);
            case BinaryOp.FNe: return B.FCmp(RealPredicate.One, l, r); // the IR's fne is ordered (as upstream)
            case BinaryOp.FUne: return B.FCmp(RealPredicate.Une, l, r); // C's != is true for NaN
            case BinaryOp.FLt: return B.FCmp(RealPredicate.Olt, l, r);
            case BinaryOp.FGt: return B.FCmp(RealPredicate.Ogt, l, r);
            case BinaryOp.FLe: return B.FCmp(RealPredicate.Ole, l, r);
            case BinaryOp.FGe: return B.FCmp(RealPredicate.Oge, l, r);
            default: throw new InvalidOperationException(b.Op.ToString());
        }
    }

    /// <summary>Shift amounts are taken modulo the bit width (the IR's rule; LLVM would give poison).</summary>
    private LValue MaskShift(LValue amount, IrType t)
    {
        var elem = t.ElementOrSelf;
        var mask = LlvmContext.ConstInt(T.Value(elem), elem.Bits - 1);
        if (t is VectorType v) mask = LlvmContext.ConstVector(Enumerable.Repeat(mask, v.Length).ToList());
        return B.Binary(Opcode.And, amount, mask);
    }

    /// <summary>Whether <paramref name="divisor"/> keeps its value wherever the function runs (then division by it is
    /// multiplication, <see cref="InvariantDivision"/>); a backend that knows its loops says so.</summary>
    protected virtual bool DivisorIsInvariant(Expr divisor) => false;

    /// <summary>Inline assembly: its template is for one target, so only the backend for that target can emit it.</summary>
    protected virtual LValue EmitAsm(AsmExpr a) =>
        throw Unsupported(Codes.UnsupportedExternal, a.Location, "inline assembly cannot run on this device");

    /// <summary>
    /// Integer division: division by zero is the runtime error TR0306 (x86 would raise SIGFPE);
    /// MIN / -1 wraps to MIN and MIN % -1 is 0, as on the interpreter (x86 would trap too).
    /// </summary>
    private LValue EmitDivision(BinaryOp op, LValue l, LValue r, IrType t, Expr divisor)
    {
        if (t is VectorType) // lanes are not checked: the IR's vector division by zero is undefined here
            return B.Binary(op switch { BinaryOp.Div => Opcode.SDiv, BinaryOp.Rem => Opcode.SRem, BinaryOp.UDiv => Opcode.UDiv, _ => Opcode.URem }, l, r);
        var type = T.Value(t);
        var zero = LlvmContext.Null(type);
        var bad = NewBlock("div.zero");
        var ok = NewBlock("div.ok");
        B.CondBr(B.ICmp(IntPredicate.Eq, r, zero), bad, ok);
        B.PositionAtEnd(bad);
        EmitFailure(Codes.DivideByZero, "integer division by zero");
        B.PositionAtEnd(ok);
        if (t.Bits is 32 or 64 && DivisorIsInvariant(divisor)) return InvariantDivision.Emit(M.Module, B, op, l, r, t.Bits);
        if (op is BinaryOp.UDiv) return B.Binary(Opcode.UDiv, l, r);
        if (op is BinaryOp.URem) return B.Binary(Opcode.URem, l, r);
        var minusOne = B.ICmp(IntPredicate.Eq, r, LlvmContext.ConstInt(type, -1));
        var safe = B.Select(minusOne, LlvmContext.ConstInt(type, 1), r);
        if (op is BinaryOp.Div) return B.Select(minusOne, B.Neg(l), B.Binary(Opcode.SDiv, l, safe));
        return B.Select(minusOne, zero, B.Binary(Opcode.SRem, l, safe));
    }

    private LValue EmitCast(CastExpr c)
    {
        var v = EmitExpr(c.Operand);
        var from = c.Operand.Type;
        var to = T.Value(c.Target);
        switch (c.Op)
        {
            // bool converts to float as 0 or 1 (C's (float)true is 1); sext of a bool is 0 or -1
            // (docs/ir/integers.md), which LLVM's sext of an i1 gives.
            case CastOp.SIToFP: return B.Cast(from.IsBool ? Opcode.UIToFP : Opcode.SIToFP, v, to);
            case CastOp.UIToFP: return B.Cast(Opcode.UIToFP, v, to);
            case CastOp.SExt: return B.Cast(Opcode.SExt, v, to);
            case CastOp.ZExt: return B.Cast(Opcode.ZExt, v, to);
            case CastOp.Trunc: return B.Cast(Opcode.Trunc, v, to);
            case CastOp.FPExt: return B.Cast(Opcode.FPExt, v, to);
            case CastOp.FPTrunc: return B.Cast(Opcode.FPTrunc, v, to);
            // Saturating, NaN → 0: the IR's rule (plain fptosi would be poison out of range).
            case CastOp.FPToSI: return B.Call(M.Module.Intrinsic("llvm.fptosi.sat", to, T.Value(from)), v);
            case CastOp.FPToUI: return B.Call(M.Module.Intrinsic("llvm.fptoui.sat", to, T.Value(from)), v);
            case CastOp.IntToPtr: return B.Cast(Opcode.IntToPtr, v, to);
            case CastOp.PtrToInt: return B.Cast(Opcode.PtrToInt, v, to);
            case CastOp.AddrSpaceCast: return v; // one address space on this target family's lowering
            case CastOp.Bitcast:
                if (from.IsPointer) return v;
                if (from is VectorType && c.Target is VectorType || T.Value(from).Equals(to)) return B.Cast(Opcode.BitCast, v, to);
                return B.Cast(Opcode.BitCast, v, to);
            default: throw new InvalidOperationException(c.Op.ToString());
        }
    }

    /// <summary>An integer widened (or narrowed) to i64 for address arithmetic.</summary>
    protected LValue ToI64(LValue v, IrType t, bool signed)
    {
        if (t.Bits == 64) return v;
        return B.Cast(signed && !t.IsBool ? Opcode.SExt : Opcode.ZExt, v, C.I64);
    }

    /// <summary>P advanced by INDEX elements of <paramref name="element"/> (index signed).</summary>
    protected LValue Offset(LValue ptr, LValue index, IrType indexType, IrType element)
    {
        var bytes = B.Binary(Opcode.Mul, ToI64(index, indexType, signed: true), C.I64Const(T.SizeOf(element)));
        return B.ByteOffset(ptr, bytes);
    }

    private LValue EmitArrayPtrAdd(ArrayPtrAddExpr aa)
    {
        LValue basePtr;
        IrType arrayType;
        if (aa.Array is VarRef { Symbol.Type: ArrayType at } v)
        {
            basePtr = VariableAddress(v.Symbol);
            arrayType = at;
        }
        else
        {
            basePtr = EmitExpr(aa.Array);
            arrayType = ((PointerType)aa.Array.Type).Pointee;
        }
        return Offset(basePtr, EmitExpr(aa.Index), aa.Index.Type, ((ArrayType)arrayType).Element);
    }

    /// <summary>Element <paramref name="index"/> of an aggregate value, as a register value.</summary>
    private LValue ExtractElement(LValue agg, IrType type, int index)
    {
        switch (type)
        {
            case VectorType: return B.ExtractElement(agg, C.I32Const(index));
            case StructType st:
            {
                var field = T.Layout.ElementType(st, index);
                return FromNested(B.ExtractValue(agg, T.FieldIndex(st.Name, index)), field);
            }
            case ArrayType a: return FromNested(B.ExtractValue(agg, index), a.Element);
            default: throw new InvalidOperationException(type.ToString());
        }
    }

    private LValue InsertElement(LValue agg, IrType type, int index, LValue value)
    {
        switch (type)
        {
            case VectorType: return B.InsertElement(agg, value, C.I32Const(index));
            case StructType st:
                return B.InsertValue(agg, ToNested(value, T.Layout.ElementType(st, index)), T.FieldIndex(st.Name, index));
            case ArrayType a: return B.InsertValue(agg, ToNested(value, a.Element), index);
            default: throw new InvalidOperationException(type.ToString());
        }
    }

    /// <summary>A vector stored inside an aggregate is an array: convert it to a vector value.</summary>
    private LValue FromNested(LValue v, IrType t)
    {
        if (t is not VectorType vt) return v;
        var vec = LlvmContext.Undef(T.Value(vt));
        for (int k = 0; k < vt.Length; k++) vec = B.InsertElement(vec, B.ExtractValue(v, k), C.I32Const(k));
        return vec;
    }

    private LValue ToNested(LValue v, IrType t)
    {
        if (t is not VectorType vt) return v;
        var arr = LlvmContext.Undef(T.Nested(vt));
        for (int k = 0; k < vt.Length; k++) arr = B.InsertValue(arr, B.ExtractElement(v, C.I32Const(k)), k);
        return arr;
    }

    /// <summary>
    /// What is left of <paramref name="budget"/> IR nodes after <paramref name="e"/>, or −1 when it may fault, has an
    /// effect or is too large to evaluate where C would skip it: literals, variables, thread indices, arithmetic and
    /// comparisons other than integer division, casts, and loads of a local variable or one of its fields (never a
    /// load through a pointer, nor an array element: <c>i &lt; n &amp;&amp; a[i]</c> guards the access).
    /// </summary>
    private static int Speculatable(Expr e, int budget)
    {
        if (--budget < 0) return -1;
        return e switch
        {
            IntLit or FloatLit or BoolLit or NullLit or VarRef or SpecialRegisterExpr => budget,
            UnaryExpr u => Speculatable(u.Operand, budget),
            CastExpr c => Speculatable(c.Operand, budget),
            BinaryExpr { Op: BinaryOp.Div or BinaryOp.Rem or BinaryOp.UDiv or BinaryOp.URem } => -1,
            BinaryExpr b => Speculatable(b.Right, Speculatable(b.Left, budget)),
            LogicalExpr l => Speculatable(l.Right, Speculatable(l.Left, budget)),
            LoadExpr { Pointer: PtrToExpr } => budget,
            LoadExpr { Pointer: StructPtrAddExpr { Pointer: PtrToExpr } } => budget,
            _ => -1,
        };
    }
}
