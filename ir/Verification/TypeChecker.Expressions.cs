using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Ir.Verification;

internal sealed partial class Checker
{
    /// <summary>
    /// Types <paramref name="e"/> and records the result in <see cref="Expr.Type"/>. <paramref name="expected"/>
    /// is the type the context needs, if known: bare literals take it (that is all it does — a
    /// mismatch is reported by the caller, which knows why the type was needed).
    /// </summary>
    private IrType CheckExpr(Expr e, IrType? expected)
    {
        var t = Infer(e, expected);
        e.Type = t;
        return t;
    }

    private static bool IsBareLiteral(Expr e) => e is IntLit { ExplicitType: null } or FloatLit { ExplicitType: null };

    private IrType Infer(Expr e, IrType? expected)
    {
        switch (e)
        {
            case IntLit i: return TypeIntLiteral(i, expected);
            case FloatLit f: return TypeFloatLiteral(f, expected);
            case BoolLit: return IrType.Bool;
            case StringLit: return IrType.BytePtr;
            case NullLit n:
                ValidateType(n.PointerType, n.Location, allowVoid: false);
                if (n.PointerType is not PointerType) throw Error(Codes.TypeMismatch, n.Location, "(null T) needs a pointer type T");
                return n.PointerType;
            case VarRef v:
            {
                var sym = Lookup(v.Name, v.Location);
                v.Symbol = sym;
                if (sym.Kind == SymbolKind.Shared) _usage.DeviceOnly(v.Location, "shared memory");
                return sym.Type;
            }
            case BinaryExpr b: return TypeBinary(b, expected);
            case UnaryExpr u: return TypeUnary(u, expected);
            case CastExpr c: return TypeCast(c);
            case LoadExpr l:
            {
                var p = PointerOperand(l.Pointer, "load");
                if (p.Pointee.IsVoid) throw Error(Codes.TypeMismatch, l.Location, "cannot load through a void pointer");
                return p.Pointee;
            }
            case StoreExpr s:
            {
                var p = PointerOperand(s.Pointer, "store");
                CheckExpr(s.Value, p.Pointee);
                Require(s.Value, p.Pointee, $"the pointer points to {p.Pointee}");
                return IrType.Void;
            }
            case PtrAddExpr pa:
            {
                var p = PointerOperand(pa.Pointer, "ptradd");
                if (p.Pointee.IsVoid) throw Error(Codes.TypeMismatch, pa.Location, "cannot do arithmetic on a void pointer");
                IntegerOperand(pa.Index, "the index of ptradd");
                return p;
            }
            case ArrayPtrAddExpr aa: return TypeArrayPtrAdd(aa);
            case StructPtrAddExpr sa: return TypeStructPtrAdd(sa);
            case AllocExpr a:
                ValidateType(a.ElementType, a.Location, allowVoid: false);
                IntegerOperand(a.Count, "the count of alloc");
                return new PointerType(a.ElementType, AddressSpace.Generic);
            case PtrToExpr pt:
            {
                var sym = Lookup(pt.Name, pt.Location);
                pt.Symbol = sym;
                sym.NeedsMemory = true;
                if (sym.Kind == SymbolKind.Shared) _usage.DeviceOnly(pt.Location, "shared memory");
                return new PointerType(sym.Type is ArrayType { Length: 0 } dyn ? dyn.Element : sym.Type, AddressSpace.Generic);
            }
            case CallExpr c: return TypeCall(c);
            case AsmExpr a:
                foreach (var arg in a.Arguments) CheckExpr(arg, null);
                ValidateType(a.ReturnType, a.Location, allowVoid: true);
                return a.ReturnType;
            case SelectExpr s: return TypeChoice(s.Condition, s.IfTrue, s.IfFalse, expected);
            case CondExpr c: return TypeChoice(c.Condition, c.IfTrue, c.IfFalse, expected);
            case LogicalExpr l:
                CheckCondition(l.Left);
                CheckCondition(l.Right);
                return IrType.Bool;
            case BeginExpr b:
            {
                IrType result = IrType.Void;
                InScope(() =>
                {
                    CheckBlock(b.Statements, newScope: false);
                    result = CheckExpr(b.Result, expected);
                });
                return result;
            }
            case ExtractValueExpr x:
            {
                var agg = CheckExpr(x.Aggregate, null);
                x.ResolvedIndex = ResolveIndex(agg, x.Index, x.Location);
                return _layout.ElementType(agg, x.ResolvedIndex);
            }
            case InsertValueExpr x:
            {
                var agg = CheckExpr(x.Aggregate, expected);
                x.ResolvedIndex = ResolveIndex(agg, x.Index, x.Location);
                var elem = _layout.ElementType(agg, x.ResolvedIndex);
                CheckExpr(x.Value, elem);
                Require(x.Value, elem, $"element {x.Index} has type {elem}");
                return agg;
            }
            case MakeExpr m: return TypeMake(m);
            default:
                return InferCuda(e, expected);
        }
    }

