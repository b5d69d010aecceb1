using System.Globalization;
using System.Text;

namespace Translate.Fuzz.Generation;

/// <summary>
/// Generates one whole IR program from a seed: a few pure device functions, one kernel built by
/// <see cref="StatementWriter"/>, and a host <c>main</c> that fills the inputs from the seed, launches
/// the kernel once or twice with different geometries and prints checksums of every buffer the
/// kernel wrote. The same seed always gives the same text.
/// </summary>
public static class KernelProgramGenerator
{
    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Generate(int seed, GeneratorOptions? options = null)
    {
        options ??= GeneratorOptions.All;
        var rng = new Rng(seed);
        var shape = ProgramShape.Random(rng, options);
        var functions = new List<DeviceFunction>();
        var text = new StringBuilder("(c-lisp\n");
        int functionCount = rng.Between(0, 2);
        for (int f = 0; f < functionCount; f++) text.Append(Function(rng, functions)).Append('\n');
        text.Append(Kernel(rng, shape, functions, options)).Append('\n');
        text.Append(Host(rng, shape, options.GridSync ? "launch-cooperative" : "launch")).Append(")\n");
        return text.ToString();
    }

    private static string Function(Rng rng, List<DeviceFunction> before)
    {
        string name = "df" + N(before.Count);
        string ret = rng.Pick(Types.Int, Types.Float);
        var parameters = Enumerable.Range(0, rng.Between(1, 3)).Select(_ => rng.Choose(Types.Values)).ToList();
        var locals = parameters.Select((t, i) => new Local("a" + N(i), t)).ToList();
        var expressions = new ExpressionWriter(rng, locals, before, inKernel: false);
        var body = new StringBuilder();
        body.Append($"  (define (({name} {ret}){string.Concat(locals.Select(l => $" ({l.Name} {l.Type})"))})\n");
        var value = expressions.Of(ret, 3);
        bool varying = value.Varying;
        body.Append($"    (declare r {ret})\n    (set r {value})\n");
        if (rng.Chance(0.5))
        {
            var (condition, other) = (expressions.Of(Types.Bool, 2), expressions.Of(ret, 2));
            varying |= condition.Varying || other.Varying;
            body.Append($"    (if {condition} (set r {other}))\n");
        }
        body.Append("    (ret r))");
        before.Add(new DeviceFunction(name, ret, parameters, varying));
        return body.ToString();
    }

