using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

internal sealed partial class FunctionEmitter
{
    /// <summary>The id of the expression's value (0 for void).</summary>
    private uint Expression(Expr e)
    {
        try { return ExpressionCore(e); }
        catch (SpirVUnsupported ex) { throw new SpirVLocatedException(e.Location, ex.Message); }
    }

    private uint TypeOf(Expr e) => e.Type is PointerType ? Types.Of(e.Type, SpirVTypes.ClassOf(inst.SpaceOf(e))) : Types.Of(e.Type);

    private uint ExpressionCore(Expr e)
    {
        switch (e)
        {
            case IntLit i: return e.Type.IsBool ? _m.ConstBool(i.Value != 0) : _m.ConstInt(e.Type.Bits, (ulong)(i.Value & ulong.MaxValue));
            case FloatLit f: return _m.ConstFloat(e.Type.Bits, f.Value);
            case BoolLit b: return _m.ConstBool(b.Value);
            case NullLit: { var sc = SpirVTypes.ClassOf(inst.SpaceOf(e)); uint id = _m.ConstNull(Types.Of(e.Type, sc)); _class[id] = sc; return id; }
            case StringLit s: return StringConstant(s.Value);
            case VarRef v: return Load(Address(v.Symbol, e), v.Symbol.Type, v.Symbol.Kind is SymbolKind.Local or SymbolKind.Parameter ? inst.SpaceOf(v.Symbol) : MemorySpace.Global);
            case PtrToExpr p: return Address(p.Symbol, e);
            case BinaryExpr b: return Binary(b);
            case UnaryExpr u:
            {
                uint x = Expression(u.Operand);
                if (u.Op == UnaryOp.FNeg) return Value(Op.FNegate, TypeOf(e), x);
                return Value(e.Type.IsBool ? Op.LogicalNot : Op.Not, TypeOf(e), x);
            }
            case CastExpr c: return Cast(c);
            case LoadExpr l:
            {
                uint p = Expression(l.Pointer);
                return Load(p, e.Type, MemorySpace.Global);
            }
            case StoreExpr st:
            {
                uint p = Expression(st.Pointer);
                Store(p, st.Value.Type.IsBool ? ToByte(Expression(st.Value)) : Expression(st.Value));
                return 0;
            }
            case PtrAddExpr pa:
            {
                uint p = Expression(pa.Pointer);
                var sc = ClassOf(p);
                return Pointer(Op.PtrAccessChain, Types.Of(e.Type, sc), sc, p, Expression(pa.Index));
            }
            case ArrayPtrAddExpr a:
            {
                uint baseId = a.Array is VarRef { Symbol.Type: ArrayType } v ? Address(v.Symbol, a.Array) : Expression(a.Array);
                var sc = ClassOf(baseId);
                if (a.Array is VarRef { Symbol: var dyn } && ModuleContext.IsDynamicShared(dyn))
                    return Pointer(Op.PtrAccessChain, Types.Of(e.Type, sc), sc, baseId, Expression(a.Index));
                return Pointer(Op.AccessChain, Types.Of(e.Type, sc), sc, baseId, Expression(a.Index));
            }
            case StructPtrAddExpr s:
            {
                uint p = Expression(s.Pointer);
                var sc = ClassOf(p);
                return Pointer(Op.InBoundsAccessChain, Types.Of(e.Type, sc), sc, p, _m.ConstInt(32, (ulong)s.FieldIndex));
            }
            case AllocExpr al:
            {
                if (al.Count is not IntLit n || n.Value <= 0) throw new SpirVUnsupported("alloc with a count that is not a positive constant");
                uint arr = NewVariable(_m.TypeArray(Types.Memory(al.ElementType), (long)n.Value), "alloc");
                return Pointer(Op.InBoundsAccessChain, Types.Of(e.Type, StorageClass.Function), StorageClass.Function, arr, _m.ConstInt(32, 0));
            }
            case CallExpr c: return Call(c);
            case SelectExpr s when e.Type is not PointerType:
            {
                uint cond = Expression(s.Condition), t = Expression(s.IfTrue), f = Expression(s.IfFalse);
                return Value(Op.Select, TypeOf(e), cond, t, f);
            }
            case SelectExpr s:
            {
                uint t = Expression(s.IfTrue), f = Expression(s.IfFalse);
                var sc = ClassOf(t);
                uint tt = Types.Of(e.Type, sc), v = NewVariable(tt, null);
                If(Expression(s.Condition), () => Store(v, t), () => Store(v, f));
                return Pointer(Op.Load, tt, sc, v);
            }
            case CondExpr c:
                return Choose(c.Condition, () => Expression(c.IfTrue), () => Expression(c.IfFalse), e.Type, SpirVTypes.ClassOf(inst.SpaceOf(e)));
            case LogicalExpr l:
                return l.IsAnd
                    ? Choose(l.Left, () => Expression(l.Right), () => _m.ConstBool(false), IrType.Bool, StorageClass.Function)
                    : Choose(l.Left, () => _m.ConstBool(true), () => Expression(l.Right), IrType.Bool, StorageClass.Function);
            case BeginExpr b:
                Statement(b.Statements);
                if (_terminated) throw new SpirVUnsupported("a jump inside an expression");
                return Expression(b.Result);
            case ExtractValueExpr x:
                return Value(Op.CompositeExtract, TypeOf(e), Expression(x.Aggregate), (uint)x.ResolvedIndex);
            case InsertValueExpr x:
            {
                uint agg = Expression(x.Aggregate);
                return Value(Op.CompositeInsert, TypeOf(e), Expression(x.Value), agg, (uint)x.ResolvedIndex);
            }
            case MakeExpr mk:
            {
                var parts = mk.Elements.Select(Expression).ToArray();
                // All-literal aggregates are module constants (llvm-spirv-15 crashes folding an all-constant OpCompositeConstruct of a struct).
                if (mk.Elements.All(x => x is IntLit or FloatLit or BoolLit)) return _m.ConstComposite(TypeOf(e), parts);
                if (SpirVTypes.IsSpirVVector(e.Type)) return Value(Op.CompositeConstruct, TypeOf(e), parts);
                // Structs and arrays are built by inserts into a null value: llvm-spirv-15 folds an
                // OpCompositeConstruct of a struct as a constant and crashes on non-constant members.
                uint t = TypeOf(e), agg = _m.ConstNull(t);
                for (int i = 0; i < parts.Length; i++) agg = Value(Op.CompositeInsert, t, parts[i], agg, (uint)i);
                return agg;
            }
            case MathExpr m: return Math(m.Name, m.Arguments, e);
            default: return Cuda(e);
        }
    }

