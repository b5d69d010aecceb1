using System.Globalization;

namespace Translate.Fuzz.Generation;

/// <summary>
/// Writes the kernel's statements. Each kind is written only where it keeps the program defined
/// (see <see cref="Place"/>): barriers in block-uniform control flow, warp operations where the
/// whole warp (or the mask's lanes) is present, shared memory written only to the thread's own slot
/// and read only between two barriers, atomics whose final value is independent of the order the
/// threads ran in, loops bounded by a small trip count the body cannot change.
/// </summary>
internal sealed class StatementWriter(Rng rng, ProgramShape shape, List<Local> locals, ExpressionWriter expressions)
{
    private const int MaxDepth = 3;
    private const int ExprDepth = 3;
    private int loops;

    public List<string> Block(Place place, int count)
    {
        var block = new List<string>();
        for (int i = 0; i < count; i++) block.Add(Statement(place));
        return block;
    }

    private Expr E(string type, Place place)
    {
        expressions.SharedReadable = place.SharedReadable;
        return expressions.Of(type, ExprDepth);
    }

    private string Statement(Place place)
    {
        var options = new List<(int, Func<string>)>
        {
            (8, () => Assign(place)),
            (4, () => StoreOutput(place)),
            (2, () => GlobalAtomic(place)),
            (1, () => CasLoop(place)),
            (1, () => FloatAtomic(place)),
        };
        if (place.Depth < MaxDepth)
        {
            options.Add((4, () => If(place)));
            options.Add((3, () => For(place)));
            options.Add((1, () => DoWhile(place)));
            options.Add((1, () => Switch(place)));
        }
        if (place.InLoop && (!place.InnermostLoopUniform || place.BlockUniform)) options.Add((2, () => LoopExit(place)));
        if (shape.DivergentReturns) options.Add((1, () => $"(if {E(Types.Bool, place)} (ret))"));
        if (place.BlockUniform && !place.SharedReadable)
        {
            options.Add((4, () => SharedExchange(place)));
            options.Add((2, () => CountingBarrier(place)));
            options.Add((2, () => SharedAtomicPhase(place)));
        }
        if (shape.WarpOps && place.WarpUniform)
        {
            options.Add((4, () => WarpOperation(place)));
            options.Add((1, () => HalfWarp(place)));
        }
        if (shape.WarpOps && place.BlockUniform && place.Depth < MaxDepth) options.Add((2, () => WarpBranch(place)));
        if (shape.LaneLoops && place.BlockUniform && place.Depth < MaxDepth) options.Add((6, () => LaneLoop(place)));
        return rng.Weighted(options.ToArray())();
    }

    /// <summary>
    /// A break or continue. In a loop every thread runs together (it may hold barriers) the condition must be the same
    /// for the whole block: a varying one is made so by <c>__syncthreads_or</c>, itself a barrier, allowed there.
    /// </summary>
    private string LoopExit(Place place)
    {
        var c = E(Types.Bool, place);
        string condition = place.InnermostLoopUniform && c.Varying ? $"(syncthreads-or {c})" : c.Text;
        return $"(if {condition} ({rng.Pick("break", "continue")}))";
    }

    /// <summary>
    /// A variable to assign a value to. Inside loops, a block-uniform variable never becomes varying:
    /// an earlier iteration may have used it in a barrier's condition.
    /// </summary>
    private Local? Target(string? type, bool varying, Place place)
    {
        bool makesVarying = varying || !place.BlockUniform;
        var candidates = locals.Where(l => l.Assignable && (type is null || l.Type == type)
                                           && (!makesVarying || l.Varying || !place.InsideLoop)).ToList();
        if (candidates.Count == 0) return null;
        var target = rng.Choose(candidates);
        if (makesVarying) target.Varying = true;
        return target;
    }

    private string Assign(Place place)
    {
        string type = rng.Choose(Types.Values);
        var value = E(type, place);
        var target = Target(type, value.Varying, place);
        return target is null ? StoreOutput(place) : $"(set {target.Name} {value})";
    }