    private static string Kernel(Rng rng, ProgramShape shape, IReadOnlyList<DeviceFunction> functions, GeneratorOptions options)
    {
        var fixedLocals = new List<Local>
        {
            new("ltid", Types.Int, assignable: false) { Varying = true },
            new("nthreads", Types.Int, assignable: false),
            new("gid", Types.Int, assignable: false) { Varying = true },
        };
        var locals = new List<Local>(fixedLocals);
        var expressions = new ExpressionWriter(rng, locals, functions, inKernel: true);
        var k = new StringBuilder();
        k.Append("  (define-kernel ((k void) (out (ptr int64)) (in (ptr int)) (inf (ptr float)) (acc (ptr int)) (accf (ptr float)) (n1 int) (n2 int) (base int))\n");
        k.Append($"    (define-shared sh (arr {ProgramShape.SharedLength} int))\n");
        k.Append($"    (define-shared shf (arr {ProgramShape.SharedLength} float))\n");
        k.Append($"    (define-shared sha (arr {ProgramShape.SharedAtomicSlots} int))\n");
        k.Append("    (declare ltid int) (set ltid (add [tid.x] (mul [tid.y] [bdim.x])))\n");
        k.Append("    (declare nthreads int) (set nthreads (mul [bdim.x] [bdim.y]))\n");
        k.Append("    (declare gid int) (set gid (add (mul (add [bid.x] (mul [bid.y] [gdim.x])) nthreads) ltid))\n");
        k.Append($"    (declare slot int) (set slot (add base (mul gid {N(shape.SlotsPerThread)})))\n");
        k.Append("    (declare casw int) (declare caso int) (declare casn int)\n");
        int count = rng.Between(2, 6);
        for (int i = 0; i < count; i++)
        {
            string type = rng.Choose(Types.Values);
            var init = expressions.Of(type, 2);
            k.Append($"    (declare v{N(i)} {type}) (set v{N(i)} {init})\n");
            locals.Add(new Local("v" + N(i), type) { Varying = init.Varying });
        }
        // Every live slot of the shared arrays holds a value before anyone reads it.
        k.Append($"    (store (aptradd sh ltid) {expressions.Of(Types.Int, 2)})\n");
        k.Append($"    (store (aptradd shf ltid) {expressions.Of(Types.Float, 2)})\n");
        k.Append($"    (if (eq ltid 0) (() (declare j int) (for ((set j 0) (lt j {N(ProgramShape.SharedAtomicSlots)}) (set j (add j 1))) (store (aptradd sha j) (mul j 7)))))\n");
        string topBarrier = options.GridSync ? "(grid-sync)" : "[__syncthreads]";
        k.Append($"    {topBarrier}\n");
        if (rng.Chance(0.3) && options.ReturnsBeforeBarriers) k.Append(EarlyExit(expressions, shape));
        var statements = new StatementWriter(rng, shape, locals, expressions);
        var body = statements.Block(Place.KernelTop, rng.Between(3, 10));
        foreach (var local in statements.Declared) k.Append($"    (declare {local.Name} int) (set {local.Name} 0)\n");
        foreach (var s in body)
        {
            k.Append("    ").Append(s).Append('\n');
            if (options.GridSync && rng.Chance(0.3)) k.Append("    (grid-sync)\n");
        }
        k.Append($"    {topBarrier}\n");
        k.Append($"    (if (eq ltid 0) (atomic-rmw add (ptradd acc {N(shape.IntAccumulatorOps.Count)}) {SharedAtomicsDigest()} device relaxed))\n");
        k.Append($"    (store (ptradd out (add slot {N(shape.SlotsPerThread - 1)})) {Digest(locals)}))");
        return k.ToString();
    }

    /// <summary>
    /// Threads leaving before the rest: any thread when nothing else forbids it, whole warps when
    /// warp operations follow (a shuffle must not read a lane that left).
    /// </summary>
    private static string EarlyExit(ExpressionWriter expressions, ProgramShape shape)
    {
        var limit = expressions.Of(Types.Int, 1);
        if (!shape.WarpOps) return $"    (if (ge ltid (urem {limit} 300)) (ret))\n";
        return limit.Varying ? "" : $"    (if (ge (div ltid 32) (urem {limit} 4)) (ret))\n";
    }

    private static string SharedAtomicsDigest() =>
        Fold("add", Enumerable.Range(0, ProgramShape.SharedAtomicSlots).Select(i => $"(mul (load (aptradd sha {N(i)})) (int {N(2 * i + 1)}))").ToList());

    /// <summary>All of a thread's locals folded into one int64, so any difference in any of them shows.</summary>
    private static string Digest(IEnumerable<Local> locals) =>
        Fold("xor", locals.Select((l, i) => $"(mul {StatementWriter.AsInt64(new Expr(l.Name, l.Varying), l.Type)} (int64 {N(2 * i + 3)}))").ToList());

