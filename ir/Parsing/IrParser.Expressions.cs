using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Parsing;

public sealed partial class IrParser
{
    private static readonly Dictionary<string, SpecialRegister> Registers = new()
    {
        ["tid.x"] = SpecialRegister.ThreadIdxX, ["tid.y"] = SpecialRegister.ThreadIdxY, ["tid.z"] = SpecialRegister.ThreadIdxZ,
        ["bid.x"] = SpecialRegister.BlockIdxX, ["bid.y"] = SpecialRegister.BlockIdxY, ["bid.z"] = SpecialRegister.BlockIdxZ,
        ["bdim.x"] = SpecialRegister.BlockDimX, ["bdim.y"] = SpecialRegister.BlockDimY, ["bdim.z"] = SpecialRegister.BlockDimZ,
        ["gdim.x"] = SpecialRegister.GridDimX, ["gdim.y"] = SpecialRegister.GridDimY, ["gdim.z"] = SpecialRegister.GridDimZ,
        ["laneid"] = SpecialRegister.LaneId, ["warpsize"] = SpecialRegister.WarpSize,
    };

    internal static readonly IReadOnlyDictionary<SpecialRegister, string> RegisterNames =
        Registers.ToDictionary(kv => kv.Value, kv => kv.Key);

    private Expr ParseExpr(SExpr e)
    {
        switch (e)
        {
            case SAtom { Text: "#t" }: return new BoolLit(e.Location, true);
            case SAtom { Text: "#f" }: return new BoolLit(e.Location, false);
            case SAtom a when Literals.LooksNumeric(a.Text):
                if (Literals.TryInteger(a.Text, out var i)) return new IntLit(e.Location, i, null);
                if (Literals.IsIntegerSpelling(a.Text))
                    throw Error(Codes.BadLiteral, e, $"'{a.Text}' does not fit in 64 bits");
                if (Literals.TryFloat(a.Text, out var d)) return new FloatLit(e.Location, d, null);
                throw Error(Codes.BadLiteral, e, $"'{a.Text}' is not a number this language can spell");
            case SAtom a when IsName(a.Text): return new VarRef(e.Location, a.Text);
            case SAtom a: throw Error(Codes.BadExpression, e, $"'{a.Text}' is not an expression");
            // Upstream writes a bare "..." for a string constant; (string "...") is the canonical spelling.
            case SString str: return new StringLit(e.Location, str.Value);
            case SList { Count: 0 }: throw Error(Codes.BadExpression, e, "an empty list is not an expression");
            case SList l: return ParseForm(l);
            default: throw new InvalidOperationException();
        }
    }

    private List<Expr> ParseAll(IEnumerable<SExpr> items) => items.Select(ParseExpr).ToList();

