using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// atom and red: <c>atom{.sem}{.scope}{.space}.op.type d, [a], b{, c};</c> as the IR's atomic read-modify-write and
/// compare-and-swap at the instruction's scope (.gpu when none is written) and ordering (.relaxed when none is written;
/// PTX's default for atom is relaxed too). red is atom without the result.
/// </summary>
internal sealed partial class PtxLowering
{
    private List<Stmt> Atomic(PtxInstruction i, Modifiers m)
    {
        bool reduce = i.Opcode == "red";
        var t = m.Type();
        var order = m.TakeAny("relaxed", "acquire", "release", "acq_rel") switch
        {
            "acquire" => MemoryOrder.Acquire, "release" => MemoryOrder.Release, "acq_rel" => MemoryOrder.AcqRel, _ => MemoryOrder.Relaxed,
        };
        var scope = m.TakeAny("cta", "gpu", "sys") switch { "cta" => MemoryScope.Block, "sys" => MemoryScope.System, _ => MemoryScope.Device };
        string? space = m.TakeAny("global", "shared", "shared::cta");
        if (space == "shared::cta") space = "shared";
        m.Take("noftz");
        string op = m.TakeAny("add", "inc", "dec", "min", "max", "and", "or", "xor", "exch", "cas")
            ?? throw new PtxException($"'{i.Spelling}': the operation is not translated");
        if (t.IsPredicate || t.Pair || t.Bits < 32) throw new PtxException($"'{i.Spelling}': atomics on {t} are not translated");
        int operands = (reduce ? 2 : 3) + (op == "cas" ? 1 : 0);
        Count(i, operands);
        if (reduce && op == "cas") throw new PtxException($"'{i.Spelling}' is not an instruction (red has no cas)");
        int first = reduce ? 0 : 1;
        var valueType = t.IsFloat ? t : new PtxType(t.IsSigned ? 's' : 'b', t.Bits);
        var pointer = Address(i, i.Operands[first], valueType.Ir, 0, space);
        var b = Read(i.Operands[first + 1], valueType);
        Expr result;
        if (op == "cas")
        {
            if (t.IsFloat) throw new PtxException($"'{i.Spelling}': cas compares bits (.b32, .b64)");
            result = new AtomicCasExpr(_at, pointer, b, Read(i.Operands[first + 2], valueType), scope, order);
        }
        else
        {
            var rmw = (op, t) switch
            {
                ("add", { IsFloat: true }) => AtomicOp.FAdd,
                ("min", { IsFloat: true }) => AtomicOp.FMin,
                ("max", { IsFloat: true }) => AtomicOp.FMax,
                (_, { IsFloat: true }) => throw new PtxException($"'{i.Spelling}': .{op} on floats is not an atomic PTX has"),
                ("add", _) => AtomicOp.Add,
                ("inc", { Kind: 'u', Bits: 32 }) => AtomicOp.UInc,
                ("dec", { Kind: 'u', Bits: 32 }) => AtomicOp.UDec,
                ("min", { Kind: 's' }) => AtomicOp.Min,
                ("max", { Kind: 's' }) => AtomicOp.Max,
                ("min", { Kind: 'u' }) => AtomicOp.UMin,
                ("max", { Kind: 'u' }) => AtomicOp.UMax,
                ("and", { Kind: 'b' }) => AtomicOp.And,
                ("or", { Kind: 'b' }) => AtomicOp.Or,
                ("xor", { Kind: 'b' }) => AtomicOp.Xor,
                ("exch", { Kind: 'b' }) => AtomicOp.Exch,
                _ => throw new PtxException($"'{i.Spelling}': .{op} is not translated on {t}"),
            };
            result = new AtomicRmwExpr(_at, rmw, pointer, b, scope, order);
        }
        return [reduce ? new ExprStmt(_at, result) : Write(i.Operands[0], result, valueType)];
    }
}
