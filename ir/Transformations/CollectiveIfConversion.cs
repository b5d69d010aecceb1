using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Semantics;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// If-conversion of branches holding warp collectives, for targets that exchange warp values through
/// block-wide barriers (OpenCL 1.2), which every work-item must reach. <c>if (warpId == 0) v = warpReduce(v);</c>
/// becomes: the condition into a predicate, the collective (shuffle, vote, or a call of a function using
/// them) run by every work-item into a temporary, and everything else under the predicate —
/// <c>p = warpId == 0; t = warpReduce(v); if (p) v = t;</c>. Work-items outside the branch compute
/// values nobody keeps; inside it, a lane reads only lanes that took the branch too when the condition is
/// the same across each warp (which CUDA requires of a full-mask collective anyway).
/// <para>
/// Done only where it keeps the meaning: a collective's operands that could fault or write (loads,
/// calls) are computed under the predicate into temporaries first; a called function must write no memory
/// and cannot trap (it runs for work-items that skip the branch); branches with loops holding collectives,
/// or <c>begin</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>?:</c> around a collective are left alone (then
/// <see cref="WorkGroupUniformity"/> still reports TR0503). The result is printed and parsed again, like
/// the <see cref="Inliner"/>'s; a module that needs nothing is returned unchanged.
/// </para>
/// </summary>
public static class CollectiveIfConversion
{
    public static CheckedModule Run(CheckedModule program)
    {
        var (divergent, loops, _, _) = WorkGroupUniformity.Analyze(program);
        if (divergent.Count == 0) return program;
        var run = new IfConversionRun(program, loops);
        var module = run.Rewrite();
        if (!run.Changed) return program;
        return Rebuild.Checked(module, program);
    }

    /// <summary>
    /// The same predication for every if whose arms hold plain barriers, whatever its condition: the barriers come out of
    /// the if, reached by every work-item in order, the rest of each arm runs under the predicate. CUDA requires such a
    /// condition to be the same for the whole block, so the extra barriers a work-item meets synchronize nothing new.
    /// For PoCL, whose work-group compiler replicates the code after each if holding a barrier (compile time doubling
    /// with each such if in sequence: fuzz seeds 73964 and 74223 compiled for minutes; the NVIDIA reduction's
    /// <c>if (blockSize &gt;= 512) { …; __syncthreads(); }</c> ladder is six of them). A for or while loop in an arm runs
    /// while the flag and its condition hold, out of the if; ifs holding do-while loops with barriers stay as they are
    /// (their inner ifs are flattened).
    /// </summary>
    public static CheckedModule FlattenBarriers(CheckedModule program)
    {
        var run = new IfConversionRun(program, new HashSet<Stmt>(), IfConversionMode.FlatBarriers);
        var module = run.Rewrite();
        if (!run.Changed) return program;
        return Rebuild.Checked(module, program);
    }
}

/// <summary>What an <see cref="IfConversionRun"/> converts.</summary>
internal enum IfConversionMode
{
    /// <summary>Ifs holding warp collectives under thread-dependent conditions, and the loops around them in step (<see cref="CollectiveIfConversion.Run"/>).</summary>
    Collectives,
    /// <summary>Every if holding plain barriers, whatever its condition; loops stay as they are (<see cref="CollectiveIfConversion.FlattenBarriers"/>).</summary>
    FlatBarriers,
    /// <summary>A kernel's ifs and loops holding barriers under thread-dependent conditions where no barrier follows them, run in step
    /// with a TR0321 warning where threads part (<see cref="DivergentBarriers"/>).</summary>
    DivergentBarriers,
}