    private IrType TypeIntLiteral(IntLit i, IrType? expected)
    {
        var t = i.ExplicitType ?? (expected is { IsInteger: true } ? expected : IrType.Int32);
        if (i.ExplicitType is null && expected is VectorType { Element.IsInteger: true }) t = IrType.Int32;
        RequireFits(i.Value, t, i.Location);
        return t;
    }

    private static IrType TypeFloatLiteral(FloatLit f, IrType? expected) =>
        f.ExplicitType ?? (expected is { IsFloat: true } ? expected : IrType.Float);

    /// <summary>Checks both operands of a binary form; a bare literal takes the other operand's type.</summary>
    private (IrType Left, IrType Right) CheckPair(Expr left, Expr right, IrType? hint)
    {
        if (IsBareLiteral(left) && !IsBareLiteral(right))
        {
            var r = CheckExpr(right, hint);
            return (CheckExpr(left, r), r);
        }
        var l = CheckExpr(left, hint);
        return (l, CheckExpr(right, l));
    }

    private IrType TypeBinary(BinaryExpr b, IrType? expected)
    {
        bool compare = OperatorNames.IsComparison(b.Op);
        var (lt, rt) = CheckPair(b.Left, b.Right, compare ? null : expected);
        string name = OperatorNames.Name(b.Op);
        if (lt != rt)
            throw Error(Codes.TypeMismatch, b.Location, $"'{name}' needs operands of one type, found {lt} and {rt}");
        bool floatOp = OperatorNames.IsFloatOp(b.Op);
        var elem = lt.ElementOrSelf;
        if (compare)
        {
            bool ok = floatOp ? lt.IsFloat
                : b.Op is BinaryOp.Eq or BinaryOp.Ne ? lt.IsInteger || lt.IsBool || lt.IsPointer
                : lt.IsInteger || lt.IsPointer;
            if (!ok) throw Error(Codes.TypeMismatch, b.Location, $"'{name}' cannot compare values of type {lt}");
            return IrType.Bool;
        }
        if (floatOp)
        {
            if (!elem.IsFloat) throw Error(Codes.TypeMismatch, b.Location, $"'{name}' needs float operands, found {lt}; use '{name[1..]}' for integers");
            return lt;
        }
        bool logical = b.Op is BinaryOp.And or BinaryOp.Or or BinaryOp.Xor;
        if (!(elem.IsInteger || logical && lt.IsBool))
            throw Error(Codes.TypeMismatch, b.Location,
                lt.IsFloat ? $"'{name}' needs integer operands, found {lt}; use 'f{name}' for floats" : $"'{name}' needs integer operands, found {lt}");
        return lt;
    }

    private IrType TypeUnary(UnaryExpr u, IrType? expected)
    {
        var t = CheckExpr(u.Operand, expected);
        if (u.Op == UnaryOp.Not && !(t.ElementOrSelf.IsInteger || t.IsBool))
            throw Error(Codes.TypeMismatch, u.Location, $"'not' needs an integer or bool, found {t}");
        if (u.Op == UnaryOp.FNeg && !t.ElementOrSelf.IsFloat)
            throw Error(Codes.TypeMismatch, u.Location, $"'fneg' needs a float, found {t}");
        return t;
    }

    private IrType TypeCast(CastExpr c)
    {
        ValidateType(c.Target, c.Location, allowVoid: false);
        var from = CheckExpr(c.Operand, CastSourceHint(c));
        var to = c.Target;
        bool ok = c.Op switch
        {
            CastOp.SIToFP or CastOp.UIToFP => (from.IsInteger || from.IsBool) && to.IsFloat,
            CastOp.FPToSI or CastOp.FPToUI => from.IsFloat && to.IsInteger,
            CastOp.SExt or CastOp.ZExt => (from.IsInteger || from.IsBool) && to.IsInteger && to.Bits > from.Bits,
            CastOp.Trunc => from.IsInteger && (to.IsInteger || to.IsBool) && to.Bits < from.Bits,
            CastOp.FPExt => from.IsFloat && to.IsFloat && to.Bits > from.Bits,
            CastOp.FPTrunc => from.IsFloat && to.IsFloat && to.Bits < from.Bits,
            CastOp.IntToPtr => from.IsInteger && to.IsPointer,
            CastOp.PtrToInt => from.IsPointer && to.IsInteger,
            CastOp.Bitcast => BitcastAllowed(from, to),
            CastOp.AddrSpaceCast => from is PointerType pf && to is PointerType pt && pf.AddressSpace != pt.AddressSpace,
            _ => false,
        };
        if (!ok) throw Error(Codes.BadCast, c.Location, $"'{OperatorNames.Name(c.Op)}' cannot convert {from} to {to}");
        return to;
    }

