using Translate.Ir.Analysis;
using Translate.Ir.Model;

namespace Translate.Backends.Cpu.Kernels;

/// <summary>Where code synchronizes: at block barriers, or (inside a barrier-free region) at warp operations.</summary>
internal enum SyncLevel { Block, Warp }

/// <summary>
/// Facts about a kernel that its CPU lowering needs: which statements contain barriers or warp
/// collectives (and so split thread loops), which expressions are block-uniform, and which variables
/// must become per-thread arrays (they live across a split and may differ between threads).
/// </summary>
internal sealed class KernelAnalysis
{
    private readonly Dictionary<Node, bool> _barrier = [];
    private readonly Dictionary<Node, bool> _collective = [];
    private readonly Dictionary<Node, bool> _containsLockstep = [];
    private readonly HashSet<Stmt> _lockstep;
    private HashSet<Symbol> _uniform = [];
    private readonly Dictionary<Symbol, HashSet<int>> _regions = [];
    private int _regionCount;
    private readonly Dictionary<SetStmt, IReadOnlyList<Expr>> _directSets = [];
    private readonly List<Expr> _warpConditions = [];

    public KernelAnalysis(FunctionDef kernel, bool lockstep = true)
    {
        Kernel = kernel;
        var body = kernel.Body!;
        _lockstep = lockstep ? LockstepLoops.Select(kernel, HasBarrier, HasCollective) : [];
        HasSync = HasBarrier(body) || HasCollective(body) || _lockstep.Count > 0;
        var all = IrTraversal.AllNodes(body).ToList();
        CallsFunctions = all.Any(n => n is CallExpr { Target.Function: not null });
        // Without synchronization the body is one thread loop and nothing is worth hoisting out of it.
        if (HasSync)
        {
            // First walk: which assignments the lowering runs once per block or warp (the grouping does not
            // depend on uniformity). Second walk: the thread loops as the lowering emits them, which also
            // splits a group at each uniform assignment it hoists, so a variable living across that split
            // gets one value per thread like one living across a barrier.
            Sequence(body.Statements, SyncLevel.Block);
            _uniform = UniformVariables.Find(kernel, _directSets, _lockstep.Contains);
            _regions.Clear();
            _regionCount = 0;
            Sequence(body.Statements, SyncLevel.Block);
        }
        // Threads leave early (return, break, continue) or leave a lockstep loop on their own.
        NeedsThreadStates = HasSync && (all.Any(n => n is ReturnStmt or BreakStmt or ContinueStmt)
            || _lockstep.Any(l => LockstepLoops.Condition(l) is { } c && !IsUniform(c)));
        var assigned = all.OfType<SetStmt>().Select(x => x.Symbol).ToHashSet();
        var addressed = all.OfType<PtrToExpr>().Select(p => p.Symbol)
            .Concat(all.OfType<ArrayPtrAddExpr>().Select(a => a.Array).OfType<VarRef>().Select(v => v.Symbol)).ToHashSet();
        // Per thread: variables that live across regions, and assigned parameters (each thread has its own copy).
        PerThread = kernel.Symbols
            .Where(s => s.Kind is SymbolKind.Parameter or SymbolKind.Local && !_uniform.Contains(s))
            .Where(s => HasSync && _regions.TryGetValue(s, out var r) && r.Count > 1 || s.Kind == SymbolKind.Parameter && assigned.Contains(s)
                || HasSync && addressed.Contains(s) && AddressLivesAcrossRegions(s, all))
            .ToHashSet();
    }

