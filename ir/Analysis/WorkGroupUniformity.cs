using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Ir.Analysis;

/// <summary>
/// Finds warp collectives (shuffles, votes, <c>syncwarp</c>, predicated block barriers, and calls to
/// functions using them) that some work-items of a block may skip. Targets that lower collectives
/// through block-wide barriers (OpenCL 1.2, where a barrier not reached by every work-item is
/// undefined) need them reached uniformly; each one that may not be gets TR0503. A plain barrier
/// after a return some work-items took gets TR0504: such a kernel is refused rather than miscompiled.
/// <para>
/// A value is uniform when every thread of the block computes the same one: literals, block indices
/// and sizes, kernel parameters, and variables assigned only uniform values under uniform control.
/// Control is divergent under a non-uniform condition, after a return or break taken under one (for the
/// rest of the function, or every later iteration of the loop), after a continue taken under one (for the
/// rest of that iteration), and in a function called from divergent code. A device function's result is uniform when
/// every value it returns is, under uniform control. Loads are uniform from shared memory at an address
/// every work-item shares right after a barrier all reached (until the next write that is not private),
/// and from a work-item's own (private) variables whose every write was uniform (<see cref="Walker.PlaceOf"/>):
/// a struct such as a cooperative group built from constants keeps its fields uniform through member calls.
/// (Global memory loaded at a shared address is not counted uniform: with that rule, fuzz seed 12035 ran on
/// opencl and printed another checksum; the cause is not found.)
/// </para>
/// </summary>
public static partial class WorkGroupUniformity
{
    public static IReadOnlyList<Diagnostic> Check(CheckedModule module) => Analyze(module).Diagnostics;

    /// <summary>The diagnostics of <see cref="Check"/> and the loops whose work-items may run different iterations (<see cref="UniformityAnalysis"/>).</summary>
    public static UniformityAnalysis Analyze(CheckedModule module)
    {
        var functions = module.Module.Functions.Where(f => !f.IsDeclaration).ToList();
        var collective = CollectiveUsers(functions);
        var state = new State(collective);
        // Helper parameters, results and pointees start uniform and calls entered divergently start
        // false; all only weaken, so the rounds end (each one that changes something adds to a finite set).
        while (true)
        {
            state.Changed = false;
            state.Diagnostics.Clear();
            state.DivergentLoops.Clear();
            state.LoopsWithDivergentTrips.Clear();
            state.DivergentIfs.Clear();
            foreach (var f in functions) new Walker(state, f).Run();
            if (!state.Changed) break;
        }
        return new UniformityAnalysis(state.Diagnostics.Distinct().ToList(), state.DivergentLoops, state.LoopsWithDivergentTrips, state.DivergentIfs);
    }

    /// <summary>True when the expression itself is a collective that needs every work-item.</summary>
    /// <remarks><c>activemask</c> counts: targets without lane masks compute it from the warp's lanes, right
    /// only where every lane is there (under a thread-dependent branch it becomes a ballot of the branch's predicate).</remarks>
    public static bool IsCollective(Expr e) =>
        e is ShuffleExpr or VoteExpr or SyncWarpExpr or ActiveMaskExpr or BarrierExpr { Kind: not BarrierKind.Plain };

    /// <summary>Functions that use a collective directly or through calls.</summary>
    public static HashSet<FunctionDef> CollectiveUsers(IEnumerable<FunctionDef> functions) => IrTraversal.FunctionsUsing(functions, IsCollective);

    private sealed class State(HashSet<FunctionDef> collective)
    {
        public readonly HashSet<FunctionDef> Collective = collective;
        public readonly HashSet<(FunctionDef, int)> NonUniformParameters = [];
        public readonly HashSet<FunctionDef> EnteredDivergently = [];
        /// <summary>Functions that may return different values to different work-items.</summary>
        public readonly HashSet<FunctionDef> NonUniformResults = [];
        /// <summary>Pointer parameters that may point to memory whose contents differ between work-items (or is not private).</summary>
        public readonly HashSet<(FunctionDef, int)> NonUniformPointees = [];
        /// <summary>Pointer parameters the function writes through (or lets escape).</summary>
        public readonly HashSet<(FunctionDef, int)> WritesThrough = [];
        /// <summary>Pointer parameters the function writes a non-uniform value through, or writes under divergent control, or lets escape.</summary>
        public readonly HashSet<(FunctionDef, int)> WrittenNonUniformly = [];
        public readonly List<Diagnostic> Diagnostics = [];
        public readonly HashSet<Stmt> DivergentLoops = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<Stmt> LoopsWithDivergentTrips = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<IfStmt> DivergentIfs = new(ReferenceEqualityComparer.Instance);

