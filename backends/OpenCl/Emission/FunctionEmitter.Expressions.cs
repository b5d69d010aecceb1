using System.Globalization;
using Translate.Backends.OpenCl.Syntax;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

internal sealed partial class FunctionEmitter
{
    private static readonly CExpr Nothing = new CLiteral("");

    /// <summary>
    /// Translates an expression. Statements it needs first (a <c>begin</c>, a short-circuit operand with
    /// statements, a temporary fixing evaluation order) are written to the output before the caller
    /// writes the statement that uses the result.
    /// </summary>
    private CExpr Expr(Expr e)
    {
        switch (e)
        {
            case IntLit i: return new CLiteral(IntLiteral(i.Value, i.Type));
            case FloatLit f: return new CLiteral(FloatLiteral(f.Value, f.Type));
            case BoolLit b: return new CLiteral(b.Value ? "true" : "false");
            case StringLit s: return new CLiteral(StringLiteral(s.Value));
            case NullLit: return new CLiteral("0");
            case VarRef v: return VariableLValue(v.Symbol);
            case BinaryExpr b: return Binary(b);
            case UnaryExpr u: return Unary(u);
            case CastExpr c: return Cast(c);
            case LogicalExpr l: return Logical(l);
            case CondExpr c: return Conditional(c);
            case SelectExpr s: return Select(s);
            case BeginExpr b:
                Statements(b.Statements.Statements);
                return Expr(b.Result);
            case CallExpr c: return Call(c);
            case ExtractValueExpr x:
            {
                var agg = Expr(x.Aggregate);
                if (x.Aggregate.Type is ArrayType) _ctx.Unsupported(x.Location, "extractvalue on an array value (C arrays are not values)");
                return ElementLValue(Spillable(agg, x.Aggregate), x.Aggregate.Type, x.ResolvedIndex);
            }
            case InsertValueExpr x: return InsertValue(x);
            case MakeExpr m: return Make(m);
            case LoadExpr or StoreExpr or PtrAddExpr or ArrayPtrAddExpr or StructPtrAddExpr or AllocExpr or PtrToExpr:
                return Memory(e);
            case AsmExpr a:
                _ctx.Unsupported(a.Location, "inline assembly (asm) has no OpenCL equivalent");
                return new CLiteral("0");
            default:
                return Cuda(e);
        }
    }

    /// <summary>An aggregate value that is not a name is held in a temporary so a member can be taken from it.</summary>
    private CExpr Spillable(CExpr c, Expr e) => c is CName or CMember or CIndex or CUnary { Op: "*" } ? c : Spill(e, c);

    /// <summary>Writes <c>T tmp = value;</c> and returns the temporary.</summary>
    private CExpr Spill(Expr e, CExpr value)
    {
        var name = Temp();
        _w.Line($"{Types.Declare(e.Type, name, null, e.Type is PointerType ? _inst.SpaceOf(e) : null, storedPointeeSpace: FieldPointeeSpace(e))} = {value};");
        return new CName(name);
    }

    /// <summary>For the address of a struct's pointer field, the space that field's pointers are declared with.</summary>
    private MemorySpace? FieldPointeeSpace(Expr e) =>
        e is StructPtrAddExpr { Type: PointerType { Pointee: PointerType }, Pointer.Type: PointerType { Pointee: StructType holder } } s
        && _ctx.Plan.Fields is { } fields
            ? fields.SpaceOf(holder.Name, s.Field) : null;

    /// <summary>
    /// Translates operands left to right, keeping the IR's evaluation order: C leaves the order of
    /// operands open, so when a later operand has effects or needs statements, earlier ones are
    /// evaluated into temporaries first.
    /// </summary>
    private List<CExpr> Sequence(IReadOnlyList<Expr> operands)
    {
        var results = new List<CExpr>(operands.Count);
        for (int k = 0; k < operands.Count; k++)
        {
            CExpr c = Nothing;
            var fragment = _w.Capture(() => c = Expr(operands[k]));
            if (!fragment.IsEmpty || k > 0 && IrTraversal.Descendants(operands[k]).Any(IsEffectful))
                for (int j = 0; j < k; j++)
                    if (results[j] is not CLiteral && operands[j].Type is not ArrayType) results[j] = Spill(operands[j], results[j]);
            _w.Replay(fragment);
            results.Add(c);
        }
        return results;
    }