    private Expr ParseForm(SList l)
    {
        string head = l.Head ?? throw Error(Codes.BadExpression, l, $"'{Show(l)}' is not an expression: a form starts with its name");
        var at = l.Location;
        if (OperatorNames.Binary.TryGetValue(head, out var bop))
        {
            Arity(l, 3, $"({head} A B)");
            return new BinaryExpr(at, bop, ParseExpr(l[1]), ParseExpr(l[2]));
        }
        if (OperatorNames.Cast.TryGetValue(head, out var cop))
        {
            Arity(l, 3, $"({head} EXPR TYPE)");
            return new CastExpr(at, cop, ParseExpr(l[1]), TypeSyntax.Parse(l[2]));
        }
        if (l.Count == 1 && Registers.TryGetValue(head, out var reg))
            return new SpecialRegisterExpr(at, reg);
        if (TypeSyntax.ScalarByName(head) is { } scalar && l.Count == 2)
            return ParseTypedLiteral(l, scalar);
        switch (head)
        {
            case "not": Arity(l, 2, "(not X)"); return new UnaryExpr(at, UnaryOp.Not, ParseExpr(l[1]));
            case "fneg": Arity(l, 2, "(fneg X)"); return new UnaryExpr(at, UnaryOp.FNeg, ParseExpr(l[1]));
            case "string":
                if (l.Count != 2 || l[1] is not SString s) throw Error(Codes.WrongArity, l, "'string' is written (string \"TEXT\")");
                return new StringLit(at, s.Value);
            case "null": Arity(l, 2, "(null (ptr T))"); return new NullLit(at, TypeSyntax.Parse(l[1]));
            case "load": Arity(l, 2, "(load PTR)"); return new LoadExpr(at, ParseExpr(l[1]));
            case "store": Arity(l, 3, "(store PTR VALUE)"); return new StoreExpr(at, ParseExpr(l[1]), ParseExpr(l[2]));
            case "ptradd": Arity(l, 3, "(ptradd PTR INDEX)"); return new PtrAddExpr(at, ParseExpr(l[1]), ParseExpr(l[2]));
            case "aptradd": Arity(l, 3, "(aptradd ARRAY INDEX)"); return new ArrayPtrAddExpr(at, ParseExpr(l[1]), ParseExpr(l[2]));
            case "sptradd": Arity(l, 3, "(sptradd PTR FIELD)"); return new StructPtrAddExpr(at, ParseExpr(l[1]), ExpectName(l[2], "a field name"));
            case "alloc": Arity(l, 3, "(alloc TYPE COUNT)"); return new AllocExpr(at, TypeSyntax.Parse(l[1]), ParseExpr(l[2]));
            case "ptr-to": Arity(l, 2, "(ptr-to VARIABLE)"); return new PtrToExpr(at, ExpectName(l[1], "a variable name"));
            case "call":
                ArityAtLeast(l, 2, "(call FUNCTION ARG...)");
                string callee = ExpectName(l[1], "a function name");
                // LLVM's memcpy intrinsic, declared and called as a function (upstream hands its programs to LLVM):
                // (call llvm.memcpy.p0i8.p0i8.i64 DST SRC LEN VOLATILE) is the C library's memcpy of LEN bytes.
                if (callee.StartsWith("llvm.memcpy.", StringComparison.Ordinal) && l.Count == 6)
                    return new CallExpr(at, "memcpy", ParseAll(l.Items.Skip(2).Take(3)));
                return _redeclaredLibrary.ContainsKey(callee)
                    ? AdaptedLibraryCall(at, callee, ParseAll(l.Items.Skip(2)))
                    : new CallExpr(at, callee, ParseAll(l.Items.Skip(2)));
            case "asm":
                // Two orders: brilisp's (asm "TEMPLATE" "CONSTRAINTS" RET-TYPE ARG...) and C-Lisp's (asm RET-TYPE "TEMPLATE" "CONSTRAINTS" ARG...).
                if (l.Count >= 4 && l[1] is SString tpl && l[2] is SString cons)
                    return new AsmExpr(at, tpl.Value, cons.Value, TypeSyntax.Parse(l[3]), ParseAll(l.Items.Skip(4)));
                if (l.Count >= 4 && l[1] is not SString && l[2] is SString tpl2 && l[3] is SString cons2)
                    return new AsmExpr(at, tpl2.Value, cons2.Value, TypeSyntax.Parse(l[1]), ParseAll(l.Items.Skip(4)));
                throw Error(Codes.WrongArity, l, "'asm' is written (asm RET-TYPE \"TEMPLATE\" \"CONSTRAINTS\" ARG...) or (asm \"TEMPLATE\" \"CONSTRAINTS\" RET-TYPE ARG...)");
            case "select": Arity(l, 4, "(select COND A B)"); return new SelectExpr(at, ParseExpr(l[1]), ParseExpr(l[2]), ParseExpr(l[3]));
            case "cond": Arity(l, 4, "(cond COND A B)"); return new CondExpr(at, ParseExpr(l[1]), ParseExpr(l[2]), ParseExpr(l[3]));
            case "land": Arity(l, 3, "(land A B)"); return new LogicalExpr(at, true, ParseExpr(l[1]), ParseExpr(l[2]));
            case "lor": Arity(l, 3, "(lor A B)"); return new LogicalExpr(at, false, ParseExpr(l[1]), ParseExpr(l[2]));
            case "set":
                // Upstream's (set NAME EXPR) is also an expression yielding the value assigned, as C's '='.
                Arity(l, 3, "(set NAME EXPR)");
                string target = ExpectName(l[1], "a variable name");
                return new BeginExpr(at, new Block(at, [new SetStmt(at, target, ParseExpr(l[2]))]), new VarRef(at, target));
            case "begin":
                ArityAtLeast(l, 2, "(begin STMT... EXPR)");
                return new BeginExpr(at, ParseBody(l.Items.Skip(1).Take(l.Count - 2), at), ParseExpr(l[l.Count - 1]));
            case "extractvalue":
                Arity(l, 3, "(extractvalue AGGREGATE INDEX)");
                return new ExtractValueExpr(at, ParseExpr(l[1]), IndexName(l[2]));
            case "insertvalue":
                // Upstream's operand order, as LLVM's: the aggregate, the new element, then its index.
                Arity(l, 4, "(insertvalue AGGREGATE VALUE INDEX)");
                return new InsertValueExpr(at, ParseExpr(l[1]), IndexName(l[3]), ParseExpr(l[2]));
            case "make":
                ArityAtLeast(l, 2, "(make TYPE ELEMENT...)");
                return new MakeExpr(at, TypeSyntax.Parse(l[1]), ParseAll(l.Items.Skip(2)));
            case "__syncthreads": Arity(l, 1, "[__syncthreads]"); return new BarrierExpr(at, BarrierKind.Plain, null);
            case "syncthreads-count": Arity(l, 2, "(syncthreads-count PRED)"); return new BarrierExpr(at, BarrierKind.Count, ParseExpr(l[1]));
            case "syncthreads-and": Arity(l, 2, "(syncthreads-and PRED)"); return new BarrierExpr(at, BarrierKind.And, ParseExpr(l[1]));
            case "syncthreads-or": Arity(l, 2, "(syncthreads-or PRED)"); return new BarrierExpr(at, BarrierKind.Or, ParseExpr(l[1]));
            case "grid-sync": Arity(l, 1, "(grid-sync)"); return new GridSyncExpr(at);
            case "syncwarp": Arity(l, 2, "(syncwarp MASK)"); return new SyncWarpExpr(at, ParseExpr(l[1]));
            case "activemask": Arity(l, 1, "[activemask]"); return new ActiveMaskExpr(at);
            case "clock64": Arity(l, 1, "[clock64]"); return new ClockExpr(at);
            case "globaltimer": Arity(l, 1, "[globaltimer]"); return new GlobalTimerExpr(at);
            case "warning":
            {
                Arity(l, 2, "(warning CODE)");
                var id = ExpectName(l[1], "a diagnostic code");
                if (Codes.Find(id) is not { Severity: Severity.Warning } code)
                    throw Error(Codes.BadOption, l, $"'{id}' is not the code of a warning (docs/ir/diagnostics.md)");
                return new WarningExpr(at, code);
            }
            case "trap" when l.Count == 2 && l[1] is SAtom { Text: "assert" }: return new TrapExpr(at, isAssert: true);
            case "trap": Arity(l, 1, "(trap) or (trap assert)"); return new TrapExpr(at);
            case "fence":
                Arity(l, 3, "(fence SCOPE ORDER)");
                return new FenceExpr(at, Scope(l[1]), Order(l[2]));
            case "atomic-rmw":
                Arity(l, 6, "(atomic-rmw OP PTR VALUE SCOPE ORDER)");
                return new AtomicRmwExpr(at, Enum<AtomicOp>(l[1], CudaNames.AtomicOps, "an atomic operation"), ParseExpr(l[2]), ParseExpr(l[3]), Scope(l[4]), Order(l[5]));
            case "atomic-cas":
                Arity(l, 6, "(atomic-cas PTR EXPECTED DESIRED SCOPE ORDER)");
                return new AtomicCasExpr(at, ParseExpr(l[1]), ParseExpr(l[2]), ParseExpr(l[3]), Scope(l[4]), Order(l[5]));
            case "atomic-load":
                Arity(l, 4, "(atomic-load PTR SCOPE ORDER)");
                return new AtomicLoadExpr(at, ParseExpr(l[1]), Scope(l[2]), Order(l[3]));
            case "atomic-store":
                Arity(l, 5, "(atomic-store PTR VALUE SCOPE ORDER)");
                return new AtomicStoreExpr(at, ParseExpr(l[1]), ParseExpr(l[2]), Scope(l[3]), Order(l[4]));
            case "shfl":
                Arity(l, 6, "(shfl MODE MASK VALUE LANE WIDTH)");
                return new ShuffleExpr(at, Enum<ShuffleMode>(l[1], CudaNames.ShuffleModes, "a shuffle mode"), ParseExpr(l[2]), ParseExpr(l[3]), ParseExpr(l[4]), ParseExpr(l[5]));
            case "vote":
                Arity(l, 4, "(vote MODE MASK PRED)");
                return new VoteExpr(at, Enum<VoteMode>(l[1], CudaNames.VoteModes, "a vote mode"), ParseExpr(l[2]), ParseExpr(l[3]));
            case "math":
                ArityAtLeast(l, 2, "(math NAME ARG...)");
                return new MathExpr(at, ExpectName(l[1], "a math operation name"), ParseAll(l.Items.Skip(2)));
            case "launch" or "launch-cooperative":
                return ParseLaunch(l);
        }
        if (Registers.ContainsKey(head))
            throw Error(Codes.WrongArity, l, $"'[{head}]' takes no operands");
        throw Error(Codes.UnknownForm, l, $"unknown form '{head}'");
    }

