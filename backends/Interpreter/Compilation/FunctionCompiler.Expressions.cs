using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Execution;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Interpreter.Compilation;

internal sealed partial class FunctionCompiler
{
    private static readonly Dictionary<BinaryOp, OpCode> BinaryOpcodes = new()
    {
        [BinaryOp.Add] = OpCode.Add, [BinaryOp.Sub] = OpCode.Sub, [BinaryOp.Mul] = OpCode.Mul, [BinaryOp.Div] = OpCode.Div,
        [BinaryOp.Rem] = OpCode.Rem, [BinaryOp.UDiv] = OpCode.UDiv, [BinaryOp.URem] = OpCode.URem, [BinaryOp.Shl] = OpCode.Shl,
        [BinaryOp.LShr] = OpCode.LShr, [BinaryOp.AShr] = OpCode.AShr, [BinaryOp.Xor] = OpCode.Xor, [BinaryOp.And] = OpCode.And,
        [BinaryOp.Or] = OpCode.Or, [BinaryOp.FAdd] = OpCode.FAdd, [BinaryOp.FSub] = OpCode.FSub, [BinaryOp.FMul] = OpCode.FMul,
        [BinaryOp.FDiv] = OpCode.FDiv, [BinaryOp.FRem] = OpCode.FRem, [BinaryOp.Eq] = OpCode.Eq, [BinaryOp.Ne] = OpCode.Ne,
        [BinaryOp.Lt] = OpCode.Lt, [BinaryOp.Gt] = OpCode.Gt, [BinaryOp.Le] = OpCode.Le, [BinaryOp.Ge] = OpCode.Ge,
        [BinaryOp.ULt] = OpCode.ULt, [BinaryOp.UGt] = OpCode.UGt, [BinaryOp.ULe] = OpCode.ULe, [BinaryOp.UGe] = OpCode.UGe,
        [BinaryOp.FEq] = OpCode.FEq, [BinaryOp.FNe] = OpCode.FNe, [BinaryOp.FLt] = OpCode.FLt, [BinaryOp.FGt] = OpCode.FGt,
        [BinaryOp.FLe] = OpCode.FLe, [BinaryOp.FGe] = OpCode.FGe, [BinaryOp.FUne] = OpCode.FUne,
    };