    /// <summary>A bare literal being converted keeps its default type, except where that cannot be right.</summary>
    private static IrType? CastSourceHint(CastExpr c) => c.Op switch
    {
        CastOp.FPTrunc when c.Operand is FloatLit { ExplicitType: null } => IrType.Double,
        _ => null,
    };

    private bool BitcastAllowed(IrType from, IrType to)
    {
        if (from is PointerType pf && to is PointerType pt) return pf.AddressSpace == pt.AddressSpace;
        if (from.IsPointer || to.IsPointer) return false;
        if (from.IsAggregate && from is not VectorType || to.IsAggregate && to is not VectorType) return false;
        return _layout.SizeOf(from) == _layout.SizeOf(to) && !from.IsBool && !to.IsBool;
    }

    private PointerType PointerOperand(Expr e, string form)
    {
        var t = CheckExpr(e, null);
        return t as PointerType ?? throw Error(Codes.TypeMismatch, e.Location, $"'{form}' needs a pointer, found {t}");
    }

    private IrType IntegerOperand(Expr e, string what)
    {
        var t = CheckExpr(e, null);
        if (!t.IsInteger) throw Error(Codes.TypeMismatch, e.Location, $"{what} must be an integer, found {t}");
        return t;
    }

    private IrType TypeArrayPtrAdd(ArrayPtrAddExpr aa)
    {
        IntegerOperand(aa.Index, "the index of aptradd");
        if (aa.Array is VarRef v)
        {
            var t = CheckExpr(v, null);
            if (t is ArrayType at)
            {
                v.Symbol.NeedsMemory = true;
                return new PointerType(at.Element, AddressSpace.Generic);
            }
            if (t is PointerType { Pointee: ArrayType pa } p) return new PointerType(pa.Element, p.AddressSpace);
            throw Error(Codes.TypeMismatch, aa.Location, $"'aptradd' needs an array variable or a pointer to an array; '{v.Name}' is {t}");
        }
        var et = CheckExpr(aa.Array, null);
        if (et is PointerType { Pointee: ArrayType arr } ptr) return new PointerType(arr.Element, ptr.AddressSpace);
        throw Error(Codes.TypeMismatch, aa.Location, $"'aptradd' needs an array variable or a pointer to an array, found {et}");
    }

    private IrType TypeStructPtrAdd(StructPtrAddExpr sa)
    {
        var p = PointerOperand(sa.Pointer, "sptradd");
        if (p.Pointee is not (StructType or VectorType))
            throw Error(Codes.TypeMismatch, sa.Location, $"'sptradd' needs a pointer to a struct or vector, found {p}");
        sa.FieldIndex = ResolveIndex(p.Pointee, sa.Field, sa.Location);
        return new PointerType(_layout.ElementType(p.Pointee, sa.FieldIndex), p.AddressSpace);
    }

    private static readonly string[] Lanes = ["x", "y", "z", "w"];