    private static Expr ParseTypedLiteral(SList l, ScalarType type)
    {
        if (l[1] is SAtom a)
        {
            if (type.IsInteger && Literals.TryInteger(a.Text, out var i)) return new IntLit(l.Location, i, type);
            if (type.IsFloat && Literals.TryFloat(a.Text, out var d)) return new FloatLit(l.Location, d, type);
            if (type.IsFloat && Literals.TryInteger(a.Text, out var di)) return new FloatLit(l.Location, (double)di, type);
        }
        throw Error(Codes.BadLiteral, l, $"'{Show(l)}' is not a literal of type {type}");
    }

    private static string IndexName(SExpr e) => e is SAtom a ? a.Text : throw Error(Codes.BadExpression, e, "expected a field name or index");

    private static MemoryScope Scope(SExpr e) => Enum<MemoryScope>(e, CudaNames.Scopes, "a memory scope (block, device, system)");
    private static MemoryOrder Order(SExpr e) => Enum<MemoryOrder>(e, CudaNames.Orders, "a memory order (relaxed, acquire, release, acq_rel, seq_cst)");

    private static T Enum<T>(SExpr e, IReadOnlyDictionary<string, T> names, string what) where T : struct =>
        e is SAtom a && names.TryGetValue(a.Text, out var v) ? v
            : throw Error(Codes.BadOption, e, $"'{Show(e)}' is not {what}; expected one of: {string.Join(", ", names.Keys)}");

    private LaunchExpr ParseLaunch(SList l)
    {
        string shape = $"({l.Head} KERNEL (grid X Y Z) (block X Y Z) (shared BYTES) (stream S) ARG...)";
        ArityAtLeast(l, 6, shape);
        string kernel = ExpectName(l[1], "a kernel name");
        List<Expr> Dims(SExpr e, string name)
        {
            if (e is SList d && d.Head == name && d.Count == 4) return ParseAll(d.Items.Skip(1));
            throw Error(Codes.BadExpression, e, $"expected ({name} X Y Z) in {shape}");
        }
        Expr One(SExpr e, string name)
        {
            if (e is SList d && d.Head == name && d.Count == 2) return ParseExpr(d[1]);
            throw Error(Codes.BadExpression, e, $"expected ({name} EXPR) in {shape}");
        }
        return new LaunchExpr(l.Location, kernel, Dims(l[2], "grid"), Dims(l[3], "block"), One(l[4], "shared"), One(l[5], "stream"),
            ParseAll(l.Items.Skip(6)), cooperative: l.Head == "launch-cooperative");
    }
}