    /// <summary>Writes memory or otherwise has an effect that an unordered C operand could reorder.</summary>
    private static bool IsEffectful(Expr e) => e is StoreExpr or BeginExpr or AtomicRmwExpr or AtomicCasExpr or AtomicStoreExpr
        or LaunchExpr or TrapExpr or WarningExpr or AsmExpr
        || e is CallExpr c && (c.Target.Function is not null || c.Target.External is { Kind: not ExternalKind.CMath });

    // ---- literals ----

    internal static string IntLiteral(Int128 value, IrType type)
    {
        int bits = type.IsBool ? 8 : System.Math.Max(8, type.Bits);
        Int128 mask = (Int128.One << bits) - 1;
        Int128 v = value & mask;
        if (v >= Int128.One << (bits - 1)) v -= Int128.One << bits; // the signed reading of the bits
        string name = type.IsBool ? "bool" : OpenClTypes.Scalar(((ScalarType)type).Kind);
        if (bits == 64)
        {
            if (v == long.MinValue) return "(-9223372036854775807L - 1)";
            return v < 0 && value > 0 && value > long.MaxValue ? $"(long)0x{(ulong)(value & mask):x}UL" : $"{v}L";
        }
        if (bits == 32)
        {
            if (v == int.MinValue) return "(-2147483647 - 1)";
            // Masks written as large unsigned numbers stay recognisable.
            return v < 0 && value > int.MaxValue ? $"(int)0x{(uint)(value & mask):x}u" : v.ToString(CultureInfo.InvariantCulture);
        }
        return $"({name}){v}";
    }

    internal static string FloatLiteral(double value, IrType type)
    {
        bool isFloat = type != IrType.Double;
        if (double.IsNaN(value)) return isFloat ? "NAN" : "(double)NAN";
        if (double.IsInfinity(value)) return (value < 0 ? "-" : "") + (isFloat ? "INFINITY" : "(double)INFINITY");
        string text = isFloat ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E') && !text.Contains('e')) text += ".0";
        text = text.Replace("E", "e");
        return type == IrType.Half ? $"(half){text}f" : isFloat ? text + "f" : text;
    }