    /// <summary>Resolves a field name (struct), lane name x/y/z/w (vector), or a number (any aggregate).</summary>
    private int ResolveIndex(IrType aggregate, string index, Syntax.SourceLocation at)
    {
        int count;
        int named = -1;
        switch (aggregate)
        {
            case StructType st:
                var def = StructOf(st, at);
                count = def.Fields.Count;
                named = def.IndexOf(index);
                break;
            case VectorType v:
                count = v.Length;
                named = Array.IndexOf(Lanes, index);
                break;
            case ArrayType a:
                count = (int)Math.Min(a.Length, int.MaxValue);
                break;
            default:
                throw Error(Codes.TypeMismatch, at, $"{aggregate} has no fields or elements");
        }
        if (named < 0 && int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
            named = n;
        if (named < 0 || named >= count)
            throw Error(Codes.UnknownField, at, $"{aggregate} has no field or element '{index}'");
        return named;
    }

    /// <summary>The struct's definition; an unknown name (already reported where the type was written) stops this expression.</summary>
    private StructDef StructOf(StructType st, Syntax.SourceLocation at) =>
        _layout.FindStruct(st.Name) ?? throw Error(Codes.UnknownStruct, at, $"no struct named '{st.Name}' is defined");

    private IrType TypeChoice(Expr cond, Expr a, Expr b, IrType? expected)
    {
        CheckCondition(cond);
        var (ta, tb) = CheckPair(a, b, expected);
        if (ta != tb) throw Error(Codes.TypeMismatch, a.Location, $"both choices need one type, found {ta} and {tb}");
        return ta;
    }

    private IrType TypeMake(MakeExpr m)
    {
        ValidateType(m.AggregateType, m.Location, allowVoid: false);
        int count = m.AggregateType switch
        {
            StructType st => StructOf(st, m.Location).Fields.Count,
            VectorType v => v.Length,
            ArrayType a => (int)Math.Min(a.Length, int.MaxValue),
            _ => throw Error(Codes.TypeMismatch, m.Location, $"'make' builds a struct, vector or array, not {m.AggregateType}"),
        };
        if (m.Elements.Count != count)
            throw Error(Codes.ArgumentCount, m.Location, $"{m.AggregateType} has {count} elements; 'make' was given {m.Elements.Count}");
        for (int k = 0; k < count; k++)
        {
            var want = _layout.ElementType(m.AggregateType, k);
            CheckExpr(m.Elements[k], want);
            Require(m.Elements[k], want, $"element {k} of {m.AggregateType}");
        }
        return m.AggregateType;
    }

    private IrType TypeCall(CallExpr c)
    {
        IReadOnlyList<IrType> parameters;
        IrType result;
        bool variadic = false;
        bool voidPointers = false;
        if (_functions.TryGetValue(c.Function, out var f) && !f.IsDeclaration)
        {
            if (f.IsKernel) throw Error(Codes.BadKernel, c.Location, $"'{c.Function}' is a kernel: start it with (launch ...), not (call ...)");
            c.Target = new CallTarget(f, null);
            parameters = f.Parameters.Select(p => p.Type).ToList();
            result = f.ReturnType;
            _usage.Calls.Add(f);
        }
        else if (Externals.Find(c.Function) is { } ext)
        {
            c.Target = new CallTarget(null, ext);
            parameters = f?.Parameters.Select(p => p.Type).ToList() ?? ext.Parameters;
            result = f?.ReturnType ?? ext.Return;
            variadic = ext.Variadic;
            voidPointers = true;
            if (ext.Kind == ExternalKind.CudaRuntime) _usage.HostOnly(c.Location, c.Function);
        }
        else if (f is not null && _natives.ContainsKey(c.Function))
        {
            // Linked natively: called as C calls it, from host code only (no device runs host machine code).
            if (f.ReturnType.IsAggregate || f.Parameters.Any(p => p.Type.IsAggregate))
                throw Error(Codes.UnsupportedExternal, c.Location,
                    $"'{c.Function}' is a native function; passing or returning structs and arrays by value is not supported");
            c.Target = new CallTarget(f, null);
            parameters = f.Parameters.Select(p => p.Type).ToList();
            result = f.ReturnType;
            _usage.HostOnly(c.Location, $"the native function '{c.Function}'");
        }
        else if (f is not null)
        {
            throw Error(Codes.UnsupportedExternal, c.Location,
                $"'{c.Function}' is declared at {f.Location} but has no body, and no device provides it");
        }
        else throw Error(Codes.UndeclaredFunction, c.Location, $"no function named '{c.Function}' is declared");

        if (c.Arguments.Count < parameters.Count || c.Arguments.Count > parameters.Count && !variadic)
            throw Error(Codes.ArgumentCount, c.Location,
                $"'{c.Function}' takes {parameters.Count}{(variadic ? " or more" : "")} arguments; {c.Arguments.Count} given");
        for (int k = 0; k < c.Arguments.Count; k++)
        {
            var arg = c.Arguments[k];
            if (k >= parameters.Count)
            {
                var t = CheckExpr(arg, arg is FloatLit ? IrType.Double : null);
                if (!(t == IrType.Int32 || t == IrType.Int64 || t == IrType.Double || t.IsPointer))
                    throw Error(Codes.TypeMismatch, arg.Location,
                        $"a variadic argument is int, int64, double or a pointer (C's promotions are explicit: fpext a float, sext/zext small integers), found {t}");
                continue;
            }
            var want = parameters[k];
            var got = CheckExpr(arg, want);
            if (voidPointers ? !Compatible(want, got) : got != want)
                throw Error(Codes.TypeMismatch, arg.Location, $"argument {k + 1} of '{c.Function}' must be {want}, found {got}");
        }
        return result;
    }
}
