using Translate.Backends.OpenCl.Syntax;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

internal sealed partial class FunctionEmitter
{
    /// <summary>
    /// Conversions with the IR's meaning: float to integer saturates and sends NaN to 0 (OpenCL's
    /// <c>convert_T_sat_rtz</c>), unsigned forms go through OpenCL's unsigned types, bitcasts are <c>as_T</c>.
    /// </summary>
    private CExpr Cast(CastExpr c)
    {
        var x = Expr(c.Operand);
        var from = c.Operand.Type;
        var to = c.Target;
        string To() => Types.Name(to);
        switch (c.Op)
        {
            case CastOp.SIToFP:
                return new CCast(To(), x);
            case CastOp.UIToFP:
                return new CCast(To(), from.IsBool ? x : new CCast(OpenClTypes.Unsigned(from), x));
            case CastOp.FPToSI:
                return new CCall($"convert_{To()}_sat_rtz", [x]);
            case CastOp.FPToUI:
                return new CCast(To(), new CCall($"convert_{OpenClTypes.Unsigned(to)}_sat_rtz", [x]));
            case CastOp.SExt:
                return from.IsBool
                    ? new CConditional(x, new CLiteral(IntLiteral(-1, to)), new CLiteral(IntLiteral(0, to)))
                    : new CCast(To(), x);
            case CastOp.ZExt:
                return new CCast(To(), from.IsBool ? x : new CCast(OpenClTypes.Unsigned(from), x));
            case CastOp.Trunc:
                return to.IsBool ? new CBinary("!=", new CBinary("&", x, new CLiteral("1")), new CLiteral("0")) : new CCast(To(), x);
            case CastOp.FPExt or CastOp.FPTrunc:
                return new CCast(To(), x);
            case CastOp.Bitcast when to is PointerType:
                return new CCast(Types.Name(to, _inst.SpaceOf(c)), x);
            case CastOp.Bitcast:
                if (from is VectorType fv && !OpenClTypes.IsNativeVector(fv) || to is VectorType tv && !OpenClTypes.IsNativeVector(tv))
                    _ctx.Unsupported(c.Location, $"bitcast between {from} and {to}");
                return from == to ? x : new CCall($"as_{To()}", [x]);
            case CastOp.IntToPtr:
                return new CCast(Types.Name(to, MemorySpace.Global), x);
            case CastOp.PtrToInt:
                return new CCast(To(), x);
            case CastOp.AddrSpaceCast:
                // Both sides name one OpenCL space once inference has run; a real change of space cannot be expressed.
                if (c.Operand.Type is PointerType && _inst.SpaceOf(c.Operand) != _inst.SpaceOf(c))
                    _ctx.Diagnostics.Add(Ir.Diagnostics.Codes.AddressSpaceConflict, c.Location,
                        $"addrspacecast from {MemorySpaces.Describe(_inst.SpaceOf(c.Operand))} to {MemorySpaces.Describe(_inst.SpaceOf(c))}");
                return x;
            default:
                throw new InvalidOperationException(c.Op.ToString());
        }
    }
}
