namespace Translate.Ir.Model;

/// <summary>Two-operand operations. Integer ops take two operands of one integer type (or vectors of it);
/// <c>and</c>/<c>or</c>/<c>xor</c> also take bool. Comparisons yield bool.</summary>
public enum BinaryOp
{
    Add, Sub, Mul, Div, Rem, UDiv, URem, Shl, LShr, AShr, Xor, And, Or,
    FAdd, FSub, FMul, FDiv, FRem,
    Eq, Ne, Lt, Gt, Le, Ge, ULt, UGt, ULe, UGe,
    FEq, FNe, FLt, FGt, FLe, FGe,
    /// <summary>Unordered or not equal: C's <c>!=</c> on floats (true when either is NaN). Upstream's <c>fne</c> is ordered.</summary>
    FUne,
}

public enum UnaryOp { Not, FNeg }

public enum CastOp { SIToFP, FPToSI, UIToFP, FPToUI, IntToPtr, PtrToInt, SExt, ZExt, Trunc, FPExt, FPTrunc, Bitcast, AddrSpaceCast }

/// <summary>The spelling of each operator in the text, both ways.</summary>
public static class OperatorNames
{
    public static readonly IReadOnlyDictionary<string, BinaryOp> Binary = new Dictionary<string, BinaryOp>
    {
        ["add"] = BinaryOp.Add, ["sub"] = BinaryOp.Sub, ["mul"] = BinaryOp.Mul, ["div"] = BinaryOp.Div,
        ["rem"] = BinaryOp.Rem, ["udiv"] = BinaryOp.UDiv, ["urem"] = BinaryOp.URem, ["shl"] = BinaryOp.Shl,
        ["lshr"] = BinaryOp.LShr, ["ashr"] = BinaryOp.AShr, ["xor"] = BinaryOp.Xor, ["and"] = BinaryOp.And,
        ["or"] = BinaryOp.Or, ["fadd"] = BinaryOp.FAdd, ["fsub"] = BinaryOp.FSub, ["fmul"] = BinaryOp.FMul,
        ["fdiv"] = BinaryOp.FDiv, ["frem"] = BinaryOp.FRem, ["eq"] = BinaryOp.Eq, ["ne"] = BinaryOp.Ne,
        ["lt"] = BinaryOp.Lt, ["gt"] = BinaryOp.Gt, ["le"] = BinaryOp.Le, ["ge"] = BinaryOp.Ge,
        ["ult"] = BinaryOp.ULt, ["ugt"] = BinaryOp.UGt, ["ule"] = BinaryOp.ULe, ["uge"] = BinaryOp.UGe,
        ["feq"] = BinaryOp.FEq, ["fne"] = BinaryOp.FNe, ["flt"] = BinaryOp.FLt, ["fgt"] = BinaryOp.FGt,
        ["fle"] = BinaryOp.FLe, ["fge"] = BinaryOp.FGe, ["fune"] = BinaryOp.FUne,
    };

    public static readonly IReadOnlyDictionary<string, CastOp> Cast = new Dictionary<string, CastOp>
    {
        ["sitofp"] = CastOp.SIToFP, ["fptosi"] = CastOp.FPToSI, ["uitofp"] = CastOp.UIToFP, ["fptoui"] = CastOp.FPToUI,
        ["inttoptr"] = CastOp.IntToPtr, ["ptrtoint"] = CastOp.PtrToInt, ["sext"] = CastOp.SExt, ["zext"] = CastOp.ZExt,
        ["trunc"] = CastOp.Trunc, ["fpext"] = CastOp.FPExt, ["fptrunc"] = CastOp.FPTrunc, ["bitcast"] = CastOp.Bitcast,
        ["addrspacecast"] = CastOp.AddrSpaceCast,
    };

    private static readonly Dictionary<BinaryOp, string> BinaryNames = Binary.ToDictionary(kv => kv.Value, kv => kv.Key);
    private static readonly Dictionary<CastOp, string> CastNames = Cast.ToDictionary(kv => kv.Value, kv => kv.Key);

    public static string Name(BinaryOp op) => BinaryNames[op];
    public static string Name(CastOp op) => CastNames[op];
    public static string Name(UnaryOp op) => op == UnaryOp.Not ? "not" : "fneg";

    public static bool IsComparison(BinaryOp op) => op >= BinaryOp.Eq;
    public static bool IsFloatOp(BinaryOp op) => op is >= BinaryOp.FAdd and <= BinaryOp.FRem or >= BinaryOp.FEq;
}