    /// <summary>Compiles an expression; returns the register holding its value (-1 for void).</summary>
    private int Expression(Expr e)
    {
        var at = e.Location;
        switch (e)
        {
            case IntLit i:
                return Constant(e.Type.IsFloat ? Values.FloatFromDouble((double)i.Value, ScalarInfo.Of(e.Type).Float)
                    : Values.Wrap((long)i.Value, e.Type.Bits), at);
            case FloatLit f:
                return Constant(Values.FloatFromDouble(f.Value, ScalarInfo.Of(e.Type).Float), at);
            case BoolLit b:
                return Constant(b.Value ? 1 : 0, at);
            case StringLit s:
                return Preloaded(_program.StringAddress(s.Value));
            case NullLit:
                return Constant(0, at);
            case VarRef v:
                return Read(v.Symbol, at);
            case BinaryExpr b:
                return Binary(b);
            case UnaryExpr u:
            {
                var x = Expression(u.Operand);
                var r = NewRegister();
                if (u.Op == UnaryOp.Not) Emit(new Instruction(OpCode.Not, r, x, d: u.Operand.Type.Bits), at);
                else Emit(new Instruction(OpCode.FNeg, r, x, d: (int)ScalarInfo.Of(u.Type).Float), at);
                return r;
            }
            case CastExpr c:
                return Cast(c);
            case LoadExpr l:
                return LoadFrom(Expression(l.Pointer), e.Type, at);
            case StoreExpr s:
            {
                var p = Expression(s.Pointer);
                var v = Expression(s.Value);
                StoreTo(p, v, s.Value.Type, at);
                return -1;
            }
            case PtrAddExpr p:
            {
                var ptr = Expression(p.Pointer);
                var idx = Expression(p.Index);
                var r = NewRegister();
                Emit(new Instruction(OpCode.PtrAdd, r, ptr, idx, imm: ElementSize(e.Type)), at);
                return r;
            }
            case ArrayPtrAddExpr a:
            {
                // An array variable's value register already holds its address; a pointer to an array is one too.
                var ptr = Expression(a.Array);
                var idx = Expression(a.Index);
                var r = NewRegister();
                Emit(new Instruction(OpCode.PtrAdd, r, ptr, idx, imm: ElementSize(e.Type)), at);
                return r;
            }
            case StructPtrAddExpr sp:
            {
                var ptr = Expression(sp.Pointer);
                var r = NewRegister();
                Emit(new Instruction(OpCode.AddImm, r, ptr, imm: _layout.OffsetOf(Pointee(sp.Pointer.Type), sp.FieldIndex)), at);
                return r;
            }
            case AllocExpr al:
            {
                var n = Expression(al.Count);
                var r = NewRegister();
                Emit(new Instruction(OpCode.Alloc, r, n, d: _layout.AlignOf(al.ElementType), imm: Math.Max(1, SizeOf(al.ElementType))), at);
                return r;
            }
            case PtrToExpr pt:
                return AddressOf(pt.Symbol, at);
            case CallExpr call:
                return Call(call);
            case AsmExpr a:
                return InlineAssembly(a);
            case SelectExpr s:
            {
                var c = Expression(s.Condition);
                var t = Expression(s.IfTrue);
                var f = Expression(s.IfFalse);
                var r = NewRegister();
                Emit(new Instruction(OpCode.Select, r, c, t, f), at);
                return r;
            }
            case CondExpr c:
                return Conditional(c);
            case LogicalExpr l:
            {
                var r = NewRegister();
                Emit(new Instruction(OpCode.Move, r, Expression(l.Left)), at);
                var skip = EmitJump(l.IsAnd ? OpCode.JumpIfFalse : OpCode.JumpIfTrue, r, at);
                Emit(new Instruction(OpCode.Move, r, Expression(l.Right)), at);
                PatchJump(skip, Here);
                return r;
            }
            case BeginExpr b:
                Statement(b.Statements);
                return Expression(b.Result);
            case ExtractValueExpr x:
            {
                var agg = Expression(x.Aggregate);
                var field = NewRegister();
                Emit(new Instruction(OpCode.AddImm, field, agg, imm: _layout.OffsetOf(x.Aggregate.Type, x.ResolvedIndex)), at);
                return e.Type.IsAggregate ? field : LoadFrom(field, e.Type, at);
            }
            case InsertValueExpr iv:
            {
                var agg = Expression(iv.Aggregate);
                var value = Expression(iv.Value);
                var t = NewTemporary(e.Type);
                Emit(new Instruction(OpCode.CopyMem, t, agg, d: 1, imm: SizeOf(e.Type)), at);
                var field = NewRegister();
                Emit(new Instruction(OpCode.AddImm, field, t, imm: _layout.OffsetOf(e.Type, iv.ResolvedIndex)), at);
                StoreTo(field, value, iv.Value.Type, at);
                return t;
            }
            case MakeExpr m:
            {
                var t = NewTemporary(m.AggregateType);
                for (int i = 0; i < m.Elements.Count; i++)
                {
                    var v = Expression(m.Elements[i]);
                    var field = NewRegister();
                    Emit(new Instruction(OpCode.AddImm, field, t, imm: _layout.OffsetOf(m.AggregateType, i)), at);
                    StoreTo(field, v, _layout.ElementType(m.AggregateType, i), at);
                }
                return t;
            }
            default:
                return CudaExpression(e);
        }
    }

    private int Constant(long value, SourceLocation at)
    {
        var r = NewRegister();
        Emit(new Instruction(OpCode.Const, r, imm: value), at);
        return r;
    }

    private int Unsupported(string message, Expr e)
    {
        Emit(new Instruction(OpCode.Unsupported, imm: AddData(message)), e.Location);
        return e.Type is { IsVoid: false } ? Constant(0, e.Location) : -1;
    }

    /// <summary>A register holding the value at the address in <paramref name="address"/>: aggregates are copied to a temporary.</summary>
    private int LoadFrom(int address, IrType type, SourceLocation at)
    {
        if (type.IsAggregate)
        {
            var t = NewTemporary(type);
            Emit(new Instruction(OpCode.CopyMem, t, address, d: _layout.AlignOf(type), imm: SizeOf(type)), at);
            return t;
        }
        var r = NewRegister();
        var info = ScalarInfo.Of(type);
        Emit(new Instruction(info.IsBool ? OpCode.LoadBool : OpCode.Load, r, address, d: info.Size), at);
        return r;
    }

    /// <summary>The value of a variable.</summary>
    private int Read(Symbol s, SourceLocation at)
    {
        if (s.Kind is SymbolKind.Parameter or SymbolKind.Local && !NeedsMemory(s)) return s.Index;
        var address = AddressOf(s, at);
        // An aggregate's value is represented by the address of the memory holding it.
        return s.Type.IsAggregate ? address : LoadFrom(address, s.Type, at);
    }

    /// <summary>A register holding the address of a variable.</summary>
    private int AddressOf(Symbol s, SourceLocation at)
    {
        switch (s.Kind)
        {
            case SymbolKind.Parameter or SymbolKind.Local:
                return s.Index; // memory variables hold their home's address in their register
            case SymbolKind.Global:
                return Preloaded(_program.GlobalAddress(s));
            default:
            {
                var r = NewRegister();
                Emit(new Instruction(OpCode.SharedAddress, r, imm: _program.SharedSlot(s)), at);
                return r;
            }
        }
    }