    private string StoreOutput(Place place)
    {
        string type = rng.Choose(Types.Values);
        var value = E(type, place);
        int slot = rng.Next(Math.Max(1, shape.SlotsPerThread - 1));
        return $"(store (ptradd out (add slot {slot})) {AsInt64(value, type)})";
    }

    /// <summary>A value of any generated type as the int64 written to the output.</summary>
    public static string AsInt64(Expr value, string type) => type switch
    {
        Types.Int => $"(sext {value} int64)",
        Types.Int64 => value.Text,
        Types.Float => $"(sext (bitcast {ExpressionWriter.Canonical(value, type)} int) int64)",
        _ => $"(bitcast {ExpressionWriter.Canonical(value, type)} int64)",
    };

    private string If(Place place)
    {
        var c = E(Types.Bool, place);
        var inner = place.Nested(!c.Varying, !c.Varying);
        string then = Body(inner);
        return rng.Chance(0.5) ? $"(if {c} {then})" : $"(if {c} {then} {Body(inner)})";
    }

    private string Body(Place place) => "(() " + string.Join(" ", Block(place, rng.Between(1, 3))) + ")";

    private string For(Place place)
    {
        var (counter, bound, setup) = Loop(place, out var inner);
        return $"(() {setup} (for ((set {counter} 0) (lt {counter} {bound}) (set {counter} (add {counter} 1))) {string.Join(" ", Block(inner, rng.Between(1, 4)))}))";
    }

    /// <summary>do-while counts at the top of its body, so a continue (which goes to the test) still ends it.</summary>
    private string DoWhile(Place place)
    {
        var (counter, bound, setup) = Loop(place, out var inner);
        return $"(() {setup} (set {counter} 0) (do-while (lt {counter} {bound}) (set {counter} (add {counter} 1)) {string.Join(" ", Block(inner, rng.Between(1, 3)))}))";
    }

    /// <summary>A fresh counter and a trip count of at most 3 (from <paramref name="given"/>, or chosen) that the body cannot change.</summary>
    private (string Counter, string Bound, string Setup) Loop(Place place, out Place inner, Expr? given = null)
    {
        string counter = "i" + (loops++).ToString(CultureInfo.InvariantCulture);
        var trip = given ?? (rng.Chance(0.5) ? new Expr($"(int {rng.Between(0, 3)})", false) : E(Types.Int, place));
        var local = new Local(counter, Types.Int, assignable: false) { Varying = trip.Varying || !place.BlockUniform };
        Declared.Add(local);
        string bound = $"c{counter}";
        Declared.Add(new Local(bound, Types.Int, assignable: false) { Varying = local.Varying });
        inner = place.Nested(!trip.Varying, !trip.Varying) with
        {
            InLoop = true,
            InsideLoop = true,
            InnermostLoopUniform = !trip.Varying && place.BlockUniform,
        };
        locals.Add(local);
        return (counter, bound, $"(set {bound} (and {trip} 3))");
    }

    /// <summary>Loop counters and bounds, declared at the top of the kernel by the caller.</summary>
    public List<Local> Declared { get; } = [];

    private string Switch(Place place)
    {
        var value = E(Types.Int, place);
        var inner = place.Nested(!value.Varying, !value.Varying) with { InLoop = false };
        var cases = new List<string>();
        var used = new HashSet<int>();
        int arms = rng.Between(1, 3);
        for (int a = 0; a < arms; a++)
        {
            var values = Enumerable.Range(0, rng.Between(1, 2)).Select(_ => rng.Between(0, 5)).Where(used.Add).ToList();
            if (values.Count == 0) continue;
            string brk = rng.Chance(0.6) ? " (break)" : "";
            cases.Add($"(case ({string.Join(" ", values)}) {string.Join(" ", Block(inner, rng.Between(1, 2)))}{brk})");
        }
        if (rng.Chance(0.5)) cases.Add($"(default {string.Join(" ", Block(inner, 1))})");
        if (cases.Count == 0) return Assign(place);
        return $"(switch (and {value} 7) {string.Join(" ", cases)})";
    }