    /// <summary>Where a variable lives: its Function variable, a module-scope variable, or dynamic shared memory.</summary>
    private uint Address(Symbol s, Expr at)
    {
        switch (s.Kind)
        {
            case SymbolKind.Local or SymbolKind.Parameter:
                return Local(s);
            case SymbolKind.Shared when s.Definition is SharedDef { IsDynamic: true } def:
            {
                // Every dynamic array starts at the buffer's first byte, as its element type sees it.
                return Pointer(Op.Bitcast, _m.TypePointer(StorageClass.Workgroup, Types.Memory(((ArrayType)def.Type).Element)),
                    StorageClass.Workgroup, _dynamicShared);
            }
            default:
            {
                uint id = ModuleVariables.Of(ctx, s);
                _class[id] = SpirVTypes.ClassOf(FunctionInstance.StorageOf(s));
                return id;
            }
        }
    }

    /// <summary>Loads a value; pointers loaded from memory point to global memory, those from variables where inference says.</summary>
    private uint Load(uint pointer, IrType type, MemorySpace pointsInto)
    {
        if (type is PointerType)
        {
            var sc = SpirVTypes.ClassOf(pointsInto);
            return Pointer(Op.Load, Types.Of(type, sc), sc, pointer);
        }
        if (type.IsBool) return Value(Op.INotEqual, _m.TypeBool(), Value(Op.Load, _m.TypeInt(8), pointer), _m.ConstInt(8, 0));
        return Value(Op.Load, Types.Of(type), pointer);
    }