    private int Conditional(CondExpr c)
    {
        var r = NewRegister();
        var toElse = EmitJump(OpCode.JumpIfFalse, Expression(c.Condition), c.Location);
        Emit(new Instruction(OpCode.Move, r, Expression(c.IfTrue)), c.Location);
        var toEnd = EmitJump(OpCode.Jump, 0, c.Location);
        PatchJump(toElse, Here);
        Emit(new Instruction(OpCode.Move, r, Expression(c.IfFalse)), c.Location);
        PatchJump(toEnd, Here);
        return r;
    }

    private int Binary(BinaryExpr b)
    {
        var l = Expression(b.Left);
        var r = Expression(b.Right);
        var op = BinaryOpcodes[b.Op];
        if (b.Left.Type is VectorType v) return VectorBinary(op, l, r, v, b);
        var d = NewRegister();
        Emit(new Instruction(op, d, l, r, OperandField(op, b.Left.Type)), b.Location);
        return d;
    }

    /// <summary>The D field of a binary op: bits for integer ops, float kind for float ops.</summary>
    private static int OperandField(OpCode op, IrType operand) =>
        op is >= OpCode.FAdd and <= OpCode.FGe ? (int)ScalarInfo.Of(operand).Float : operand.Bits;

    /// <summary>Element-wise operations on vector values, one lane at a time.</summary>
    private int VectorBinary(OpCode op, int left, int right, VectorType type, BinaryExpr b)
    {
        var resultType = b.Type as VectorType ?? type;
        var t = NewTemporary(resultType);
        for (int i = 0; i < type.Length; i++)
        {
            var la = NewRegister();
            Emit(new Instruction(OpCode.AddImm, la, left, imm: _layout.OffsetOf(type, i)), b.Location);
            var ra = NewRegister();
            Emit(new Instruction(OpCode.AddImm, ra, right, imm: _layout.OffsetOf(type, i)), b.Location);
            var lv = LoadFrom(la, type.Element, b.Location);
            var rv = LoadFrom(ra, type.Element, b.Location);
            var d = NewRegister();
            Emit(new Instruction(op, d, lv, rv, OperandField(op, type.Element)), b.Location);
            var da = NewRegister();
            Emit(new Instruction(OpCode.AddImm, da, t, imm: _layout.OffsetOf(resultType, i)), b.Location);
            StoreTo(da, d, resultType.Element, b.Location);
        }
        return t;
    }

    private int Cast(CastExpr c)
    {
        var x = Expression(c.Operand);
        var from = c.Operand.Type;
        var to = c.Type;
        if (from.IsAggregate || to.IsAggregate)
        {
            // Bitcast between same-sized aggregates and scalars: reinterpret the bytes through memory.
            var t = NewTemporary(from.IsAggregate ? from : to);
            if (from.IsAggregate) Emit(new Instruction(OpCode.CopyMem, t, x, d: 1, imm: SizeOf(from)), c.Location);
            else StoreTo(t, x, from, c.Location);
            return LoadFrom(t, to, c.Location);
        }
        var r = NewRegister();
        Emit(new Instruction(OpCode.Cast, r, x, imm: AddData(new CastInfo(c.Op, ScalarInfo.Of(from), ScalarInfo.Of(to)))), c.Location);
        return r;
    }

    private int Call(CallExpr call)
    {
        var args = call.Arguments.Select(Expression).ToArray();
        var target = call.Target;
        int dest = call.Type.IsVoid ? -1 : call.Type.IsAggregate ? NewTemporary(call.Type) : NewRegister();
        if (target.Function is { IsDeclaration: false } f)
        {
            Emit(new Instruction(OpCode.Call, imm: AddData(new CallSite(_program.CodeOf(f), args, dest))), call.Location);
            return dest;
        }
        if (target.Function is { IsDeclaration: true } declared && _program.NativeFunction(declared) is { } native)
        {
            Emit(new Instruction(OpCode.CallExternal, imm: AddData(new ExternalSite(native.Signature, native.Call, args,
                call.Arguments.Select(a => a.Type).ToArray(), dest))), call.Location);
            return dest;
        }
        var ext = target.External ?? Externals.Find(call.Function);
        if (ext is null)
            return Unsupported($"function '{call.Function}' is declared but has no body, and no device provides it", call);
        if (ext.MathName is not null)
        {
            var site = new MathSite(MathEvaluator.For(ext.MathName, call.Arguments.Select(a => a.Type).ToArray(), call.Type), args, dest);
            Emit(new Instruction(OpCode.Math, imm: AddData(site)), call.Location);
            return dest;
        }
        var handler = _program.Library.Find(ext.Name);
        if (handler is null) return Unsupported($"external function '{ext.Name}' is not provided by the interpreter", call);
        var types = call.Arguments.Select(a => a.Type).ToArray();
        Emit(new Instruction(OpCode.CallExternal, imm: AddData(new ExternalSite(ext, handler, args, types, dest))), call.Location);
        return dest;
    }
}
