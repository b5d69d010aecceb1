using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// What PTX modules have beyond inline templates: names of variables and parameters, addresses in the state spaces
/// (generic and <c>.global</c>/<c>.const</c> addresses are the devices' pointers; <c>.shared</c> and <c>.local</c> ones are
/// offsets into a window, <see cref="PtxWindow"/>), <c>ld.param</c>/<c>st.param</c>, <c>cvta</c> and <c>call</c>.
/// </summary>
internal sealed partial class PtxLowering
{
    /// <summary>The value a variable's name (plus <paramref name="offset"/>) has as an operand: its address in its space.</summary>
    private Expr SymbolValue(PtxSymbol symbol, long offset, PtxType t)
    {
        switch (symbol)
        {
            case PtxGlobalSymbol g:
            {
                if (!t.IsInteger || t.Bits != 64) throw new PtxException($"the address of '{g.IrName}' is 64-bit, not {t}");
                Expr address = Cast(CastOp.PtrToInt, new PtrToExpr(_at, g.IrName), IrType.Int64);
                return offset == 0 ? address : B(BinaryOp.Add, address, Int(offset, IrType.Int64));
            }
            case PtxWindowSymbol w:
                if (!t.IsInteger || t.Bits < 32) throw new PtxException($"a .{w.Space} address is read as {t}");
                return Int(w.Offset + offset, t.Ir);
            default:
                throw new PtxException("the address of a .param variable is not translated (only ld.param and st.param read them)");
        }
    }

    /// <summary>The pointer to element <paramref name="k"/> of an access in state space <paramref name="space"/> (null: generic).</summary>
    private Expr ModuleAddress(PtxInstruction i, PtxOperand address, IrType element, int k, string? space)
    {
        if (address is not PtxAddress a) throw new PtxException($"'{i.Spelling}': the address must be written [register], [name] or [x+offset]");
        long offset = a.Offset + (long)k * (element.Bits / 8);
        var typed = new PointerType(element, AddressSpace.Generic);
        Expr bytes;
        if (a.Base is PtxRegister r && Register(r) is null && _function!.Symbol(r.Name) is { } symbol)
        {
            bytes = symbol switch
            {
                PtxGlobalSymbol g => Offset(Cast(CastOp.Bitcast, new PtrToExpr(_at, g.IrName), IrType.BytePtr), offset),
                PtxWindowSymbol w => WindowPointer(i, w.Space, Int(w.Offset + offset, IrType.Int64)),
                _ => throw new PtxException($"'{i.Spelling}': the .param variable '{r.Name}' is read only by ld.param"),
            };
        }
        else if (space is "shared" or "local")
        {
            var value = a.Base is PtxInteger n ? Int(n.Value, IrType.Int64) : WindowOffset(i, a.Base);
            bytes = WindowPointer(i, space, offset == 0 ? value : B(BinaryOp.Add, value, Int(offset, IrType.Int64)));
        }
        else
        {
            // Generic, .global and .const: the register holds the device's own address.
            Expr value = a.Base is PtxInteger n ? Int(n.Value, IrType.Int64) : Read(a.Base, new PtxType('b', 64));
            bytes = Offset(Cast(CastOp.IntToPtr, value, IrType.BytePtr), offset);
        }
        return Cast(CastOp.Bitcast, bytes, typed);
    }

    /// <summary>A window address held in a register (32- or 64-bit), as a 64-bit offset.</summary>
    private Expr WindowOffset(PtxInstruction i, PtxOperand o)
    {
        if (Register(o) is not { } reg || !reg.Type.IsInteger || reg.Type.Bits < 32)
            throw new PtxException($"'{i.Spelling}': the address {Describe(o)} is not a 32- or 64-bit register");
        Expr v = new VarRef(_at, reg.Variable);
        return reg.Type.Bits == 64 ? v : Cast(CastOp.ZExt, v, IrType.Int64);
    }

    private Expr Offset(Expr bytes, long offset) => offset == 0 ? bytes : new PtrAddExpr(_at, bytes, Int(offset, IrType.Int64));

    /// <summary>The byte pointer at window offset <paramref name="offset"/> (int64) of <paramref name="space"/>.</summary>
    private Expr WindowPointer(PtxInstruction i, string space, Expr offset)
    {
        var window = _function!.Window(space) ?? throw new PtxException($"'{i.Spelling}' addresses .{space} memory, and the module declares none");
        Expr Base(string array) => Cast(CastOp.Bitcast, new PtrToExpr(_at, array), IrType.BytePtr);
        if (window.DynamicArray is null) return new PtrAddExpr(_at, Base(window.StaticArray!), offset);
        if (window.StaticArray is null) return new PtrAddExpr(_at, Base(window.DynamicArray), offset);
        var size = Int(window.StaticSize, IrType.Int64);
        return Select(B(BinaryOp.ULt, offset, size), new PtrAddExpr(_at, Base(window.StaticArray), offset),
            new PtrAddExpr(_at, Base(window.DynamicArray), B(BinaryOp.Sub, offset, size)));
    }

