using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>PTX special registers (<c>%laneid</c>, <c>%tid.x</c>, <c>%clock64</c> …) as the IR's thread-index and clock forms.</summary>
internal sealed partial class PtxLowering
{
    private static readonly Dictionary<string, SpecialRegister> ThreadIndex = new()
    {
        ["%tid.x"] = SpecialRegister.ThreadIdxX, ["%tid.y"] = SpecialRegister.ThreadIdxY, ["%tid.z"] = SpecialRegister.ThreadIdxZ,
        ["%ntid.x"] = SpecialRegister.BlockDimX, ["%ntid.y"] = SpecialRegister.BlockDimY, ["%ntid.z"] = SpecialRegister.BlockDimZ,
        ["%ctaid.x"] = SpecialRegister.BlockIdxX, ["%ctaid.y"] = SpecialRegister.BlockIdxY, ["%ctaid.z"] = SpecialRegister.BlockIdxZ,
        ["%nctaid.x"] = SpecialRegister.GridDimX, ["%nctaid.y"] = SpecialRegister.GridDimY, ["%nctaid.z"] = SpecialRegister.GridDimZ,
        ["%laneid"] = SpecialRegister.LaneId,
    };

    /// <summary>A special register read as <paramref name="t"/>: all are 32-bit but %clock64 and %globaltimer (64-bit).</summary>
    private Expr Special(string name, PtxType t)
    {
        Expr value;
        IrType type = IrType.Int32;
        if (ThreadIndex.TryGetValue(name, out var r)) value = new SpecialRegisterExpr(_at, r);
        else
        {
            value = name switch
            {
                "%warpid" => Warp(),
                "%lanemask_eq" => Shl(Int(1, IrType.Int32), Lane()),
                "%lanemask_lt" => Sub(Shl(Int(1, IrType.Int32), Lane()), Int(1, IrType.Int32)),
                // 2 << lane, computed as (1 << lane) << 1 so lane 31 gives 0 (all ones after the -1).
                "%lanemask_le" => Sub(Shl(Shl(Int(1, IrType.Int32), Lane()), Int(1, IrType.Int32)), Int(1, IrType.Int32)),
                "%lanemask_gt" => Not32(Sub(Shl(Shl(Int(1, IrType.Int32), Lane()), Int(1, IrType.Int32)), Int(1, IrType.Int32))),
                "%lanemask_ge" => Not32(Sub(Shl(Int(1, IrType.Int32), Lane()), Int(1, IrType.Int32))),
                "%clock" => new CastExpr(_at, CastOp.Trunc, new ClockExpr(_at), IrType.Int32),
                "%clock64" => new ClockExpr(_at),
                "%globaltimer" => new GlobalTimerExpr(_at),
                "%globaltimer_lo" => new CastExpr(_at, CastOp.Trunc, new GlobalTimerExpr(_at), IrType.Int32),
                "%globaltimer_hi" => new CastExpr(_at, CastOp.Trunc,
                    new BinaryExpr(_at, BinaryOp.LShr, new GlobalTimerExpr(_at), Int(32, IrType.Int64)), IrType.Int32),
                _ => throw new PtxException($"the register '{name}' is neither an operand, a declared register nor a translated special register"),
            };
            if (name is "%clock64" or "%globaltimer") type = IrType.Int64;
        }
        // Before PTX ISA 2.0 %tid, %ntid, %ctaid and %nctaid were vectors of .u16, and the ISA still accepts 16-bit reads
        // of them (mov.u16, cvt.u32.u16): the low 16 bits.
        if (t.IsInteger && t.Bits == 16 && r is not SpecialRegister.LaneId && ThreadIndex.ContainsKey(name))
            return new CastExpr(_at, CastOp.Trunc, value, t.Ir);
        if (!t.IsInteger || t.Bits < type.Bits) throw new PtxException($"the special register '{name}' is {type.Bits}-bit and cannot be read as {t}");
        return t.Bits == type.Bits ? value : new CastExpr(_at, CastOp.ZExt, value, t.Ir);
    }

    private Expr Lane() => new SpecialRegisterExpr(_at, SpecialRegister.LaneId);

    /// <summary>%warpid: the hardware warp slot is unspecified (PTX says it may change); the warp's number in its
    /// block, linear thread index / 32, is one value it may have.</summary>
    private Expr Warp()
    {
        Expr S(SpecialRegister r) => new SpecialRegisterExpr(_at, r);
        Expr Mul(Expr a, Expr b) => new BinaryExpr(_at, BinaryOp.Mul, a, b);
        Expr Add(Expr a, Expr b) => new BinaryExpr(_at, BinaryOp.Add, a, b);
        var linear = Add(S(SpecialRegister.ThreadIdxX),
            Mul(S(SpecialRegister.BlockDimX), Add(S(SpecialRegister.ThreadIdxY), Mul(S(SpecialRegister.BlockDimY), S(SpecialRegister.ThreadIdxZ)))));
        return new BinaryExpr(_at, BinaryOp.UDiv, linear, Int(32, IrType.Int32));
    }

    private Expr Shl(Expr a, Expr b) => new BinaryExpr(_at, BinaryOp.Shl, a, b);
    private Expr Sub(Expr a, Expr b) => new BinaryExpr(_at, BinaryOp.Sub, a, b);
    private Expr Not32(Expr a) => new BinaryExpr(_at, BinaryOp.Xor, a, Int(-1, IrType.Int32));
}