    private uint StringConstant(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text + "\0");
        uint i8 = _m.TypeInt(8);
        uint arrType = _m.TypeArray(i8, bytes.Length);
        uint init = _m.ConstComposite(arrType, bytes.Select(b => _m.ConstInt(8, b)).ToList());
        uint v = _m.GlobalVariable(_m.TypePointer(StorageClass.UniformConstant, arrType), StorageClass.UniformConstant, init);
        _m.Decorate(v, Decoration.Constant);
        return Pointer(Op.InBoundsAccessChain, _m.TypePointer(StorageClass.UniformConstant, i8), StorageClass.UniformConstant, v, _m.ConstInt(32, 0));
    }

    private uint Binary(BinaryExpr b)
    {
        uint l = Expression(b.Left), r = Expression(b.Right);
        var operandType = b.Left.Type;
        if (operandType is PointerType)
        {
            // Pointers compare as addresses.
            l = Value(Op.ConvertPtrToU, _m.TypeInt(64), l);
            r = Value(Op.ConvertPtrToU, _m.TypeInt(64), r);
        }
        bool isBool = operandType.IsBool;
        Op op = b.Op switch
        {
            BinaryOp.Add => Op.IAdd, BinaryOp.Sub => Op.ISub, BinaryOp.Mul => Op.IMul,
            BinaryOp.Div => Op.SDiv, BinaryOp.Rem => Op.SRem, BinaryOp.UDiv => Op.UDiv, BinaryOp.URem => Op.UMod,
            BinaryOp.Shl => Op.ShiftLeftLogical, BinaryOp.LShr => Op.ShiftRightLogical, BinaryOp.AShr => Op.ShiftRightArithmetic,
            BinaryOp.Xor => isBool ? Op.LogicalNotEqual : Op.BitwiseXor,
            BinaryOp.And => isBool ? Op.LogicalAnd : Op.BitwiseAnd,
            BinaryOp.Or => isBool ? Op.LogicalOr : Op.BitwiseOr,
            BinaryOp.FAdd => Op.FAdd, BinaryOp.FSub => Op.FSub, BinaryOp.FMul => Op.FMul, BinaryOp.FDiv => Op.FDiv, BinaryOp.FRem => Op.FRem,
            BinaryOp.Eq => isBool ? Op.LogicalEqual : Op.IEqual, BinaryOp.Ne => isBool ? Op.LogicalNotEqual : Op.INotEqual,
            BinaryOp.Lt => Op.SLessThan, BinaryOp.Gt => Op.SGreaterThan, BinaryOp.Le => Op.SLessThanEqual, BinaryOp.Ge => Op.SGreaterThanEqual,
            BinaryOp.ULt => Op.ULessThan, BinaryOp.UGt => Op.UGreaterThan, BinaryOp.ULe => Op.ULessThanEqual, BinaryOp.UGe => Op.UGreaterThanEqual,
            BinaryOp.FEq => Op.FOrdEqual, BinaryOp.FNe => Op.FOrdNotEqual, BinaryOp.FLt => Op.FOrdLessThan,
            BinaryOp.FGt => Op.FOrdGreaterThan, BinaryOp.FLe => Op.FOrdLessThanEqual, BinaryOp.FGe => Op.FOrdGreaterThanEqual,
            BinaryOp.FUne => Op.FUnordNotEqual,
            _ => throw new SpirVUnsupported($"operator {OperatorNames.Name(b.Op)}"),
        };
        if (operandType is VectorType { Length: 1 or 3 }) throw new SpirVUnsupported($"arithmetic on {operandType} (a struct here, not a SPIR-V vector)");
        return Value(op, TypeOf(b), l, r);
    }

    private uint Cast(CastExpr c)
    {
        uint x = Expression(c.Operand);
        var from = c.Operand.Type;
        var to = c.Type;
        uint t = TypeOf(c);
        switch (c.Op)
        {
            case CastOp.SIToFP: return Value(Op.ConvertSToF, t, BoolToInt(x, from, signed: true));
            case CastOp.UIToFP: return Value(Op.ConvertUToF, t, BoolToInt(x, from, signed: false));
            case CastOp.FPToSI or CastOp.FPToUI:
            {
                uint id = Value(c.Op == CastOp.FPToSI ? Op.ConvertFToS : Op.ConvertFToU, t, x);
                // CUDA's float-to-int conversions saturate, and NaN gives 0, as OpenCL's saturated ones do.
                _m.Decorate(id, Decoration.SaturatedConversion);
                return id;
            }
            case CastOp.FPExt or CastOp.FPTrunc: return Value(Op.FConvert, t, x);
            case CastOp.SExt or CastOp.ZExt:
                if (from.IsBool) return BoolToInt(x, from, c.Op == CastOp.SExt, to.Bits);
                return Value(c.Op == CastOp.SExt ? Op.SConvert : Op.UConvert, t, x);
            case CastOp.Trunc:
                if (to.IsBool) return Value(Op.INotEqual, t, Value(Op.BitwiseAnd, Types.Of(from), x, _m.ConstInt(from.Bits, 1)), _m.ConstInt(from.Bits, 0));
                return Value(Op.UConvert, t, x);
            case CastOp.PtrToInt: return Value(Op.ConvertPtrToU, t, x);
            case CastOp.IntToPtr:
            {
                var sc = SpirVTypes.ClassOf(inst.SpaceOf(c));
                return Pointer(Op.ConvertUToPtr, Types.Of(to, sc), sc, x);
            }
            case CastOp.Bitcast or CastOp.AddrSpaceCast when from is PointerType:
            {
                var sc = ClassOf(x);
                if (c.Op == CastOp.AddrSpaceCast && to is PointerType { AddressSpace: not AddressSpace.Generic } pt
                    && MemorySpaces.FromIr(pt.AddressSpace) is { } target && SpirVTypes.ClassOf(target) != sc)
                    throw new SpirVUnsupported($"address-space cast from {sc} to {SpirVTypes.ClassOf(target)} memory");
                uint nt = Types.Of(to, sc);
                if (nt == Types.Of(from, sc)) return x;
                return Pointer(Op.Bitcast, nt, sc, x);
            }
            case CastOp.Bitcast:
                return Types.Of(from) == t ? x : Value(Op.Bitcast, t, x);
            default:
                throw new SpirVUnsupported($"cast {OperatorNames.Name(c.Op)}");
        }
    }

    private uint BoolToInt(uint x, IrType from, bool signed, int bits = 32)
    {
        if (!from.IsBool) return x;
        return Value(Op.Select, _m.TypeInt(bits), x, _m.ConstInt(bits, signed ? ulong.MaxValue : 1), _m.ConstInt(bits, 0));
    }

    private uint Call(CallExpr c)
    {
        if (c.Target.Function is { IsDeclaration: false } && inst.CalleeOf(c) is { } callee)
        {
            var args = c.Arguments.Select(Expression).ToArray();
            uint ret = callee.Function.ReturnType is PointerType
                ? Types.Of(callee.Function.ReturnType, SpirVTypes.ClassOf(callee.ReturnSpace ?? MemorySpace.Global))
                : Types.Of(callee.Function.ReturnType);
            if (callee.Function.IsKernel) throw new SpirVUnsupported($"a call of kernel '{callee.Name}'");
            if (ctx.NeedsDynamicShared(callee)) args = [.. args, _dynamicShared];
            uint id = Value(Op.FunctionCall, ret, [ctx.FunctionIds[callee], .. args]);
            if (c.Type is PointerType) _class[id] = SpirVTypes.ClassOf(callee.ReturnSpace ?? MemorySpace.Global);
            return c.Type.IsVoid ? 0 : id;
        }
        if (c.Target.External is { } ext)
        {
            if (ext.MathName is { } math) return Math(math, c.Arguments, c);
            if (ext.Name == "printf") return Printf(c);
            if (ext.Name is "memset" or "memcpy") return MemoryFunction(c, ext.Name);
            throw new SpirVUnsupported($"library function '{ext.Name}' in device code");
        }
        throw new SpirVUnsupported($"call of '{c.Function}' (no definition)");
    }

    private uint Printf(CallExpr c)
    {
        if (c.Arguments[0] is not StringLit format) throw new SpirVUnsupported("printf with a format that is not a string literal");
        // OpenCL.std's printf is OpenCL C's: no '*', no ll/z/j/t.
        var rest = c.Arguments.Skip(1).ToList();
        var (text, kept, refusal) = Ir.Analysis.PrintfFormat.ForOpenCl(format.Value, rest);
        if (refusal is not null) throw new SpirVUnsupported(refusal);
        uint[] args = [Expression(new StringLit(format.Location, text)), .. kept.Where(k => k < rest.Count).Select(k => Expression(rest[k]))];
        return Value(Op.ExtInst, _m.TypeInt(32), [_m.OpenClStd, (uint)OpenClStd.printf, .. args]);
    }
}
