using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>One kernel's split at its grid barriers (<see cref="GridSyncFission"/>): the stretches between them, what crosses
/// each and where it is kept; null from <see cref="Split"/>, with <see cref="Refusal"/> saying why, when it cannot be split.</summary>
internal sealed partial class GridSyncSplit(FunctionDef kernel, CheckedModule module)
{
    private readonly Dictionary<Symbol, SortedSet<int>> _uses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Symbol, SharedDef> _declaredShared = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Symbol, long> _threadOffset = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Symbol, long> _blockOffset = new(ReferenceEqualityComparer.Instance);
    private SortedSet<int> _dynamicUses = [];
    /// <summary>Locals computed again in each later phase instead of kept, with the one assignment that sets them, in order.</summary>
    private readonly Dictionary<Symbol, SetStmt> _recomputed = new(ReferenceEqualityComparer.Instance);
    /// <summary>Every assignment in the kernel, by the variable it sets; and the variables whose address it takes.</summary>
    private readonly ILookup<Symbol, SetStmt> _assignments =
        IrTraversal.Statements(kernel.Body!).OfType<SetStmt>().ToLookup<SetStmt, Symbol>(x => x.Symbol, ReferenceEqualityComparer.Instance);
    private readonly HashSet<Symbol> _addressed =
        new(IrTraversal.Descendants(kernel.Body!).OfType<PtrToExpr>().Select(p => p.Symbol), ReferenceEqualityComparer.Instance);

    /// <summary>Why <see cref="Split"/> gave null, for the target's diagnostic.</summary>
    public string? Refusal { get; private set; }

    private GridSyncSplitResult? Refuse(string why)
    {
        Refusal = why;
        return null;
    }

    public GridSyncSplitResult? Split()
    {
        if (kernel.Symbols.Any(s => s.Name.StartsWith(GridSyncFission.Prefix, StringComparison.Ordinal)))
            return Refuse($"the kernel has its own names starting with {GridSyncFission.Prefix}");
        var segments = Segments(kernel.Body!.Statements);
        if (segments is null || segments.Count == 1)
            return Refuse("a grid.sync() is inside a branch or loop (the host would have to decide which kernel runs next)");
        // A thread returning before the last grid barrier would have to be remembered as gone.
        if (segments.Take(segments.Count - 1).Any(seg => seg.Any(s => IrTraversal.Statements(s).Any(x => x is ReturnStmt))))
            return Refuse("a thread may return before the last grid.sync()");

        for (int i = 0; i < segments.Count; i++) CollectUses(segments[i], i);
        // Every dynamic shared array starts at the same address: one memory, kept through a grid barrier when any
        // of them is used on both sides (inlined copies of one function's extern __shared__ array are several).
        _dynamicUses = new SortedSet<int>(_uses.Where(u => IsDynamic(u.Key)).SelectMany(u => u.Value));
        if (_calleeShared.FirstOrDefault(u => u.Value.Count > 1).Key is { } own)
            return Refuse($"shared variable '{own.Name}' of a device function is used on both sides of a grid.sync(), where the phases cannot name it to keep it");
        var crossing = _uses.Where(u => u.Value.Count > 1 && Crosses(u.Key)).Select(u => u.Key).ToList();
        foreach (var s in crossing)
        {
            if (s.Type is ArrayType && s.Kind != SymbolKind.Shared) return Refuse($"local array '{s.Name}' lives across a grid.sync()");
            if (!Keepable(s))
                return Refuse($"pointer '{s.Name}' lives across a grid.sync() and may point at shared or local memory, which the next kernel does not share");
        }
        var names = crossing.Where(s => !IsDynamic(s)).Select(s => s.Name).ToList();
        if (names.Distinct().Count() != names.Count) return Refuse("two variables of the same name live across a grid.sync()");
        // A crossing variable is declared again at the top of each later phase using it: no other may have its name there.
        for (int i = 0; i < segments.Count; i++)
        {
            var topNames = segments[i].Select(s => s is DeclareStmt d ? d.Name : s is SharedStmt sh ? sh.Definition.Name : null).ToHashSet();
            if (crossing.FirstOrDefault(s => _uses[s].Min < i && _uses[s].Contains(i) && topNames.Contains(s.Name)) is { } clash)
                return Refuse($"'{clash.Name}' lives across a grid.sync() and another variable of that name is declared after it");
        }

        FindRecomputed(segments, crossing);
        var layout = module.Layout;
        long perThread = 0;
        foreach (var s in crossing.Where(s => s.Kind != SymbolKind.Shared && !_recomputed.ContainsKey(s)).OrderByDescending(s => layout.AlignOf(s.Type)))
        {
            perThread = Align(perThread, layout.AlignOf(s.Type));
            _threadOffset[s] = perThread;
            perThread += layout.SizeOf(s.Type);
        }
        perThread = Align(perThread, 16);
        long perBlock = 0;
        foreach (var s in crossing.Where(s => s.Kind == SymbolKind.Shared && !IsDynamic(s)))
        {
            _blockOffset[s] = perBlock;
            perBlock += layout.SizeOf(s.Type);
        }
        perBlock = Align(perBlock, 16);
        bool savesDynamic = _dynamicUses.Count > 1;

        var names2 = Enumerable.Range(0, segments.Count).Select(i => $"{kernel.Name}__grid_phase{i}").ToList();
        var phases = new List<FunctionDef>();
        for (int i = 0; i < segments.Count; i++)
            phases.Add(Phase(names2[i], i, segments.Count, segments[i], crossing, savesDynamic, perThread, perBlock));
        return new GridSyncSplitResult(new GridPhasePlan(kernel.Name, names2, perThread, perBlock, savesDynamic, GridSyncFission.FirstGridSync(kernel)), phases);
    }