        public void Add<T>(HashSet<T> set, T item)
        {
            if (set.Add(item)) Changed = true;
        }
        public bool Changed;
    }

    private sealed partial class Walker(State state, FunctionDef function)
    {
        private readonly HashSet<Symbol> _nonUniform = new(ReferenceEqualityComparer.Instance);
        private bool _divergent;       // control in the current region is divergent
        private bool _entryDivergent;  // the function is called from divergent code (reported at the call)
        private bool _returned;        // a divergent return happened earlier in the function
        private bool _divergentExit;   // the loop being walked has a break or return under a divergent condition
        private bool _divergentContinue; // ... or a continue under one
        private bool _continued;       // some work-items took such a continue: the rest of this iteration is divergent
        private bool _localChanged;

        public void Run()
        {
            for (int i = 0; i < function.Parameters.Count && i < function.Symbols.Count; i++)
                if (!function.IsKernel && state.NonUniformParameters.Contains((function, i))) _nonUniform.Add(function.Symbols[i]);
            // Variables first settle (no reports), then one reporting pass.
            do
            {
                _localChanged = false;
                Pass(report: false);
            } while (_localChanged);
            Pass(report: true);
        }

        private bool _report;

        private void Pass(bool report)
        {
            _report = report;
            _returned = false;
            _divergent = false;
            _sharedSettled = false;
            _entryDivergent = state.EnteredDivergently.Contains(function);
            Stmt(function.Body!);
        }

        private bool Divergent => _divergent || _returned || _continued || _entryDivergent;

        /// <summary>Divergence that starts in this function: what its own collectives are reported for.</summary>
        private bool LocallyDivergent => _divergent || _returned || _continued;

        private void Stmt(Stmt s)
        {
            switch (s)
            {
                case Block b:
                    foreach (var x in b.Statements) Stmt(x);
                    break;
                case SetStmt set:
                    if (!Uniform(set.Value) || LocallyDivergent) MarkNonUniform(set.Symbol);
                    break;
                case IfStmt i:
                    bool divergentIf = !Uniform(i.Condition);
                    if (_report && divergentIf) state.DivergentIfs.Add(i);
                    Under(divergentIf, () =>
                    {
                        Stmt(i.Then);
                        if (i.Else is not null) Stmt(i.Else);
                    }, escapesFunction: Exits(i), breaksLoop: IrTraversal.BreaksLoop(i), continuesLoop: IrTraversal.ContinuesLoop(i));
                    break;
                case ForStmt f:
                    if (f.Init is not null) Stmt(f.Init);
                    Loop(f, f.Condition, () => { Stmt(f.Body); _continued = false; if (f.Step is not null) Stmt(f.Step); });
                    break;
                case WhileStmt w:
                    Loop(w, w.Condition, () => Stmt(w.Body));
                    break;
                case DoWhileStmt d:
                    Loop(d, d.Condition, () => Stmt(d.Body));
                    break;
                case SwitchStmt sw:
                    Under(!Uniform(sw.Value), () => { foreach (var c in sw.Cases) Stmt(c.Body); },
                        escapesFunction: sw.Cases.Any(c => Exits(c.Body)), continuesLoop: IrTraversal.ContinuesLoop(sw));
                    break;
                case ReturnStmt r:
                    if (r.Value is not null && (!Uniform(r.Value) || LocallyDivergent)) state.Add(state.NonUniformResults, function);
                    if (Divergent) _returned = true;
                    break;
                default:
                    foreach (var e in IrTraversal.TopExpressions(s)) Uniform(e);
                    break;
            }
        }

        private static bool Exits(Stmt s) => IrTraversal.Statements(s).Any(x => x is ReturnStmt);