    private string GlobalAtomic(Place place)
    {
        int k = rng.Next(shape.IntAccumulatorOps.Count);
        return $"(atomic-rmw {shape.IntAccumulatorOps[k]} (ptradd acc {k}) {E(Types.Int, place)} device relaxed)";
    }

    /// <summary>The accumulator's own operation written as a compare-and-swap loop, as CUDA code does by hand.</summary>
    private string CasLoop(Place place)
    {
        int k = rng.Next(shape.IntAccumulatorOps.Count);
        string next = Apply(shape.IntAccumulatorOps[k], "caso", "casw");
        return $"(() (set casw {E(Types.Int, place)}) (set casn (atomic-load (ptradd acc {k}) device relaxed)) " +
               $"(do-while (ne casn caso) (set caso casn) (set casn (atomic-cas (ptradd acc {k}) caso {next} device relaxed))))";
    }

    private static string Apply(string op, string a, string b) => op switch
    {
        "min" or "max" or "umin" or "umax" => $"(math {op} {a} {b})",
        _ => $"({op} {a} {b})",
    };

    /// <summary>Float atomics whose result is exact in any order: small integers added, non-NaN non-negative-zero minima and maxima.</summary>
    private string FloatAtomic(Place place)
    {
        int k = rng.Next(shape.FloatAccumulatorOps.Count);
        string op = shape.FloatAccumulatorOps[k];
        string value = op == "fadd"
            ? $"(sitofp (and {E(Types.Int, place)} 15) float)"
            : $"(fadd {ExpressionWriter.Canonical(E(Types.Float, place), Types.Float)} (float 0.0))";
        return $"(atomic-rmw {op} (ptradd accf {k}) {value} device relaxed)";
    }

    /// <summary>
    /// Each thread writes its own shared slot; after a barrier any live slot may be read; a barrier ends the reading.
    /// No <c>break</c> or <c>continue</c> of an enclosing loop in the reading: it would skip the closing barrier, and the
    /// next write of a slot would race with other threads' reads of it.
    /// </summary>
    private string SharedExchange(Place place)
    {
        string writes = $"(store (aptradd sh ltid) {E(Types.Int, place)})";
        if (rng.Chance(0.5)) writes += $" (store (aptradd shf ltid) {E(Types.Float, place)})";
        var reading = place with { SharedReadable = true, InLoop = false, Depth = place.Depth + 1 };
        return $"(() {writes} [__syncthreads] {string.Join(" ", Block(reading, rng.Between(1, 3)))} [__syncthreads])";
    }

    private string CountingBarrier(Place place)
    {
        var target = Target(Types.Int, false, place);
        var p = E(Types.Bool, place);
        if (target is null) return $"[__syncthreads]";
        return rng.Pick(
            $"(set {target.Name} (syncthreads-count {p}))",
            $"(set {target.Name} (select (syncthreads-and {p}) (int 1) (int 2)))",
            $"(set {target.Name} (select (syncthreads-or {p}) (int 3) (int 4)))");
    }

    /// <summary>Shared-memory atomics of one operation between two barriers, then a read of the result.</summary>
    private string SharedAtomicPhase(Place place)
    {
        string update = $"(atomic-rmw {shape.SharedAtomicOp} (aptradd sha (urem {E(Types.Int, place)} 8)) {E(Types.Int, place)} block relaxed)";
        var c = E(Types.Bool, place);
        if (rng.Chance(0.5)) update = $"(if {c} {update})";
        var target = Target(Types.Int, true, place);
        string read = target is null ? "" : $" (set {target.Name} (load (aptradd sha (urem {E(Types.Int, place)} 8))))";
        return $"(() [__syncthreads] {update} [__syncthreads]{read})";
    }