/// <summary>One conversion of a module: the ifs (and, for collectives, the loops in <paramref name="divergentLoops"/>) to predicate.</summary>
/// <param name="program">The module.</param>
/// <param name="divergentLoops">Loops to run in step for the block.</param>
/// <param name="mode">What to convert.</param>
/// <param name="divergentIfs">For <see cref="IfConversionMode.DivergentBarriers"/>: the ifs whose condition may differ between threads.</param>
internal sealed class IfConversionRun(CheckedModule program, IReadOnlySet<Stmt> divergentLoops, IfConversionMode mode = IfConversionMode.Collectives,
    IReadOnlySet<IfStmt>? divergentIfs = null)
{
    private readonly bool _plainBarriers = mode != IfConversionMode.Collectives;
    private readonly HashSet<FunctionDef> _collective = mode == IfConversionMode.DivergentBarriers
        ? IrTraversal.FunctionsUsing(program.Module.Functions.Where(f => !f.IsDeclaration), Inliner.Synchronizes)
        : WorkGroupUniformity.CollectiveUsers(program.Module.Functions.Where(f => !f.IsDeclaration));
    private readonly Dictionary<FunctionDef, bool> _quiet = [];
    private int _counter = FreshNames.Highest(program, "__ifc");

    public bool Changed { get; private set; }

    public IrModule Rewrite()
    {
        var definitions = program.Module.Definitions
            .Select(d => d is FunctionDef { Body: { } body } f && (mode != IfConversionMode.DivergentBarriers || f.IsKernel) && HasCollective(body)
                ? new FunctionDef(f.Location, f.Kind, f.Name, f.ReturnType, f.Parameters, (Block)Walk(body, followed: false))
                : d).ToList();
        return new IrModule(program.Module.File, definitions) { Head = program.Module.Head };
    }

    private bool IsCollective(Expr e) =>
        WorkGroupUniformity.IsCollective(e) || e is CallExpr { Target.Function: { } g } && _collective.Contains(g)
        || _plainBarriers && e is BarrierExpr { Kind: BarrierKind.Plain };

    private bool HasCollective(Stmt s) => IrTraversal.Descendants(s).Any(IsCollective);

    /// <summary>
    /// Flattening takes ifs whose arms synchronize through plain barriers alone: with a warp collective among them too
    /// (NVIDIA's simpleAWBarrier: <c>if (blockIdx.x == 0)</c> around a block reduction of shuffles and a
    /// <c>cuda::barrier</c>) the predicated form printed a wrong result on opencl.
    /// </summary>
    private bool OnlyPlainBarriers(IfStmt i) => !IrTraversal.Descendants(i).Any(e =>
        WorkGroupUniformity.IsCollective(e) || e is CallExpr { Target.Function: { } g } && _collective.Contains(g));

    private bool HasCollective(Expr e) => IrTraversal.Descendants(e).Any(IsCollective);

    /// <summary>
    /// Finds the ifs to convert; statements without collectives are kept as they are. <paramref name="followed"/>: a
    /// collective may run after <paramref name="s"/> (later in the kernel, or in a later iteration of a loop around it).
    /// </summary>
    private Stmt Walk(Stmt s, bool followed = false)
    {
        if (!HasCollective(s)) return s;
        switch (s)
        {
            case Block b:
            {
                var statements = new List<Stmt>(b.Statements.Count);
                for (int k = 0; k < b.Statements.Count; k++)
                {
                    if (b.Statements[k] is LocStmt l) _source = l.Source;
                    statements.Add(Walk(b.Statements[k], followed || b.Statements.Skip(k + 1).Any(HasCollective)));
                }
                return new Block(b.Location, statements);
            }
            case IfStmt i when Converts(i, followed) && Converted(i, into => Branches(i, null, into)) is { } block:
                return block;
            case IfStmt i: return new IfStmt(i.Location, i.Condition, Walk(i.Then, followed), i.Else is null ? null : Walk(i.Else, followed));
            case ForStmt or WhileStmt or DoWhileStmt when divergentLoops.Contains(s) && (mode != IfConversionMode.DivergentBarriers || !followed)
                                                          && Converted(s, into => InStep(s, null, into)) is { } block:
                return block;
            case WhileStmt w: return new WhileStmt(w.Location, w.Condition, (Block)Walk(w.Body, followed: true));
            case DoWhileStmt d: return new DoWhileStmt(d.Location, d.Condition, (Block)Walk(d.Body, followed: true));
            case ForStmt f: return new ForStmt(f.Location, f.Init, f.Condition, f.Step, (Block)Walk(f.Body, followed: true));
            default: return s;
        }
    }

    /// <summary>
    /// Whether to convert <paramref name="i"/>. Divergent barriers: only where no barrier follows, so that the threads
    /// that do not take the branch meet no other barrier afterwards — they stand for CUDA's threads that went on and
    /// exited, which on NVIDIA GPUs no barrier waits for (PTX ISA, <c>barrier</c>: it waits for the non-exited threads).
    /// </summary>
    private bool Converts(IfStmt i, bool followed) => !HasCollective(i.Condition) && mode switch
    {
        IfConversionMode.FlatBarriers => OnlyPlainBarriers(i),
        IfConversionMode.DivergentBarriers => !followed && divergentIfs!.Contains(i),
        _ => !IsUniform(i.Condition),
    };

    /// <summary><paramref name="s"/> rewritten by <paramref name="convert"/> into one block, or null when it cannot be
    /// (then it is walked as it is).</summary>
    private Block? Converted(Stmt s, Func<List<Stmt>, bool> convert)
    {
        var converted = new List<Stmt>();
        _branchLocals = new HashSet<Symbol>(IrTraversal.Statements(s).OfType<DeclareStmt>().Select(d => d.Symbol), ReferenceEqualityComparer.Instance);
        if (!convert(converted)) return null;
        Changed = true;
        return new Block(s.Location, converted);
    }

    /// <summary>Both arms of <paramref name="i"/> under predicates (and <paramref name="outer"/>), the else
    /// predicate fixed before the then arm runs (which may change what the condition reads).</summary>
    private bool Branches(IfStmt i, string? outer, List<Stmt> into)
    {
        var at = i.Location;
        // Threads waiting at barriers of both arms wait at different barriers: the interpreter's TR0307, and on a GPU the
        // barriers pair up in an order no conversion reproduces. Left as they are.
        if (mode == IfConversionMode.DivergentBarriers && i.Else is not null && HasCollective(i.Then) && HasCollective(i.Else)) return false;
        var then = Predicate(i.Condition, outer, at, into);
        string? @else = i.Else is null ? null : Predicate(new UnaryExpr(at, UnaryOp.Not, new VarRef(at, then)), outer, at, into);
        if (mode == IfConversionMode.DivergentBarriers)
        {
            _unwatched[then] = _source;
            if (@else is not null) _unwatched[@else] = _source;
        }
        return Predicated(i.Then, then, into) && (i.Else is null || Predicated(i.Else, @else!, into));
    }

    /// <summary>Whether a loop body synchronizes the group (a barrier of any kind, <c>__syncthreads_and</c> included, or a warp
    /// collective, which OpenCL exchanges between barriers) with a statement that does something after the last that does
    /// (fuzz seed 3015: a round ending in work after a <c>__syncthreads_and</c>, then a loop without barriers).</summary>
    private static bool WorkAfterLastBarrier(List<Stmt> body)
    {
        int last = body.FindLastIndex(x => IrTraversal.Descendants(x).Any(e => e is BarrierExpr || WorkGroupUniformity.IsCollective(e)));
        return last >= 0 && body.Skip(last + 1).Any(x => x is not (LocStmt or DeclareStmt));
    }

    /// <summary>A fresh boolean <c>p = outer &amp;&amp; condition</c>, the condition evaluated only under <paramref name="outer"/>.</summary>
    private string Predicate(Expr condition, string? outer, Translate.Ir.Syntax.SourceLocation at, List<Stmt> into)
    {
        var name = $"__ifc{++_counter}";
        into.Add(new DeclareStmt(at, name, IrType.Bool));
        if (outer is null) into.Add(new SetStmt(at, name, condition));
        else
        {
            into.Add(new SetStmt(at, name, new BoolLit(at, false)));
            into.Add(new IfStmt(at, new VarRef(at, outer), new Block(at, [new SetStmt(at, name, condition)]), null));
        }
        return name;
    }

    /// <summary>Appends <paramref name="s"/> run under predicate <paramref name="p"/>, its collectives run by all; false if it cannot be.</summary>
    private bool Predicated(Stmt s, string p, List<Stmt> into)
    {
        var at = s.Location;
        // A plain barrier is reached by every work-item, as CUDA requires of the threads in the branch.
        if (s is ExprStmt { Expression: BarrierExpr { Kind: BarrierKind.Plain } })
        {
            // The first under a branch's predicate also tells whether threads parted there: those outside the branch
            // wait at it only when some thread is inside.
            if (_unwatched.Remove(p, out var branch)) into.AddRange(PartedAt(at, branch, p, new BarrierExpr(at, BarrierKind.Or, new VarRef(at, p))));
            else into.Add(s);
            return true;
        }
        if (_leaving.Count > 0 && !HasCollective(s) && IrTraversal.LeavesLoop(s))
        {
            // Leaves the loop run in step: only where the iteration's own predicate guards it (a predicate taken
            // before it, in a converted branch, would not see it).
            var (going, iterating) = _leaving.Peek();
            if (p != going) return false;
            // do { S } while (false), each break or continue of the loop in S setting the flags and leaving the do.
            var once = new DoWhileStmt(at, new BoolLit(at, false), new Block(at, [Redirected(s, going, iterating)]));
            into.Add(new IfStmt(at, new VarRef(at, p), new Block(at, [once]), null));
            return true;
        }
        if (!HasCollective(s))
        {
            if (s is DeclareStmt d)
            {
                into.Add(s);
                // Set for every work-item: a collective run by all may read it, and reading an unset variable is
                // undefined in C (PoCL's optimizer has exploited that: fuzz seed 3408). Not pointers: a null of
                // the IR's pointer type would fix the variable's address space before inference chooses it.
                if (d.Type is not PointerType && ZeroLiteral.Of(d.Type, at) is { } zero) into.Add(new SetStmt(at, d.Name, zero));
            }
            // A shared declaration does nothing at run time; under an if it would scope the array to that if and
            // leave the uses outside it undeclared (HeCBench logprob: `static __shared__ T shared[32]` in an inlined
            // block reduction under a condition read from memory, TR0201 on opencl).
            else if (s is LocStmt or SharedStmt)
            {
                if (s is LocStmt l) _source = l.Source;
                into.Add(s);
            }
            else into.Add(new IfStmt(at, new VarRef(at, p), s as Block ?? new Block(at, [s]), null));
            return true;
        }
        switch (s)
        {
            case Block b:
            {
                var inner = new List<Stmt>();
                foreach (var x in b.Statements)
                    if (!Predicated(x, p, inner)) return false;
                into.Add(new Block(at, inner));
                return true;
            }
            case IfStmt i when !HasCollective(i.Condition):
                return Branches(i, p, into);
            case ForStmt f when RunsAlike(f):
            {
                // Every work-item runs the same iterations (the counter is the branch's own, its bounds the block's),
                // so the loop runs for all and its body under the predicate.
                var body = new List<Stmt>();
                foreach (var x in f.Body.Statements)
                    if (!Predicated(x, p, body)) return false;
                // PoCL 3.1 aborts the process (ParallelRegion::Verify, "Incoming edges to non-entry block!") on such a loop,
                // in the then-arm of a converted if/else, whose round does work after its last barrier (fuzz seed 2667); a
                // barrier closing the round, reached by every work-item as the round's others are, avoids that shape.
                if (mode is IfConversionMode.Collectives or IfConversionMode.FlatBarriers && WorkAfterLastBarrier(body))
                    body.Add(new ExprStmt(at, new BarrierExpr(at, BarrierKind.Plain, null)));
                into.Add(new ForStmt(at, f.Init, f.Condition, f.Step, new Block(f.Body.Location, body)));
                return true;
            }
            // Flattening: a loop under a block-uniform predicate runs while the predicate and its condition hold (no
            // iteration when it is false), so it leaves the if with its barriers; `&&` keeps the condition unevaluated there.
            case ForStmt f when mode == IfConversionMode.FlatBarriers:
                if (f.Init is not null && !Predicated(f.Init, p, into)) return false;
                into.Add(new ForStmt(at, null, Under(p, f.Condition, at), f.Step, (Block)Walk(f.Body)));
                return true;
            case WhileStmt w when mode == IfConversionMode.FlatBarriers:
                into.Add(new WhileStmt(at, Under(p, w.Condition, at), (Block)Walk(w.Body)));
                return true;
            case ForStmt or WhileStmt or DoWhileStmt:
                return InStep(s, p, into);
            case SetStmt { Value: BeginExpr b } x:
            {
                // (set x (begin S... e)), as an inlined call leaves a struct result: S under the predicate, then x.
                var inner = new List<Stmt>();
                foreach (var y in b.Statements.Statements)
                    if (!Predicated(y, p, inner)) return false;
                if (!Predicated(new SetStmt(at, x.Name, b.Result), p, inner)) return false;
                into.Add(new Block(at, inner));
                return true;
            }
            case SetStmt x:
            {
                var value = Hoisted(x.Value, p, into);
                if (value is null) return false;
                into.Add(new IfStmt(at, new VarRef(at, p), new Block(at, [new SetStmt(at, x.Name, value)]), null));
                return true;
            }
            case ExprStmt x:
            {
                var value = Hoisted(x.Expression, p, into);
                if (value is null) return false;
                if (!(x.Expression is CallExpr c && IsCollective(c) && c.Type.IsVoid))
                    into.Add(new IfStmt(at, new VarRef(at, p), new Block(at, [new ExprStmt(at, value)]), null));
                return true;
            }
            default:
                return false; // loops, returns and switches holding collectives
        }
    }

    /// <summary>
    /// A loop some work-items run more often than others, run in step by the whole block: a predicate says
    /// which work-items still iterate (those under <paramref name="outer"/> whose condition held each time),
    /// the body runs under it with its collectives run by all, and the block leaves when no work-item
    /// iterates (<c>syncthreads-or</c>, a block-wide answer every work-item reaches). The k-th iteration
    /// of each work-item is the k-th of the block, so a warp's collectives see the lanes CUDA's converged
    /// warp would. break and continue clear the iteration's predicate (break also the loop's) where the iteration's
    /// predicate alone guards them; loops left by return, or by break or continue inside a converted branch, are not converted.
    /// </summary>
    private bool InStep(Stmt loop, string? outer, List<Stmt> into)
    {
        if (mode == IfConversionMode.FlatBarriers) return false; // flattening leaves loops as they are
        var at = loop.Location;
        var (init, condition, step, body, conditionFirst) = loop switch
        {
            ForStmt f => (f.Init, f.Condition, f.Step, f.Body, true),
            WhileStmt w => ((Stmt?)null, (Expr?)w.Condition, (Stmt?)null, w.Body, true),
            DoWhileStmt d => (null, d.Condition, null, d.Body, false),
            _ => throw new ArgumentException("not a loop", nameof(loop)),
        };
        if (IrTraversal.Statements(body).Any(x => x is ReturnStmt)) return false;
        if (condition is not null && HasCollective(condition) || init is not null && HasCollective(init) || step is not null && HasCollective(step))
            return false;
        var iterating = $"__ifc{++_counter}";
        var any = $"__ifc{++_counter}";
        Stmt Update() => new IfStmt(at, new VarRef(at, iterating), new Block(at, [new SetStmt(at, iterating, condition!)]), null);
        Stmt Ask() => new SetStmt(at, any, new BarrierExpr(at, BarrierKind.Or, new VarRef(at, iterating)));
        // Divergent barriers: a thread that no longer iterates while others do has parted from them.
        var source = _source;
        IEnumerable<Stmt> Asked() => mode == IfConversionMode.DivergentBarriers ? [Ask(), .. Warning(at, source, any, iterating)] : [Ask()];

        var result = new List<Stmt>();
        if (init is not null)
        {
            if (outer is null) result.Add(init);
            else if (!Predicated(init, outer, result)) return false;
        }
        result.Add(new DeclareStmt(at, iterating, IrType.Bool));
        result.Add(new SetStmt(at, iterating, outer is null ? new BoolLit(at, true) : new VarRef(at, outer)));
        if (conditionFirst && condition is not null) result.Add(Update());
        result.Add(new DeclareStmt(at, any, IrType.Bool));
        result.AddRange(Asked());
        var steps = new List<Stmt>();
        string going = iterating;
        if (IrTraversal.LeavesLoop(body))
        {
            // break and continue: this iteration goes on while `going` holds; break also ends `iterating`.
            going = $"__ifc{++_counter}";
            steps.Add(new DeclareStmt(at, going, IrType.Bool));
            steps.Add(new SetStmt(at, going, new VarRef(at, iterating)));
        }
        _leaving.Push((going, iterating));
        bool converted = Predicated(body, going, steps);
        _leaving.Pop();
        if (!converted) return false;
        if (step is not null && !Predicated(step, iterating, steps)) return false;
        if (condition is not null) steps.Add(Update());
        steps.AddRange(Asked());
        result.Add(new WhileStmt(at, new VarRef(at, any), new Block(body.Location, steps)));
        into.AddRange(result);
        return true;
    }

    /// <summary>The CUDA source position of the statement being converted (the last <c>loc</c> passed).</summary>
    private Translate.Ir.Syntax.SourceLocation _source = Translate.Ir.Syntax.SourceLocation.None;

    /// <summary>The predicates of converted branches whose threads were not yet asked whether they parted (divergent barriers),
    /// with the branch's source position.</summary>
    private readonly Dictionary<string, Translate.Ir.Syntax.SourceLocation> _unwatched = [];

    /// <summary><c>t = BARRIER; if (t &amp;&amp; !p) (warning TR0321)</c>: the barrier (a <c>syncthreads-or</c> of <paramref name="p"/>) run by
    /// all, and a thread outside <paramref name="p"/> that passes it while some thread is inside reports the parting at <paramref name="branch"/>.</summary>
    private List<Stmt> PartedAt(Translate.Ir.Syntax.SourceLocation at, Translate.Ir.Syntax.SourceLocation branch, string p, BarrierExpr barrier)
    {
        var any = $"__ifc{++_counter}";
        return [new DeclareStmt(at, any, IrType.Bool), new SetStmt(at, any, barrier), .. Warning(at, branch, any, p)];
    }

    /// <summary><c>if (any &amp;&amp; !inside) (warning TR0321)</c>, named by the construct's source position <paramref name="source"/>
    /// (the position in force after it is restored).</summary>
    private List<Stmt> Warning(Translate.Ir.Syntax.SourceLocation at, Translate.Ir.Syntax.SourceLocation source, string any, string inside)
    {
        var statements = new List<Stmt>();
        if (!source.IsNone) statements.Add(new LocStmt(at, source));
        statements.Add(new IfStmt(at, new LogicalExpr(at, true, new VarRef(at, any), new UnaryExpr(at, UnaryOp.Not, new VarRef(at, inside))),
            new Block(at, [new ExprStmt(at, new WarningExpr(at, Diagnostics.Codes.DivergentBarrier))]), null));
        if (!_source.IsNone && _source != source) statements.Add(new LocStmt(at, _source));
        return statements;
    }

    private static Expr Under(string p, Expr? condition, Translate.Ir.Syntax.SourceLocation at) =>
        condition is null ? new VarRef(at, p) : new LogicalExpr(at, true, new VarRef(at, p), condition);

    /// <summary>The flags of the loops being run in step, innermost last: the iteration's predicate and the loop's.</summary>
    private readonly Stack<(string Going, string Iterating)> _leaving = new();

    /// <summary><paramref name="s"/> with its break and continue of the enclosing loop (not of loops inside it, nor a
    /// switch's break) made to clear the flags, then <c>continue</c>, which leaves the <c>do … while (false)</c> around it.</summary>
    private static Stmt Redirected(Stmt s, string going, string iterating)
    {
        var at = s.Location;
        Stmt Leave(bool breaks) => new Block(at, breaks
            ? [new SetStmt(at, going, new BoolLit(at, false)), new SetStmt(at, iterating, new BoolLit(at, false)), new ContinueStmt(at)]
            : [new SetStmt(at, going, new BoolLit(at, false)), new ContinueStmt(at)]);
        Stmt R(Stmt x, bool inSwitch) => x switch
        {
            ContinueStmt => Leave(false),
            BreakStmt when !inSwitch => Leave(true),
            Block b => new Block(b.Location, b.Statements.Select(y => R(y, inSwitch)).ToList()),
            IfStmt i => new IfStmt(i.Location, i.Condition, R(i.Then, inSwitch), i.Else is null ? null : R(i.Else, inSwitch)),
            SwitchStmt sw => new SwitchStmt(sw.Location, sw.Value,
                sw.Cases.Select(c => new SwitchCase(c.Location, c.Values, c.IsDefault, (Block)R(c.Body, true))).ToList()),
            _ => x, // loops keep their own break and continue
        };
        return R(s, false);
    }

    /// <summary>
    /// The expression with each collective replaced by a temporary computed by every work-item (appended
    /// to <paramref name="into"/>); null when a collective sits where it is evaluated conditionally.
    /// </summary>
    private Expr? Hoisted(Expr e, string p, List<Stmt> into)
    {
        if (!HasCollective(e)) return e;
        var at = e.Location;
        if (IsCollective(e))
        {
            // A plain barrier inside an expression has no value to keep; a predicated one is run by all below.
            if (e is BarrierExpr { Kind: BarrierKind.Plain }) return null;
            if (e is CallExpr { Target.Function: { } callee } && !IsQuiet(callee)) return null;
            // The callee may read through its pointers for work-items outside the branch too: each must point
            // somewhere for them (a guarded operand would be an unset pointer: binaryPartitionCG read through null).
            if (e is CallExpr && IrTraversal.Operands(e).Any(op => op.Type is PointerType && !PointsAnywhere(op))) return null;
            // Collectives among the operands (a shuffle over [activemask]) are hoisted first, for every work-item too.
            var operands = new List<Expr>();
            foreach (var op in IrTraversal.Operands(e))
            {
                var hoisted = HasCollective(op) ? Hoisted(op, p, into) : op;
                if (hoisted is null) return null;
                operands.Add(Guarded(hoisted, p, into));
            }
            Expr call = e switch
            {
                // Work-items outside the branch pass mask 0: they take no part, so a check of the source lane skips them.
                ShuffleExpr sh => new ShuffleExpr(at, sh.Mode, new SelectExpr(at, new VarRef(at, p), operands[0], new IntLit(at, 0, null)),
                    operands[1], operands[2], operands[3]),
                VoteExpr v => new VoteExpr(at, v.Mode, operands[0], operands[1]),
                // Work-items outside the branch (in CUDA: threads that exited) count for nothing: true for and, else false.
                BarrierExpr b => new BarrierExpr(at, b.Kind, new SelectExpr(at, new VarRef(at, p), operands[0], new BoolLit(at, b.Kind == BarrierKind.And))),
                SyncWarpExpr => new SyncWarpExpr(at, operands[0]),
                // The lanes in the branch: a ballot of its predicate by every lane of the warp.
                ActiveMaskExpr => new VoteExpr(at, VoteMode.Ballot, new ActiveMaskExpr(at), new VarRef(at, p)),
                CallExpr c => new CallExpr(at, c.Function, operands),
                _ => e,
            };
            if (e.Type.IsVoid) { into.Add(new ExprStmt(at, call)); return new IntLit(at, 0, null); }
            var name = $"__ifc{++_counter}";
            into.Add(new DeclareStmt(at, name, e.Type));
            into.Add(new SetStmt(at, name, call));
            return new VarRef(at, name);
        }
        Expr? H(Expr x) => Hoisted(x, p, into);
        switch (e)
        {
            case BinaryExpr b: return H(b.Left) is { } l && H(b.Right) is { } r ? new BinaryExpr(at, b.Op, l, r) : null;
            case UnaryExpr u: return H(u.Operand) is { } uo ? new UnaryExpr(at, u.Op, uo) : null;
            // select evaluates all three operands (unlike ?:), so a collective in any of them runs unconditionally anyway.
            case SelectExpr sel: return H(sel.Condition) is { } sc && H(sel.IfTrue) is { } st && H(sel.IfFalse) is { } sf ? new SelectExpr(at, sc, st, sf) : null;
            case CastExpr c: return H(c.Operand) is { } co ? new CastExpr(at, c.Op, co, c.Target) : null;
            case StoreExpr s: return H(s.Pointer) is { } sp && H(s.Value) is { } sv ? new StoreExpr(at, sp, sv) : null;
            case PtrAddExpr pa: return H(pa.Pointer) is { } pp && H(pa.Index) is { } pi ? new PtrAddExpr(at, pp, pi) : null;
            case ArrayPtrAddExpr a: return H(a.Array) is { } aa && H(a.Index) is { } ai ? new ArrayPtrAddExpr(at, aa, ai) : null;
            case MathExpr m:
            {
                var args = m.Arguments.Select(H).ToList();
                return args.All(x => x is not null) ? new MathExpr(at, m.Name, args!) : null;
            }
            case CallExpr c:
            {
                // A call given a collective's value (a group constructed from activemask): the collective is
                // hoisted, the call stays under the predicate with the statement around it.
                var args = c.Arguments.Select(H).ToList();
                return args.All(x => x is not null) ? new CallExpr(at, c.Function, args!) : null;
            }
            case LoadExpr load: return H(load.Pointer) is { } lp ? new LoadExpr(at, lp) : null;
            default: return null; // &&, ||, ?:, begin, loads of a collective's result and the rest: not converted
        }
    }

    /// <summary>An operand of a hoisted collective: as it is when computing it can neither fault nor write, else
    /// computed under the predicate into a temporary (work-items outside the branch pass an unused value).</summary>
    private Expr Guarded(Expr op, string p, List<Stmt> into)
    {
        if (IrTraversal.Descendants(op).All(IsPure)) return op;
        var at = op.Location;
        var name = $"__ifc{++_counter}";
        into.Add(new DeclareStmt(at, name, op.Type));
        // Work-items outside the branch pass 0, not an unset variable: OpenCL C leaves reading one undefined, and PoCL's
        // optimizer then assigned the shuffle's result to lanes whose condition was false (fuzz seed 3408).
        if (ZeroLiteral.Of(op.Type, at) is { } zero) into.Add(new SetStmt(at, name, zero));
        into.Add(new IfStmt(at, new VarRef(at, p), new Block(at, [new SetStmt(at, name, op)]), null));
        return new VarRef(at, name);
    }

    /// <summary>A pointer every work-item holds a valid value of: the address of a variable (or of its field),
    /// or a pointer variable declared before the branch.</summary>
    private bool PointsAnywhere(Expr op) => op switch
    {
        PtrToExpr => true,
        StructPtrAddExpr f => PointsAnywhere(f.Pointer),
        VarRef v => !_branchLocals.Contains(v.Symbol),
        _ => false,
    };

    private static bool IsPure(Expr e) => e is IntLit or FloatLit or BoolLit or NullLit or VarRef or PtrToExpr or SpecialRegisterExpr
        or BinaryExpr { Op: not (BinaryOp.Div or BinaryOp.UDiv or BinaryOp.Rem or BinaryOp.URem) }
        or UnaryExpr or CastExpr or SelectExpr or MathExpr or PtrAddExpr or ArrayPtrAddExpr or StructPtrAddExpr;

    /// <summary>A function that writes no memory but its own locals, cannot trap and calls only such functions or C math.</summary>
    private bool IsQuiet(FunctionDef f)
    {
        if (f.Body is null) return false;
        if (_quiet.TryGetValue(f, out var known)) return known;
        _quiet[f] = false; // recursion: not quiet
        bool quiet = IrTraversal.Descendants(f.Body).All(e => e switch
        {
            StoreExpr s => s.Pointer is PtrToExpr or ArrayPtrAddExpr { Array: VarRef { Symbol.Kind: SymbolKind.Local } },
            AtomicRmwExpr or AtomicCasExpr or AtomicStoreExpr or TrapExpr or AsmExpr or AllocExpr or LaunchExpr => false,
            CallExpr c => c.Target.Function is { } g ? IsQuiet(g) : c.Target.External is { Kind: ExternalKind.CMath },
            _ => true,
        });
        return _quiet[f] = quiet;
    }

    /// <summary>The locals declared inside the branch being converted: nothing outside it reads them.</summary>
    private HashSet<Symbol> _branchLocals = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A counted loop every work-item can run alike: its counter is declared inside the branch, set from values
    /// the block shares and stepped from itself (division only by a non-zero literal), and the body neither
    /// breaks nor continues.
    /// </summary>
    private bool RunsAlike(ForStmt f) =>
        f is { Init: SetStmt init, Step: SetStmt step, Condition: { } condition }
        && ReferenceEquals(init.Symbol, step.Symbol) && _branchLocals.Contains(init.Symbol)
        && SharedOver(init.Value, null) && SharedOver(condition, init.Symbol) && SharedOver(step.Value, init.Symbol)
        && !IrTraversal.LeavesLoop(f.Body);

    private static bool SharedOver(Expr e, Symbol? counter) => IrTraversal.Descendants(e).All(x => x switch
    {
        VarRef v => counter is not null && ReferenceEquals(v.Symbol, counter),
        BinaryExpr { Op: BinaryOp.Div or BinaryOp.UDiv or BinaryOp.Rem or BinaryOp.URem, Right: var r } => r is IntLit lit && lit.Value != 0,
        _ => UniformNode(x),
    });

    /// <summary>Conditions that are the same for the whole block need no conversion.</summary>
    private static bool IsUniform(Expr e) => IrTraversal.Descendants(e).All(UniformNode);

    private static bool UniformNode(Expr x) => x switch
    {
        IntLit or FloatLit or BoolLit or NullLit => true,
        SpecialRegisterExpr r => r.Register is >= SpecialRegister.BlockIdxX and <= SpecialRegister.GridDimZ or SpecialRegister.WarpSize,
        BinaryExpr or UnaryExpr or CastExpr or LogicalExpr or SelectExpr => true,
        _ => false,
    };
}