    /// <summary>
    /// A variable whose address is taken lives wherever that address is used: an inlined function's reference
    /// parameter is a pointer variable set in one region (next to the variable's declaration) and read through
    /// after a barrier, so the variable needs one slot per thread even though its name appears in one region.
    /// The address's holders are the variables assigned from it (transitively); stored to memory (a lambda's
    /// closure holding the variable by reference, a struct holding a local array's pointer) or passed to a function, it
    /// may be read anywhere (<see cref="EscapingAddresses"/>).
    /// </summary>
    private bool AddressLivesAcrossRegions(Symbol variable, List<Node> all)
    {
        var holders = new HashSet<Symbol>();
        var address = new EscapingAddresses(variable, holders);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var set in all.OfType<SetStmt>())
                if (!holders.Contains(set.Symbol) && address.Carries(set.Value)) grew = holders.Add(set.Symbol) | grew;
        }
        if (all.Any(n => n is StoreExpr st && address.Carries(st.Value) || n is AtomicStoreExpr a && address.Carries(a.Value) || address.PassedToFunction(n)))
            return true;
        var regions = new HashSet<int>(_regions.GetValueOrDefault(variable) ?? []);
        foreach (var h in holders) regions.UnionWith(_regions.GetValueOrDefault(h) ?? []);
        return regions.Count > 1;
    }

    public FunctionDef Kernel { get; }

    /// <summary>The kernel has barriers or warp collectives (else its body is one thread loop).</summary>
    public bool HasSync { get; }

    /// <summary>Threads can leave a region early (return, or break/continue of a split loop): track them per thread.</summary>
    public bool NeedsThreadStates { get; }

    /// <summary>The kernel calls program functions, which read thread indices from the context.</summary>
    public bool CallsFunctions { get; }

    /// <summary>Variables that need one value per thread (an array indexed by the linear thread index).</summary>
    public IReadOnlySet<Symbol> PerThread { get; }

    public bool IsUniformVariable(Symbol s) => _uniform.Contains(s);

    /// <summary>Uniform variables a statement assigns (a warp loop restores them for each warp).</summary>
    public IEnumerable<Symbol> UniformAssigned(Stmt s) =>
        IrTraversal.AllNodes(s).OfType<SetStmt>().Select(x => x.Symbol).Where(_uniform.Contains).Distinct();

    /// <summary>Block barriers, and grid barriers (which split the block's thread loops the same way).</summary>
    public bool HasBarrier(Node n) => Memo(_barrier, n, x => x is BarrierExpr or GridSyncExpr);

    /// <summary>
    /// Warp operations: those that exchange values between lanes, and activemask, which must see the lanes
    /// executing it together (so it is evaluated where the lane loops are split, like a vote).
    /// </summary>
    public bool HasCollective(Node n) => Memo(_collective, n, x => x is ShuffleExpr or VoteExpr or SyncWarpExpr or ActiveMaskExpr);

    /// <summary>
    /// A sequence's statements with the groups in it opened: a group's statements join the thread loops around it, so
    /// an assignment of a uniform variable inside one (a for step <c>k = j++</c>, lifted as a group of sets) runs once
    /// per block like one written at that level. The IR's names are resolved already, so a group's scope is not needed.
    /// </summary>
    public static IEnumerable<Stmt> Opened(IReadOnlyList<Stmt> statements) =>
        statements.SelectMany(s => s is Block b ? Opened(b.Statements) : [s]);

    /// <summary>A split loop's step runs as the last statement of its body when no `continue` can skip to it.</summary>
    public static bool StepJoinsBody(Block body) => !IrTraversal.AllNodes(body).Any(n => n is ContinueStmt);

    public bool Splits(Stmt s, SyncLevel level) => level == SyncLevel.Block ? HasBarrier(s) || ContainsLockstep(s) : HasCollective(s);

    /// <summary>A loop run in lockstep by the block (LockstepLoops): its rounds are split like a barrier loop's.</summary>
    public bool IsLockstep(Stmt loop) => _lockstep.Contains(loop);

    private bool ContainsLockstep(Node n) => _lockstep.Count > 0 && Memo(_containsLockstep, n, x => x is Stmt s && _lockstep.Contains(s));

    public static bool IsSync(Expr e, SyncLevel level) =>
        level == SyncLevel.Block ? e is BarrierExpr or GridSyncExpr : e is ShuffleExpr or VoteExpr or SyncWarpExpr or ActiveMaskExpr;

    /// <summary>The synchronizing expressions a statement evaluates itself, in evaluation order.</summary>
    public static List<Expr> OwnSync(Stmt s, SyncLevel level) =>
        IrTraversal.TopExpressions(s).SelectMany(IrTraversal.AllNodes).OfType<Expr>().Where(e => IsSync(e, level)).ToList();

    /// <summary>True when every thread of the block computes the same value (so it needs no per-thread copy or check).</summary>
    public bool IsUniform(Expr e) => e switch
    {
        IntLit or FloatLit or BoolLit or NullLit or StringLit => true,
        VarRef v => v.Symbol.Kind is SymbolKind.Parameter or SymbolKind.Local && _uniform.Contains(v.Symbol),
        SpecialRegisterExpr r => r.Register is >= SpecialRegister.BlockIdxX and <= SpecialRegister.GridDimZ or SpecialRegister.WarpSize,
        BinaryExpr b => IsUniform(b.Left) && IsUniform(b.Right) && UniformVariables.CannotTrap(b),
        UnaryExpr u => IsUniform(u.Operand),
        CastExpr c => IsUniform(c.Operand),
        SelectExpr s => IsUniform(s.Condition) && IsUniform(s.IfTrue) && IsUniform(s.IfFalse),
        CondExpr c => IsUniform(c.Condition) && IsUniform(c.IfTrue) && IsUniform(c.IfFalse),
        LogicalExpr l => IsUniform(l.Left) && IsUniform(l.Right),
        MathExpr m => m.Arguments.All(IsUniform),
        _ => false,
    };

    private bool Memo(Dictionary<Node, bool> memo, Node n, Func<Node, bool> isSync)
    {
        if (memo.TryGetValue(n, out bool v)) return v;
        v = isSync(n) || IrTraversal.Children(n).Any(c => Memo(memo, c, isSync));
        return memo[n] = v;
    }

    // ---- regions: the same grouping as KernelLowering's, numbering each thread loop ----

    private void Sequence(IReadOnlyList<Stmt> statements, SyncLevel level) =>
        Group(statements, s => Splits(s, level), g => Flush(g, level), s => Split(s, level));

    /// <summary>
    /// The grouping the analysis and the lowering both walk, so they number thread loops alike: each run of
    /// statements that do not split at the level is flushed as one group (a thread loop), each statement that splits
    /// is split, in order.
    /// </summary>
    internal static void Group(IReadOnlyList<Stmt> statements, Func<Stmt, bool> splits, Action<List<Stmt>> flush, Action<Stmt> split)
    {
        var group = new List<Stmt>();
        foreach (var s in Opened(statements))
        {
            if (!splits(s)) { group.Add(s); continue; }
            flush(group);
            group = [];
            split(s);
        }
        flush(group);
    }

    private void Flush(List<Stmt> group, SyncLevel level)
    {
        if (group.Count == 0) return;
        if (level == SyncLevel.Block && group.Any(HasCollective)) { Sequence(group, SyncLevel.Warp); return; }
        // As KernelLowering.Flush: a uniform assignment runs once, between two thread loops.
        int id = ++_regionCount;
        foreach (var s in group)
        {
            if (s is SetStmt set && _uniform.Contains(set.Symbol))
            {
                Mark(s, ++_regionCount);
                id = ++_regionCount;
            }
            else Mark(s, id);
        }
        foreach (var set in group.OfType<SetStmt>()) _directSets[set] = [.. _warpConditions];
    }

    private void Split(Stmt s, SyncLevel level)
    {
        var own = OwnSync(s, level);
        if (own.Count > 0)
        {
            int pre = ++_regionCount;
            foreach (var e in own) Mark(e, pre);
        }
        switch (s)
        {
            case Block b: Sequence(b.Statements, level); break;
            case IfStmt i:
                Mark(i.Condition, ++_regionCount);
                UnderCondition(i.Condition, level, () =>
                {
                    Sequence([i.Then], level);
                    if (i.Else is not null) Sequence([i.Else], level);
                });
                break;
            case WhileStmt w: Mark(w.Condition, ++_regionCount); UnderCondition(w.Condition, level, () => Sequence(w.Body.Statements, level)); break;
            case DoWhileStmt d: UnderCondition(d.Condition, level, () => Sequence(d.Body.Statements, level)); Mark(d.Condition, ++_regionCount); break;
            case ForStmt f:
                if (f.Init is not null) Sequence([f.Init], level);
                if (f.Condition is not null) Mark(f.Condition, ++_regionCount);
                UnderCondition(f.Condition, level, () =>
                {
                    if (f.Step is not null && StepJoinsBody(f.Body)) Sequence([.. f.Body.Statements, f.Step], level);
                    else
                    {
                        Sequence(f.Body.Statements, level);
                        if (f.Step is not null) Sequence([f.Step], level);
                    }
                });
                break;
            default: Mark(s, ++_regionCount); break;
        }
    }

    /// <summary>
    /// Walks statements under a split condition. Lanes of a warp must agree on a warp-level condition but
    /// warps need not, so an assignment under one is block-uniform only if the condition is too (block-level
    /// conditions are checked for agreement across the whole block).
    /// </summary>
    private void UnderCondition(Expr? condition, SyncLevel level, Action walk)
    {
        bool push = level == SyncLevel.Warp && condition is not null;
        if (push) _warpConditions.Add(condition!);
        walk();
        if (push) _warpConditions.RemoveAt(_warpConditions.Count - 1);
    }

    private void Mark(Node n, int region)
    {
        foreach (var s in IrTraversal.SymbolsUsed(n))
        {
            if (!_regions.TryGetValue(s, out var set)) _regions[s] = set = [];
            set.Add(region);
        }
    }
}