    internal static string StringLiteral(string s)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(s))
        {
            sb.Append(b switch
            {
                (byte)'"' => "\\\"", (byte)'\\' => "\\\\", (byte)'\n' => "\\n", (byte)'\t' => "\\t", (byte)'\r' => "\\r",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => $"\\{Convert.ToString(b, 8).PadLeft(3, '0')}",
            });
        }
        return sb.Append('"').ToString();
    }

    // ---- operators ----

    private CExpr Binary(BinaryExpr b)
    {
        var ops = Sequence([b.Left, b.Right]);
        CExpr l = ops[0], r = ops[1];
        var t = b.Left.Type;
        bool small = t.ElementOrSelf.IsInteger && t.ElementOrSelf.Bits < 32;
        string S(IrType x) => Types.Name(x);
        CExpr Wrap(CExpr c) => small ? new CCast(S(t), c) : c; // C promotes char and short to int: cut back to the IR's width
        switch (b.Op)
        {
            case BinaryOp.Add: return Wrapping("+", l, r, t) ?? Wrap(new CBinary("+", l, r));
            case BinaryOp.Sub: return Wrapping("-", l, r, t) ?? Wrap(new CBinary("-", l, r));
            case BinaryOp.Mul: return Wrapping("*", l, r, t) ?? Wrap(new CBinary("*", l, r));
            // MIN / -1 and MIN % -1 are undefined in OpenCL C (PoCL gave -1 for LONG_MIN % -1); the IR's are MIN and 0.
            case BinaryOp.Div or BinaryOp.Rem when t is ScalarType && t.Bits >= 32:
                return new CCall(_ctx.Helper($"tr_{(b.Op == BinaryOp.Div ? "div" : "rem")}{t.Bits}"), [l, r]);
            case BinaryOp.Div: return Wrap(new CBinary("/", l, r));
            case BinaryOp.Rem: return Wrap(new CBinary("%", l, r));
            case BinaryOp.UDiv: return new CCast(S(t), new CBinary("/", AsUnsigned(l, t), AsUnsigned(r, t)));
            case BinaryOp.URem: return new CCast(S(t), new CBinary("%", AsUnsigned(l, t), AsUnsigned(r, t)));
            case BinaryOp.Shl: return Wrapping("<<", l, ShiftAmount(r, t), t, shift: true) ?? Wrap(new CBinary("<<", l, ShiftAmount(r, t)));
            case BinaryOp.AShr: return Wrap(new CBinary(">>", l, ShiftAmount(r, t)));
            case BinaryOp.LShr: return new CCast(S(t), new CBinary(">>", AsUnsigned(l, t), ShiftAmount(r, t)));
            case BinaryOp.And when t.IsBool: return new CBinary(IsPure(b.Right) ? "&&" : "&", l, r);
            case BinaryOp.Or when t.IsBool: return new CBinary(IsPure(b.Right) ? "||" : "|", l, r);
            case BinaryOp.Xor when t.IsBool: return new CBinary("!=", l, r);
            case BinaryOp.And: return Wrap(new CBinary("&", l, r));
            case BinaryOp.Or: return Wrap(new CBinary("|", l, r));
            case BinaryOp.Xor: return Wrap(new CBinary("^", l, r));
            case BinaryOp.FAdd: return new CBinary("+", l, r);
            case BinaryOp.FSub: return new CBinary("-", l, r);
            case BinaryOp.FMul: return new CBinary("*", l, r);
            case BinaryOp.FDiv: return new CBinary("/", l, r);
            case BinaryOp.FRem: return new CCall("fmod", [l, r]);
            case BinaryOp.Eq or BinaryOp.FEq: return new CBinary("==", l, r);
            case BinaryOp.Ne or BinaryOp.FUne: return new CBinary("!=", l, r); // C's != is true on NaN, as fune is
            case BinaryOp.FNe: return new CCall("islessgreater", [l, r]); // ordered: false on NaN
            case BinaryOp.Lt or BinaryOp.FLt: return new CBinary("<", l, r);
            case BinaryOp.Gt or BinaryOp.FGt: return new CBinary(">", l, r);
            case BinaryOp.Le or BinaryOp.FLe: return new CBinary("<=", l, r);
            case BinaryOp.Ge or BinaryOp.FGe: return new CBinary(">=", l, r);
            case BinaryOp.ULt or BinaryOp.UGt or BinaryOp.ULe or BinaryOp.UGe:
            {
                string op = b.Op switch { BinaryOp.ULt => "<", BinaryOp.UGt => ">", BinaryOp.ULe => "<=", _ => ">=" };
                return t.IsPointer ? new CBinary(op, l, r) : new CBinary(op, AsUnsigned(l, t), AsUnsigned(r, t));
            }
            default: throw new InvalidOperationException(b.Op.ToString());
        }
    }

    /// <summary>
    /// The IR's integer arithmetic wraps, but signed overflow is undefined in OpenCL C and PoCL's clang
    /// exploits it (checked: <c>x + 1 > x</c> folds to true for INT_MAX), and PoCL refuses <c>-fwrapv</c>
    /// (CL_INVALID_BUILD_OPTIONS). So 32- and 64-bit signed + - * &lt;&lt; go through the unsigned type:
    /// <c>(int)((uint)a + (uint)b)</c>. Null for types where C's arithmetic already wraps or promotes.
    /// </summary>
    private CExpr? Wrapping(string op, CExpr l, CExpr r, IrType t, bool shift = false)
    {
        if (t is not ScalarType || !t.IsInteger || t.Bits < 32) return null;
        string signed = Types.Name(t), unsigned = OpenClTypes.Unsigned(t);
        // An operand that is itself wrapped arithmetic is already unsigned inside: (uint)(int)((uint)a * b) is (uint)a * b.
        // Only arithmetic: a comparison of unsigned operands is an int (fuzz seed 72182: (long)(a < b) << n shifted an int).
        CExpr U(CExpr x) => x is CCast { Type: var c, Operand: CBinary { Op: "+" or "-" or "*" or "<<", Left: CCast { Type: var inner } } b }
            && c == signed && inner == unsigned ? b : AsUnsigned(x, t);
        return new CCast(signed, new CBinary(op, U(l), shift ? r : U(r)));
    }

    /// <summary>An operand read as unsigned: <c>(uint)x</c>, <c>2u</c> for literals, no double cast of a cast.</summary>
    internal static CExpr AsUnsigned(CExpr x, IrType t)
    {
        string u = OpenClTypes.Unsigned(t);
        if (x is CLiteral { Text: var text } && text.All(char.IsAsciiDigit) && t.Bits >= 32) return new CLiteral(text + (t.Bits == 64 ? "ul" : "u"));
        if (x is CCast { Type: "int" or "long" } c && c.Operand is CCall { Function: "get_local_id" or "get_group_id" or "get_local_size" or "get_num_groups" })
            return new CCast(u, c.Operand);
        return new CCast(u, x);
    }

    /// <summary>OpenCL takes shift amounts modulo the width of 32- and 64-bit operands; narrower ones are masked here.</summary>
    private static CExpr ShiftAmount(CExpr r, IrType t) =>
        t.ElementOrSelf.Bits < 32 ? new CBinary("&", r, new CLiteral((t.ElementOrSelf.Bits - 1).ToString(CultureInfo.InvariantCulture))) : r;

    private static bool IsPure(Expr e) => !IrTraversal.Descendants(e).Any(IsEffectful);

    private CExpr Unary(UnaryExpr u)
    {
        var x = Expr(u.Operand);
        if (u.Op == UnaryOp.FNeg) return new CUnary("-", x);
        if (u.Operand.Type.IsBool) return new CUnary("!", x);
        var c = new CUnary("~", x);
        return u.Operand.Type.ElementOrSelf.Bits < 32 ? new CCast(Types.Name(u.Operand.Type), c) : c;
    }

    private CExpr Logical(LogicalExpr l)
    {
        var left = Expr(l.Left);
        CExpr right = Nothing;
        var fragment = _w.Capture(() => right = Expr(l.Right));
        if (fragment.IsEmpty) return new CBinary(l.IsAnd ? "&&" : "||", left, right);
        // The right operand needs statements: run them only when C's && or || would evaluate it.
        var t = Temp("cond");
        _w.Line($"bool {t} = {left};");
        _w.Open(l.IsAnd ? $"if ({t})" : $"if (!{t})");
        _w.Replay(fragment);
        _w.Line($"{t} = {right};");
        _w.Close();
        return new CName(t);
    }

    private CExpr Conditional(CondExpr c)
    {
        var cond = Expr(c.Condition);
        CExpr a = Nothing, b = Nothing;
        var fa = _w.Capture(() => a = Expr(c.IfTrue));
        var fb = _w.Capture(() => b = Expr(c.IfFalse));
        if (fa.IsEmpty && fb.IsEmpty) return new CConditional(cond, a, b);
        var t = Temp();
        _w.Line($"{Types.Declare(c.Type, t, null, c.Type is PointerType ? _inst.SpaceOf(c) : null)};");
        _w.Open($"if ({cond})");
        _w.Replay(fa);
        _w.Line($"{t} = {a};");
        _w.Close();
        _w.Open("else");
        _w.Replay(fb);
        _w.Line($"{t} = {b};");
        _w.Close();
        return new CName(t);
    }

    private CExpr Select(SelectExpr s)
    {
        var ops = Sequence([s.Condition, s.IfTrue, s.IfFalse]);
        // select evaluates both choices; C's ?: evaluates one, so effects are run first.
        if (!IsPure(s.IfTrue)) ops[1] = Spill(s.IfTrue, ops[1]);
        if (!IsPure(s.IfFalse)) ops[2] = Spill(s.IfFalse, ops[2]);
        return new CConditional(ops[0], ops[1], ops[2]);
    }

    // ---- aggregates ----

    private static readonly string[] Lanes = ["x", "y", "z", "w"];

    /// <summary>Field, lane or element <paramref name="index"/> of an aggregate lvalue or value.</summary>
    private CExpr ElementLValue(CExpr aggregate, IrType type, int index) => type switch
    {
        StructType st => new CMember(aggregate, FieldName(st, index)),
        VectorType => new CMember(aggregate, Lanes[index]),
        _ => new CIndex(aggregate, new CLiteral(index.ToString(CultureInfo.InvariantCulture))),
    };

    private string FieldName(StructType st, int index) => Naming.Identifiers.Sanitize(Types.Layout.FindStruct(st.Name)!.Fields[index].Name);

    private CExpr InsertValue(InsertValueExpr x)
    {
        var ops = Sequence([x.Aggregate, x.Value]);
        var t = Temp();
        _w.Line($"{Types.Declare(x.Type, t)} = {ops[0]};");
        _w.Line($"{ElementLValue(new CName(t), x.Type, x.ResolvedIndex)} = {ops[1]};");
        return new CName(t);
    }

    private CExpr Make(MakeExpr m)
    {
        var items = Sequence(m.Elements);
        switch (m.AggregateType)
        {
            case VectorType v when OpenClTypes.IsNativeVector(v):
                return new CCompound(Types.VectorName(v), items, IsVector: true);
            case VectorType or StructType:
                return new CCompound(Types.Name(m.AggregateType), items, IsVector: false);
            default:
                _ctx.Unsupported(m.Location, "an array value built with make (C arrays are not values)");
                return new CLiteral("0");
        }
    }
}