    private static string Fold(string op, IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"({op} {items[0]} {Fold(op, items.Skip(1).ToList())})";

    private static string Host(Rng rng, ProgramShape shape, string launch)
    {
        var h = new StringBuilder();
        h.Append("  (define ((main int))\n");
        h.Append("    (declare out (ptr int64)) (declare in (ptr int)) (declare inf (ptr float)) (declare acc (ptr int)) (declare accf (ptr float))\n");
        h.Append("    (declare i int) (declare s int) (declare h int64)\n");
        Alloc(h, "out", "int64", shape.OutputLength * 8L);
        Alloc(h, "in", "int", ProgramShape.InputLength * 4L);
        Alloc(h, "inf", "float", ProgramShape.InputLength * 4L);
        Alloc(h, "acc", "int", (shape.IntAccumulatorOps.Count + 1) * 4L);
        Alloc(h, "accf", "float", shape.FloatAccumulatorOps.Count * 4L);
        h.Append($"    (set s (int {N(rng.Next(int.MaxValue))}))\n");
        h.Append($"    (for ((set i 0) (lt i {N(ProgramShape.InputLength)}) (set i (add i 1)))\n");
        h.Append("      (set s (add (mul s 1103515245) 12345))\n");
        h.Append("      (store (ptradd in i) (xor s (lshr s 13)))\n");
        h.Append("      (store (ptradd inf i) (fdiv (sitofp (ashr s 12) float) (float 1024.0))))\n");
        string[] specials = ["+inf.0", "-inf.0", "+nan.0", "-0.0", "1.0e-40", "3.0e38", "-1.0e-45", "0.5"];
        for (int i = 0; i < specials.Length; i++) h.Append($"    (store (ptradd inf {N(i * 37)}) (float {specials[i]}))\n");
        h.Append($"    (for ((set i 0) (lt i {N(shape.OutputLength)}) (set i (add i 1))) (store (ptradd out i) (int64 0)))\n");
        for (int k = 0; k < shape.IntAccumulatorOps.Count; k++)
            h.Append($"    (store (ptradd acc {N(k)}) (int {N(AccumulatorStart(shape.IntAccumulatorOps[k], rng))}))\n");
        h.Append($"    (store (ptradd acc {N(shape.IntAccumulatorOps.Count)}) (int 0))\n");
        for (int k = 0; k < shape.FloatAccumulatorOps.Count; k++)
            h.Append($"    (store (ptradd accf {N(k)}) (float {shape.FloatAccumulatorOps[k] switch { "fmin" => "1e30", "fmax" => "-1e30", _ => "0.0" }}))\n");
        long based = 0;
        foreach (var l in shape.Launches)
        {
            h.Append($"    ({launch} k (grid {N(l.GridX)} {N(l.GridY)} 1) (block {N(l.BlockX)} {N(l.BlockY)} 1) (shared 0) (stream (null (ptr int8))) " +
                     $"out in inf acc accf (int {N(rng.Between(-50, 50))}) (int {N(rng.Next(int.MaxValue))}) (int {N(based)}))\n");
            based += (long)l.Threads * shape.SlotsPerThread;
        }
        h.Append("    (call cudaDeviceSynchronize)\n");
        h.Append("    (set h (int64 0))\n");
        h.Append($"    (for ((set i 0) (lt i {N(shape.OutputLength)}) (set i (add i 1)))\n");
        h.Append("      (set h (add (mul h (int64 1000003)) (load (ptradd out i))))\n");
        h.Append("      (if (eq (and i 63) 63) (call printf (string \"out %d %lld\\n\") i h)))\n");
        h.Append("    (call printf (string \"out %lld\\n\") h)\n");
        for (int k = 0; k <= shape.IntAccumulatorOps.Count; k++)
            h.Append($"    (call printf (string \"acc{N(k)} %d\\n\") (load (ptradd acc {N(k)})))\n");
        for (int k = 0; k < shape.FloatAccumulatorOps.Count; k++)
            h.Append($"    (call printf (string \"accf{N(k)} %d\\n\") (bitcast (load (ptradd accf {N(k)})) int))\n");
        h.Append("    (ret 0))");
        return h.ToString();
    }

    private static void Alloc(StringBuilder h, string name, string type, long bytes) =>
        h.Append($"    (call cudaMallocManaged (bitcast (ptr-to {name}) (ptr (ptr int8))) (int64 {N(bytes)}) 1)\n");

    private static int AccumulatorStart(string op, Rng rng) => op switch
    {
        "and" or "umin" => -1,
        "min" => int.MaxValue,
        "max" => int.MinValue,
        _ => rng.Between(0, 100),
    };
}
