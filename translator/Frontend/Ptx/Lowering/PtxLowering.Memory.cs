using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// ld, st, membar and fence. The address is an operand holding a pointer (an <c>"l"</c> operand bound to a C++
/// pointer) or a 64-bit generic address. Cache operators and eviction hints (.ca .cg .cs .lu .cv .nc, L1::/L2::) do not
/// change the values read or written and are dropped. .volatile, .relaxed, .acquire and .release accesses are the IR's
/// atomic loads and stores at their scope (volatile: system scope, relaxed), so a spin loop on them is not hoisted.
/// </summary>
internal sealed partial class PtxLowering
{
    private static readonly string[] Spaces = ["global", "shared", "shared::cta", "local", "const", "param"];
    private static readonly string[] Hints = ["ca", "cg", "cs", "lu", "cv", "wb", "wt", "nc", "weak", "L1::no_allocate", "L1::evict_normal",
        "L1::evict_first", "L1::evict_last", "L1::evict_unchanged", "L2::64B", "L2::128B", "L2::256B", "L2::evict_normal", "L2::evict_first", "L2::evict_last"];

    /// <summary>An access's type, lanes, ordering, and state space (null: generic; <c>shared::cta</c> is <c>shared</c>).</summary>
    private sealed record Access(PtxType Type, int Lanes, MemoryScope? Scope, MemoryOrder Order, string? Space);

    private static Access ReadAccess(PtxInstruction i, Modifiers m, bool load)
    {
        var t = m.Type();
        if (t.IsPredicate || t.Pair) throw new PtxException($"'{i.Spelling}' is not translated");
        string? space = m.TakeAny(Spaces);
        if (space == "shared::cta") space = "shared";
        while (m.TakeAny(Hints) is not null) { }
        int lanes = m.TakeAny("v2", "v4") switch { "v2" => 2, "v4" => 4, _ => 1 };
        MemoryScope? scope = null;
        var order = MemoryOrder.Relaxed;
        if (m.Take("volatile")) scope = MemoryScope.System;
        else if (m.TakeAny("relaxed", load ? "acquire" : "release") is { } o)
        {
            order = o switch { "acquire" => MemoryOrder.Acquire, "release" => MemoryOrder.Release, _ => MemoryOrder.Relaxed };
            scope = m.TakeAny("cta", "gpu", "sys") switch
            {
                "cta" => MemoryScope.Block, "gpu" => MemoryScope.Device, "sys" => MemoryScope.System,
                _ => throw new PtxException($"'{i.Spelling}': a .{o} access needs a scope"),
            };
        }
        if (scope is not null && t.Bits < 16) throw new PtxException($"'{i.Spelling}': an ordered 8-bit access is not translated");
        return new Access(t, lanes, scope, order, space);
    }

    /// <summary>The pointer to element <paramref name="k"/> of the access at <paramref name="address"/>.</summary>
    private Expr Address(PtxInstruction i, PtxOperand address, IrType element, int k, string? space)
    {
        if (_function is not null) return ModuleAddress(i, address, element, k, space);
        if (address is not PtxAddress { } a) throw new PtxException($"'{i.Spelling}': the address must be written [register] or [register+offset]");
        if (Register(a.Base) is not { } reg) throw new PtxException($"'{i.Spelling}': the address {Describe(a.Base)} is not a register");
        var pointerSpace = reg.Type is PointerType p ? p.AddressSpace : AddressSpace.Generic;
        Expr pointer = reg.Type switch
        {
            PointerType => new VarRef(_at, reg.Variable),
            _ when reg.Type == IrType.Int64 => Cast(CastOp.IntToPtr, new VarRef(_at, reg.Variable), IrType.BytePtr),
            _ => throw new PtxException($"'{i.Spelling}': a {reg.Type.Bits}-bit address (a state-space offset) is not translated; pass a pointer with \"l\""),
        };
        IrType pointerType = reg.Type is PointerType ? reg.Type : IrType.BytePtr;
        var bytes = new PointerType(IrType.Int8, pointerSpace);
        var typed = new PointerType(element, pointerSpace);
        long offset = a.Offset + (long)k * (element.Bits / 8);
        if (offset != 0)
        {
            if (pointerType != bytes) pointer = Cast(CastOp.Bitcast, pointer, bytes);
            pointer = new PtrAddExpr(_at, pointer, Int(offset, IrType.Int64));
            pointerType = bytes;
        }
        return pointerType == typed ? pointer : Cast(CastOp.Bitcast, pointer, typed);
    }