    private static long Align(long n, long a) => (n + a - 1) / a * a;

    private static bool IsDynamic(Symbol s) => s.Definition is SharedDef { IsDynamic: true };

    /// <summary>
    /// The statements between grid barriers. A block holding one is cut in two, each part a block of its own
    /// segment (its declarations used on both sides cross like any other); a grid barrier inside a branch or
    /// loop cannot be cut at (null).
    /// </summary>
    private static List<List<Stmt>>? Segments(IReadOnlyList<Stmt> list)
    {
        var segments = new List<List<Stmt>> { new() };
        foreach (var s in list)
        {
            if (s is ExprStmt { Expression: GridSyncExpr }) { segments.Add([]); continue; }
            if (!IrTraversal.Descendants(s).Any(e => e is GridSyncExpr)) { segments[^1].Add(s); continue; }
            IReadOnlyList<Stmt> inner;
            switch (s)
            {
                case Block b: inner = b.Statements; break;
                case ExprStmt { Expression: BeginExpr be } when !IrTraversal.Descendants(be.Result).Any(e => e is GridSyncExpr):
                    inner = [.. be.Statements.Statements, new ExprStmt(s.Location, be.Result)];
                    break;
                default: return null;
            }
            var parts = Segments(inner);
            if (parts is null) return null;
            segments[^1].Add(new Block(s.Location, parts[0]));
            foreach (var part in parts.Skip(1)) segments.Add([new Block(s.Location, part)]);
        }
        return segments;
    }

    private void CollectUses(List<Stmt> segment, int index)
    {
        void Use(Symbol? s)
        {
            if (s is null || s.Kind == SymbolKind.Global) return;
            if (!_uses.TryGetValue(s, out var set)) _uses[s] = set = [];
            set.Add(index);
        }
        foreach (var top in segment)
        {
            foreach (var s in IrTraversal.Statements(top))
            {
                switch (s)
                {
                    case DeclareStmt d: Use(d.Symbol); break;
                    case SetStmt set: Use(set.Symbol); break;
                    case SharedStmt sh: Use(sh.Definition.Symbol); _declaredShared[sh.Definition.Symbol] = sh.Definition; break;
                }
            }
            foreach (var e in IrTraversal.Descendants(top))
            {
                if (e is VarRef v) Use(v.Symbol);
                else if (e is PtrToExpr p) Use(p.Symbol);
                else if (e is CallExpr { Target.Function: { Body: not null } callee })
                {
                    // Shared memory a called function uses is this phase's too: file-scope and dynamic shared memory
                    // the phases can name; a function's own __shared__ variable only that function can.
                    foreach (var sh in SharedUsedBy(callee, []))
                    {
                        if (IsDynamic(sh) || module.SharedVariables.Contains(sh)) Use(sh);
                        else
                        {
                            if (!_calleeShared.TryGetValue(sh, out var set)) _calleeShared[sh] = set = [];
                            set.Add(index);
                        }
                    }
                }
            }
        }
    }

    private readonly Dictionary<Symbol, SortedSet<int>> _calleeShared = new(ReferenceEqualityComparer.Instance);