        private void Under(bool divergentCondition, Action body, bool escapesFunction, bool breaksLoop = false, bool continuesLoop = false)
        {
            bool saved = _divergent, settled = _sharedSettled;
            _divergent |= divergentCondition;
            body();
            _divergent = saved;
            _sharedSettled &= settled;
            // A return taken by some work-items leaves the rest of the function divergent, and the loop around it.
            if (divergentCondition && escapesFunction) _returned = true;
            if (divergentCondition && (breaksLoop || escapesFunction)) _divergentExit = true;
            // A continue only parts work-items until the iteration ends: the next one starts with all that went on.
            if (divergentCondition && continuesLoop) _continued = _divergentContinue = true;
        }

        private void Loop(Stmt loop, Expr? condition, Action body)
        {
            bool saved = _divergent, reachedByAll = !Divergent;
            // Leaving early under a divergent condition makes every later iteration divergent too.
            // (Conservative: an exit nested under any condition that is not uniform, as the body's walk found it.)
            bool savedExit = _divergentExit, divergentExit = false;
            bool savedContinue = _divergentContinue, savedContinued = _continued, divergentContinue = false;
            bool divergentCondition = condition is not null && !Uniform(condition);
            // Two passes so that variables assigned late in the body, and exits, are seen by its start.
            for (int k = 0; k < 2; k++)
            {
                _sharedSettled = false; // the back edge may come from a write
                _divergent = saved || divergentCondition || divergentExit;
                _divergentExit = _divergentContinue = _continued = false;
                body();
                _continued = false; // the condition is where work-items that continued come back
                divergentExit |= _divergentExit;
                divergentContinue |= _divergentContinue;
                if (condition is not null) divergentCondition |= !Uniform(condition);
            }
            _divergent = saved;
            // Its own break or continue ends with the loop: every work-item that left it early is past it now.
            _divergentExit = savedExit;
            _divergentContinue = savedContinue;
            _continued = savedContinued;
            _sharedSettled = false;
            // Loops with a divergent continue count too: what follows the continue may hold collectives to run in step.
            if (_report && reachedByAll && (divergentCondition || divergentExit || divergentContinue)) state.DivergentLoops.Add(loop);
            if (_report && (divergentCondition || divergentExit || divergentContinue)) state.LoopsWithDivergentTrips.Add(loop);
        }

        private void MarkNonUniform(Symbol s)
        {
            if (_nonUniform.Add(s)) _localChanged = true;
        }

        private bool UniformQuiet(Expr e)
        {
            bool saved = _report;
            _report = false;
            bool u = Uniform(e);
            _report = saved;
            return u;
        }