    private List<Stmt> Load(PtxInstruction i, Modifiers m)
    {
        var access = ReadAccess(i, m, load: true);
        Count(i, 2);
        if (access.Space == "param") return ParameterLoad(i, access);
        var bits = Bits(access.Type);
        var destinations = Elements(i, i.Operands[0], access.Lanes);
        var list = new List<Stmt>();
        for (int k = 0; k < destinations.Count; k++)
        {
            if (_function?.Frame?.At(i.Operands[1], k, bits.Bits / 8) is { } slot)
            {
                list.Add(Write(destinations[k], Reinterpret(new VarRef(_at, slot.Variable), slot.Type, bits.Ir, false, $"'{i.Spelling}'"), bits));
                continue;
            }
            var pointer = Address(i, i.Operands[1], bits.Ir, k, access.Space);
            Expr value = access.Scope is { } scope ? new AtomicLoadExpr(_at, pointer, scope, access.Order) : new LoadExpr(_at, pointer);
            list.Add(Write(destinations[k], value, bits));
        }
        return list;
    }

    private List<Stmt> Store(PtxInstruction i, Modifiers m)
    {
        var access = ReadAccess(i, m, load: false);
        Count(i, 2);
        if (access.Space == "param") return ParameterStore(i, access);
        var bits = Bits(access.Type);
        var sources = Elements(i, i.Operands[1], access.Lanes);
        var list = new List<Stmt>();
        for (int k = 0; k < sources.Count; k++)
        {
            var value = Read(sources[k], bits);
            if (_function?.Frame?.At(i.Operands[0], k, bits.Bits / 8) is { } slot)
            {
                list.Add(new SetStmt(_at, slot.Variable, Reinterpret(value, bits.Ir, slot.Type, false, $"'{i.Spelling}'")));
                continue;
            }
            var pointer = Address(i, i.Operands[0], bits.Ir, k, access.Space);
            list.Add(new ExprStmt(_at, access.Scope is { } scope ? new AtomicStoreExpr(_at, pointer, value, scope, access.Order) : new StoreExpr(_at, pointer, value)));
        }
        return list;
    }

    /// <summary>The type an access moves: .f32 and .f64 as floats (so the IR reads as the PTX does), other types as their
    /// bits (signed ones sign-extended into a wider register).</summary>
    private static PtxType Bits(PtxType t) => t is { IsFloat: true, Pair: false, Bits: 32 or 64 } ? t : new PtxType(t.IsSigned ? 's' : 'b', t.Bits);

    private static IReadOnlyList<PtxOperand> Elements(PtxInstruction i, PtxOperand o, int lanes)
    {
        if (lanes == 1) return o is PtxVector ? throw new PtxException($"'{i.Spelling}': a vector operand needs .v2 or .v4") : [o];
        if (o is not PtxVector v || v.Elements.Count != lanes) throw new PtxException($"'{i.Spelling}' takes a vector of {lanes}");
        return v.Elements;
    }

    /// <summary>membar.cta/gl/sys and fence.sc/acq_rel.cta/gpu/sys: a fence at that scope.</summary>
    private List<Stmt> Fence(PtxInstruction i, Modifiers m)
    {
        Count(i, 0);
        var order = i.Opcode == "membar" ? MemoryOrder.SeqCst : m.TakeAny("sc", "acq_rel") switch
        {
            "sc" => MemoryOrder.SeqCst, "acq_rel" => MemoryOrder.AcqRel,
            _ => throw new PtxException($"'{i.Spelling}' is not translated (only fence.sc and fence.acq_rel)"),
        };
        var scope = m.TakeAny("cta", "gl", "gpu", "sys") switch
        {
            "cta" => MemoryScope.Block, "gl" or "gpu" => MemoryScope.Device, "sys" => MemoryScope.System,
            _ => throw new PtxException($"'{i.Spelling}' needs a scope"),
        };
        return [new ExprStmt(_at, new FenceExpr(_at, scope, order))];
    }
}