    /// <summary>The shared variables a function and the functions it calls use.</summary>
    private static IEnumerable<Symbol> SharedUsedBy(FunctionDef f, HashSet<FunctionDef> seen)
    {
        if (!seen.Add(f) || f.Body is null) yield break;
        foreach (var e in IrTraversal.Descendants(f.Body))
        {
            if (e is VarRef { Symbol.Kind: SymbolKind.Shared } v) yield return v.Symbol;
            else if (e is PtrToExpr { Symbol.Kind: SymbolKind.Shared } p) yield return p.Symbol;
            else if (e is CallExpr { Target.Function: { } g })
                foreach (var x in SharedUsedBy(g, seen)) yield return x;
        }
    }

    /// <summary>Whether a symbol used on both sides of a grid barrier carries a value across it.</summary>
    private bool Crosses(Symbol s) => s.Kind switch
    {
        SymbolKind.Local or SymbolKind.Shared => true,
        // A parameter keeps its argument in every phase unless the kernel changes it.
        SymbolKind.Parameter => Assigned(s),
        _ => false,
    };

    private bool Assigned(Symbol s) => _assignments.Contains(s) || _addressed.Contains(s);

    /// <summary>
    /// The crossing locals set once, at the top level of the phase declaring them, from values every later phase can
    /// compute again (literals, thread and block indices, unchanged parameters, other such locals, pure arithmetic):
    /// indices like <c>gid = blockIdx.x * blockDim.x + threadIdx.x</c>. Computing them again costs less than keeping
    /// them, and a value a later phase loads from memory is no longer known to be the same across the block, which
    /// the uniformity of barriers and warp operations there may depend on.
    /// </summary>
    private void FindRecomputed(List<List<Stmt>> segments, List<Symbol> crossing)
    {
        foreach (var segment in segments)
            foreach (var set in segment.OfType<SetStmt>())
            {
                var v = set.Symbol;
                if (v.Kind != SymbolKind.Local || !crossing.Contains(v) || _addressed.Contains(v) || v.Type is not (ScalarType or PointerType)) continue;
                if (!ReferenceEquals(segments[_uses[v].Min], segment) || _assignments[v].Count() != 1) continue;
                if (Recomputable(set.Value)) _recomputed[v] = set;
            }
    }

    private bool Recomputable(Expr e) => e switch
    {
        IntLit or FloatLit or BoolLit or NullLit or SpecialRegisterExpr => true,
        VarRef { Symbol.Kind: SymbolKind.Parameter } v => !Assigned(v.Symbol),
        VarRef { Symbol.Kind: SymbolKind.Local } v => _recomputed.ContainsKey(v.Symbol),
        BinaryExpr b => Recomputable(b.Left) && Recomputable(b.Right),
        UnaryExpr u => Recomputable(u.Operand),
        CastExpr c => Recomputable(c.Operand),
        SelectExpr x => Recomputable(x.Condition) && Recomputable(x.IfTrue) && Recomputable(x.IfFalse),
        _ => false,
    };

    /// <summary>Whether the value can be kept in global memory between kernels.</summary>
    private bool Keepable(Symbol s)
    {
        if (s.Kind == SymbolKind.Shared || s.Type is not PointerType) return true;
        // A pointer whose address is taken may be set through it; otherwise every value it is set to must be global.
        return !_addressed.Contains(s) && _assignments[s].All(x => !PointsOutsideGlobal(x.Value, []));
    }

    /// <summary>Whether a pointer value may point at shared or private memory (conservatively).</summary>
    private bool PointsOutsideGlobal(Expr e, HashSet<Symbol> visiting)
    {
        foreach (var x in IrTraversal.Descendants(e))
        {
            switch (x)
            {
                case PtrToExpr p when p.Symbol.Kind != SymbolKind.Global: return true;
                case VarRef v when v.Symbol.Kind == SymbolKind.Shared: return true;
                case VarRef v when v.Symbol.Kind == SymbolKind.Local && v.Symbol.Type is ArrayType: return true;
                case VarRef v when v.Symbol.Type is PointerType && v.Symbol.Kind is SymbolKind.Local or SymbolKind.Parameter:
                    if (!visiting.Add(v.Symbol)) break;
                    if (_addressed.Contains(v.Symbol)) return true;
                    foreach (var set in _assignments[v.Symbol])
                        if (PointsOutsideGlobal(set.Value, visiting)) return true;
                    break;
            }
        }
        return false;
    }
}