    /// <summary>The window offset of generic address <paramref name="generic"/> (int64) in <paramref name="space"/>.</summary>
    private Expr WindowOffsetOf(PtxInstruction i, string space, Expr generic)
    {
        var window = _function!.Window(space) ?? throw new PtxException($"'{i.Spelling}' converts to .{space} memory, and the module declares none");
        Expr Base(string array) => Cast(CastOp.PtrToInt, new PtrToExpr(_at, array), IrType.Int64);
        if (window.DynamicArray is null) return B(BinaryOp.Sub, generic, Base(window.StaticArray!));
        if (window.StaticArray is null) return B(BinaryOp.Sub, generic, Base(window.DynamicArray));
        var inStatic = B(BinaryOp.Sub, generic, Base(window.StaticArray));
        var size = Int(window.StaticSize, IrType.Int64);
        return Select(B(BinaryOp.ULt, inStatic, size), inStatic,
            B(BinaryOp.Add, B(BinaryOp.Sub, generic, Base(window.DynamicArray)), size));
    }

    /// <summary>cvta[.to].space.size d, a: between generic addresses and a space's own.</summary>
    private List<Stmt> Cvta(PtxInstruction i, Modifiers m)
    {
        if (_function is null) throw new PtxException($"'{i.Spelling}' is not translated in an asm template");
        var t = m.Type();
        Count(i, 2);
        bool toSpace = m.Take("to");
        string space = m.TakeAny("global", "const", "shared", "shared::cta", "local", "param")
            ?? throw new PtxException($"'{i.Spelling}' needs a state space");
        if (space == "shared::cta") space = "shared";
        if (!t.IsInteger || t.Bits < 32) throw new PtxException($"'{i.Spelling}': addresses are .u32 or .u64");
        Expr value;
        switch (space)
        {
            case "global" or "const": value = Read(i.Operands[1], t); break;
            case "shared" or "local" when toSpace:
            {
                if (t.Bits != 64) throw new PtxException($"'{i.Spelling}': a generic address is 64-bit");
                value = WindowOffsetOf(i, space, Read(i.Operands[1], t));
                break;
            }
            case "shared" or "local":
            {
                var offset = Read(i.Operands[1], t);
                if (t.Bits == 32) offset = Cast(CastOp.ZExt, offset, IrType.Int64);
                if (t.Bits != 64) throw new PtxException($"'{i.Spelling}': a generic address is 64-bit");
                value = Cast(CastOp.PtrToInt, WindowPointer(i, space, offset), IrType.Int64);
                break;
            }
            default: throw new PtxException($"'{i.Spelling}': addresses of .param variables are not translated");
        }
        return [Write(i.Operands[0], value, t)];
    }

    /// <summary>ld.param d, [name+0]: the parameter's value, its bits read as the access's type.</summary>
    private List<Stmt> ParameterLoad(PtxInstruction i, Access access)
    {
        if (AggregateParameter(i.Operands[1]) is { } aggregate) return AggregateLoad(i, access, aggregate);
        var p = Parameter(i, i.Operands[1], access);
        var bits = new PtxType(access.Type.IsSigned ? 's' : 'b', access.Type.Bits);
        return [Write(i.Operands[0], Reinterpret(new VarRef(_at, p.Variable), p.Type, bits.Ir, access.Type.IsSigned, $"'{i.Spelling}'"), bits)];
    }

    /// <summary>st.param [name+0], a: sets the parameter (a call's argument, or the function's result).</summary>
    private List<Stmt> ParameterStore(PtxInstruction i, Access access)
    {
        var p = Parameter(i, i.Operands[0], access);
        var bits = new PtxType('b', access.Type.Bits);
        return [new SetStmt(_at, p.Variable, Reinterpret(Read(i.Operands[1], bits), bits.Ir, p.Type, false, $"'{i.Spelling}'"))];
    }

    private (PtxParamSymbol Symbol, long Offset)? AggregateParameter(PtxOperand address) =>
        address is PtxAddress { Base: PtxRegister r } a && _function?.Symbol(r.Name) is PtxParamSymbol { Bytes: not null } p ? (p, a.Offset) : null;

    /// <summary>ld.param d, [aggregate+offset]: the bytes at that offset of a parameter passed by value, read through its address.</summary>
    private List<Stmt> AggregateLoad(PtxInstruction i, Access access, (PtxParamSymbol Symbol, long Offset) aggregate)
    {
        var bits = new PtxType(access.Type.IsSigned ? 's' : 'b', access.Type.Bits);
        var destinations = Elements(i, i.Operands[0], access.Lanes);
        var list = new List<Stmt>();
        for (int k = 0; k < destinations.Count; k++)
        {
            long offset = aggregate.Offset + (long)k * (bits.Bits / 8);
            if (offset < 0 || offset + bits.Bits / 8 > aggregate.Symbol.Bytes)
                throw new PtxException($"'{i.Spelling}' reads past the {aggregate.Symbol.Bytes} bytes of its parameter");
            var bytes = Offset(Cast(CastOp.Bitcast, new PtrToExpr(_at, aggregate.Symbol.Variable), IrType.BytePtr), offset);
            list.Add(Write(destinations[k], new LoadExpr(_at, Cast(CastOp.Bitcast, bytes, new PointerType(bits.Ir, AddressSpace.Generic))), bits));
        }
        return list;
    }

    private PtxParamSymbol Parameter(PtxInstruction i, PtxOperand address, Access access)
    {
        if (_function is null) throw new PtxException($"'{i.Spelling}' is not translated in an asm template");
        if (address is not PtxAddress { Base: PtxRegister r } a || _function.Symbol(r.Name) is not PtxParamSymbol p)
            throw new PtxException($"'{i.Spelling}': the address is not a .param variable");
        if (a.Offset != 0 || access.Lanes != 1 || access.Type.Bits != (p.Type is PointerType ? 64 : p.Type.Bits))
            throw new PtxException($"'{i.Spelling}': a part of the parameter '{r.Name}' (an aggregate passed by value) is not translated");
        return p;
    }
}