    private string WarpOperation(Place place)
    {
        string type = rng.Choose(Types.Values);
        var target = Target(type, true, place);
        if (target is null) return "(syncwarp -1)";
        int width = rng.Pick(1, 2, 4, 8, 16, 32, 32, 32);
        string mode = rng.Pick("idx", "up", "down", "xor");
        return rng.Weighted(
            (6, $"(set {target.Name} (shfl {mode} -1 {E(type, place)} {E(Types.Int, place)} {width}))"),
            (2, $"(set {target.Name} (select (vote {rng.Pick("any", "all", "uni")} -1 {E(Types.Bool, place)}) {E(type, place)} {E(type, place)}))"),
            (1, type == Types.Int ? $"(set {target.Name} (vote ballot -1 {E(Types.Bool, place)}))" : "(syncwarp -1)"),
            (1, type == Types.Int ? $"(set {target.Name} [activemask])" : "(syncwarp -1)"));
    }

    /// <summary>The lower half-warp alone, with the mask naming exactly its lanes.</summary>
    private string HalfWarp(Place place)
    {
        string type = rng.Choose(Types.Values);
        var target = Target(type, true, place);
        if (target is null) return "(syncwarp -1)";
        int width = rng.Pick(1, 2, 4, 8, 16);
        string op = rng.Chance(0.7)
            ? $"(shfl {rng.Pick("idx", "up", "down", "xor")} 65535 {E(type, place)} {E(Types.Int, place)} {width})"
            : $"(select (vote {rng.Pick("any", "all")} 65535 {E(Types.Bool, place)}) {E(type, place)} {E(type, place)})";
        return $"(if (lt [laneid] 16) (set {target.Name} {op}))";
    }

    /// <summary>
    /// A loop each lane runs its own number of times (0–3, from its lane and other varying values) with a warp
    /// operation over the lanes still in it: a vote or ballot over <c>[activemask]</c>, or a shuffle from its
    /// lowest lane — defined for any set of lanes, and the same set on every device that runs a warp's
    /// iterations together (opencl runs such loops in step for the whole block, ir/Transformations/CollectiveIfConversion.cs).
    /// </summary>
    private string LaneLoop(Place place)
    {
        // A varying trip count: the loop's place is divergent, break and continue allowed in it.
        var trip = new Expr(rng.Chance(0.5) ? "[laneid]" : E(Types.Int, place).Text, true);
        var (counter, bound, setup) = Loop(place, out var inner, trip);
        string type = rng.Choose(Types.Values);
        var target = Target(type, true, inner);
        string op = target is null ? "(syncwarp [activemask])" : rng.Weighted(
            (3, $"(set {target.Name} (shfl idx [activemask] {E(type, inner)} (sub (math ffs [activemask]) 1) 32))"),
            (2, $"(set {target.Name} (select (vote {rng.Pick("any", "all", "uni")} [activemask] {E(Types.Bool, inner)}) {E(type, inner)} {E(type, inner)}))"),
            (1, type == Types.Int ? $"(set {target.Name} (vote ballot [activemask] {E(Types.Bool, inner)}))" : "(syncwarp [activemask])"),
            (1, type == Types.Int ? $"(set {target.Name} (math popc [activemask]))" : "(syncwarp [activemask])"));
        var body = Block(inner, rng.Between(0, 2)).ToList();
        body.Insert(rng.Between(0, body.Count), op);
        return $"(() {setup} (for ((set {counter} 0) (lt {counter} {bound}) (set {counter} (add {counter} 1))) {string.Join(" ", body)}))";
    }

    /// <summary>A branch uniform within each warp but not across the block: <c>if (warp == k)</c>.</summary>
    private string WarpBranch(Place place)
    {
        var k = E(Types.Int, place with { SharedReadable = false });
        var inner = place.Nested(false, !k.Varying);
        return $"(if (eq (div ltid 32) (urem {k} 4)) (() {string.Join(" ", Block(inner, rng.Between(1, 3)))}))";
    }
}