        /// <summary>Whether <paramref name="e"/> is the same for every work-item; reports collectives met in divergent control.</summary>
        private bool Uniform(Expr e)
        {
            if (IsCollective(e) && LocallyDivergent) Report(e.Location, Describe(e));
            if (e is BarrierExpr { Kind: BarrierKind.Plain } && _returned && _report)
                state.Diagnostics.Add(new Diagnostic(Codes.OpenClUnsupported, e.Location,
                    "this barrier may be reached after some work-items of the block returned; OpenCL requires every work-item " +
                    "to reach each barrier (CUDA lets threads that exited skip it), and the returned ones cannot be kept at it here: " +
                    "a loop around it is left by break or continue, or a condition on the way reads memory or the thread's index"));
            switch (e)
            {
                case IntLit or FloatLit or BoolLit or StringLit or NullLit:
                    return true;
                case VarRef v:
                    Escapes(v);
                    return v.Symbol.Kind is SymbolKind.Parameter or SymbolKind.Local ? !_nonUniform.Contains(v.Symbol) : false;
                case PtrToExpr p:
                    Escapes(p);
                    return true;
                case LoadExpr l:
                    return LoadUniform(l);
                case StoreExpr st:
                    Store(st);
                    return true;
                case SpecialRegisterExpr r:
                    return r.Register is SpecialRegister.BlockIdxX or SpecialRegister.BlockIdxY or SpecialRegister.BlockIdxZ
                        or SpecialRegister.BlockDimX or SpecialRegister.BlockDimY or SpecialRegister.BlockDimZ
                        or SpecialRegister.GridDimX or SpecialRegister.GridDimY or SpecialRegister.GridDimZ or SpecialRegister.WarpSize;
                case CondExpr c:
                {
                    bool uc = Uniform(c.Condition);
                    bool saved = _divergent;
                    _divergent |= !uc;
                    bool ua = Uniform(c.IfTrue), ub = Uniform(c.IfFalse);
                    _divergent = saved;
                    return uc && ua && ub;
                }
                case LogicalExpr l:
                {
                    bool ul = Uniform(l.Left);
                    bool saved = _divergent;
                    _divergent |= !ul;
                    bool ur = Uniform(l.Right);
                    _divergent = saved;
                    return ul && ur;
                }
                case BeginExpr b:
                    Stmt(b.Statements);
                    return Uniform(b.Result);
                case CallExpr c:
                {
                    if (c.Target.External is not { Kind: ExternalKind.CMath }) _sharedSettled = false;
                    bool all = true;
                    var defined = c.Target.Function is { IsDeclaration: false } f ? f : null;
                    var args = c.Arguments.Select((a, i) => defined is null ? Uniform(a) : Argument(defined, i, a)).ToList();
                    all = args.All(x => x);
                    if (defined is { } callee)
                    {
                        for (int i = 0; i < args.Count; i++)
                            if ((!args[i] || LocallyDivergent) && state.NonUniformParameters.Add((callee, i))) state.Changed = true;
                        if (Divergent)
                        {
                            if (state.EnteredDivergently.Add(callee)) state.Changed = true;
                            if (state.Collective.Contains(callee) && LocallyDivergent)
                                Report(c.Location, $"the call to '{callee.Name}', which uses warp collectives,");
                        }
                        return !state.NonUniformResults.Contains(callee);
                    }
                    return all && c.Target.External is { Kind: ExternalKind.CMath };
                }
                case AtomicRmwExpr or AtomicCasExpr or AtomicLoadExpr or ShuffleExpr or VoteExpr or AsmExpr or AllocExpr
                    or ActiveMaskExpr or ClockExpr or GlobalTimerExpr or BarrierExpr:
                    foreach (var op in IrTraversal.Operands(e)) Uniform(op);
                    if (e is AtomicRmwExpr or AtomicCasExpr or AsmExpr) _sharedSettled = false;
                    // Once every work-item passed a plain barrier, each sees the same shared memory.
                    if (e is BarrierExpr { Kind: BarrierKind.Plain }) _sharedSettled = !Divergent;
                    // syncthreads-count/and/or give every work-item of the block the same answer.
                    return e is BarrierExpr { Kind: not BarrierKind.Plain };
                default:
                {
                    bool all = true;
                    foreach (var op in IrTraversal.Operands(e)) all &= Uniform(op);
                    return all;
                }
            }
        }

        private static string Describe(Expr e) => e switch
        {
            ShuffleExpr => "this warp shuffle",
            VoteExpr => "this warp vote",
            SyncWarpExpr => "this syncwarp",
            ActiveMaskExpr => "this activemask (coalesced_threads())",
            _ => "this predicated barrier",
        };

        private void Report(SourceLocation at, string what)
        {
            if (!_report) return;
            state.Diagnostics.Add(new Diagnostic(Codes.DivergentCollective, at,
                $"{what} may be skipped by some work-items of the block (it is under a condition, loop or early return that depends on the thread); " +
                "OpenCL exchanges warp values through work-group barriers, which every work-item must reach"));
        }
    }
}

/// <summary>
/// What <see cref="WorkGroupUniformity.Analyze"/> finds. <paramref name="DivergentLoops"/>: loops every work-item reaches but
/// not all run alike (their condition depends on the thread, or some work-items leave an iteration or the loop early under
/// a condition that does); those holding collectives are what <see cref="Transformations.CollectiveIfConversion"/> runs in
/// step for the block. <paramref name="LoopsWithDivergentTrips"/>: the same wherever they are, also under a
/// thread-dependent condition (a device compiler may still fold that condition away). <paramref name="DivergentIfs"/>: ifs
/// whose condition may differ between the work-items that reach them.
/// </summary>
public sealed record UniformityAnalysis(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlySet<Stmt> DivergentLoops, IReadOnlySet<Stmt> LoopsWithDivergentTrips,
    IReadOnlySet<IfStmt> DivergentIfs);
