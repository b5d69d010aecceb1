using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Fully unrolls, in kernels, a <c>for</c> loop that indexes a local array by its counter and runs a constant, small
/// number of rounds (<c>for (p = 0; p &lt; 3; p++) tot += cases[p];</c>): each round becomes a copy of the body with the
/// counter read as that round's value, and the counter is set to its final value after them. The array's indices are
/// then constants, so <see cref="ArrayScalars"/> can make its elements scalars. Devices that run a block's threads as
/// loops need both: a per-thread array lives in memory, one copy per thread, and the rounds of a lockstep loop over
/// such copies do not vectorize (HeCBench chi2's per-thread counters <c>cases[3]</c>, <c>controls[3]</c>).
/// <para>
/// Only loops of the shape <c>for (i = A; i OP B; i = i ± C)</c> with integer literals A, B, C, a counter nothing
/// else assigns and whose address is never taken, no <c>break</c> or <c>continue</c> of the loop itself, no barrier
/// or warp operation and no <c>__shared__</c> declaration; at most <see cref="MaxRounds"/> rounds and <see cref="NodeBudget"/> IR nodes once unrolled.
/// The rounds are found by running the test and step in the counter's own width and signedness.
/// </para>
/// </summary>
public static class ArrayLoopUnrolling
{
    public const int MaxRounds = 16;
    public const int NodeBudget = 2000;

    public static CheckedModule Run(CheckedModule program) =>
        Rebuild.Functions(program, f => f.Kind == FunctionKind.Kernel && IrTraversal.Statements(f.Body!).OfType<ForStmt>().Any(l => Plan(l) is not null),
            body => new Unroller().Rewrite(body));

    private sealed record Rounds(Symbol Counter, IReadOnlyList<Int128> Values, Int128 Final);

    private sealed class Unroller : TreeRewriter
    {
        protected override IReadOnlyList<Stmt>? Replace(Stmt s)
        {
            if (s is not ForStmt loop || Plan(loop) is not { } rounds) return null;
            var at = loop.Location;
            var body = Rewrite(loop.Body); // inner loops first
            // The budget holds for what is copied: the body with its own loops unrolled.
            if (!WithinBudget(rounds.Values.Count, body)) return [new ForStmt(at, loop.Init, loop.Condition, loop.Step, body)];
            var type = rounds.Counter.Type;
            var result = new List<Stmt> { loop.Init! };
            foreach (var value in rounds.Values)
                result.Add(new CounterAsLiteral(rounds.Counter, new IntLit(at, value, type)).Rewrite(body));
            result.Add(new SetStmt(at, rounds.Counter.Name, new IntLit(at, rounds.Final, type)));
            return [new Block(at, result)];
        }
    }

    /// <summary>Reads of the counter replaced by a round's value.</summary>
    private sealed class CounterAsLiteral(Symbol counter, IntLit value) : TreeRewriter
    {
        protected override Expr? Replace(Expr e) => e is VarRef v && v.Symbol == counter ? value : null;
    }

    /// <summary>The rounds of a loop this pass unrolls; null for any other loop.</summary>
    private static Rounds? Plan(ForStmt loop)
    {
        if (loop is not
            {
                Init: SetStmt { Value: IntLit start } init,
                Condition: BinaryExpr { Left: var tested, Right: IntLit bound } test,
                Step: SetStmt { Value: BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub, Left: VarRef stepped, Right: IntLit stride } step } stepSet,
            }) return null;
        if (Tested(tested) is not var (counter, widening)) return null;
        if (init.Symbol != counter || stepSet.Symbol != counter || stepped.Symbol != counter) return null;
        if (counter.Kind != SymbolKind.Local || counter.NeedsMemory || !counter.Type.IsInteger) return null;
        if (!IndexesLocalArray(loop.Body, counter) || IrTraversal.LeavesLoop(loop.Body)) return null;
        if (IrTraversal.Statements(loop.Body).OfType<SetStmt>().Any(x => x.Symbol == counter)) return null;
        if (IrTraversal.Descendants(loop.Body).Any(Inliner.Synchronizes)) return null;
        if (IrTraversal.Statements(loop.Body).Any(x => x is SharedStmt)) return null; // one shared variable, not one per copy
        if (Simulate(counter.Type.Bits, widening, test.Op, start.Value, bound.Value, step.Op == BinaryOp.Add ? stride.Value : -stride.Value)
            is not var (values, final) || values.Count == 0) return null;
        return WithinBudget(values.Count, loop.Body) ? new Rounds(counter, values, final) : null;
    }

    private static bool WithinBudget(int rounds, Block body) =>
        rounds * (IrTraversal.Descendants(body).Count() + IrTraversal.Statements(body).Count()) <= NodeBudget;

    /// <summary>The counter a loop's test compares, and how it is widened first (C compares a short counter as an int).</summary>
    private static (Symbol Counter, CastExpr? Widening)? Tested(Expr e) => e switch
    {
        VarRef v => (v.Symbol, null),
        CastExpr { Op: CastOp.SExt or CastOp.ZExt, Operand: VarRef v } c => (v.Symbol, c),
        _ => null,
    };

    private static bool IndexesLocalArray(Block body, Symbol counter) =>
        IrTraversal.Descendants(body).OfType<ArrayPtrAddExpr>().Any(a =>
            a.Array is VarRef { Symbol: { Kind: SymbolKind.Local, Type: ArrayType } }
            && IrTraversal.Descendants(a.Index).Any(i => i is VarRef v && v.Symbol == counter));

    /// <summary>
    /// The counter's value in each round and after the loop, computed as the program computes them (wrapping in
    /// <paramref name="bits"/>, widened by <paramref name="widening"/> for the test); null when the loop runs more than <see cref="MaxRounds"/> rounds or the test is not a comparison.
    /// </summary>
    private static (List<Int128> Values, Int128 Final)? Simulate(int bits, CastExpr? widening, BinaryOp op, Int128 start, Int128 bound, Int128 stride)
    {
        var values = new List<Int128>();
        Int128 v = Wrap(start, bits);
        int testBits = widening?.Target.Bits ?? bits;
        while (true)
        {
            var tested = widening is { Op: CastOp.ZExt } ? ConstantInteger.Unsigned(v, bits) : v;
            bool? goesOn = Compare(op, Wrap(tested, testBits), Wrap(bound, testBits), testBits);
            if (goesOn is null) return null;
            if (goesOn == false) return (values, v);
            if (values.Count == MaxRounds) return null;
            values.Add(v);
            v = Wrap(v + stride, bits);
        }
    }

    private static Int128 Wrap(Int128 value, int bits) => ConstantInteger.Signed(value, bits);

    private static bool? Compare(BinaryOp op, Int128 a, Int128 b, int bits)
    {
        Int128 ua = ConstantInteger.Unsigned(a, bits), ub = ConstantInteger.Unsigned(b, bits);
        return op switch
        {
            BinaryOp.Lt => a < b, BinaryOp.Le => a <= b, BinaryOp.Gt => a > b, BinaryOp.Ge => a >= b,
            BinaryOp.ULt => ua < ub, BinaryOp.ULe => ua <= ub, BinaryOp.UGt => ua > ub, BinaryOp.UGe => ua >= ub,
            BinaryOp.Ne => a != b, BinaryOp.Eq => a == b,
            _ => null,
        };
    }
}
