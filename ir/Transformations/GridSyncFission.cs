using System.Text;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// How a kernel split at its grid barriers runs: its phase kernels one after another over the same grid, all
/// given the launch's arguments plus a spill buffer (<see cref="GridSyncFission.SpillParameter"/>) of
/// <see cref="SpillBytes"/> and the launch's dynamic shared byte count (<see cref="GridSyncFission.DynamicSharedParameter"/>).
/// </summary>
public sealed record GridPhasePlan(string Kernel, IReadOnlyList<string> Phases, long BytesPerThread, long StaticSharedBytesPerBlock,
    bool SavesDynamicShared, SourceLocation FirstGridSync)
{
    /// <summary>Per thread the variables living across a grid barrier, then per block the shared memory that does.</summary>
    public long SpillBytes(long blocks, long threadsPerBlock, long dynamicSharedBytes) =>
        blocks * threadsPerBlock * BytesPerThread + blocks * (StaticSharedBytesPerBlock + (SavesDynamicShared ? dynamicSharedBytes : 0));
}

/// <summary>
/// The module with split kernels in place, and how to launch each; for each kernel with grid barriers that could
/// not be split, where its first grid barrier is and why.
/// </summary>
public sealed record GridSyncFissionResult(CheckedModule Module, IReadOnlyDictionary<string, GridPhasePlan> Plans,
    IReadOnlyDictionary<string, (SourceLocation At, string Why)> Refusals);

/// <summary>
/// Grid barriers for targets without one (OpenCL: no barrier across work-groups, no promise that all of them are
/// resident). A kernel whose <c>grid.sync()</c>s sit at the top level of its body (after synchronizing device
/// functions are inlined) becomes one kernel per stretch between them, launched in order: the end of a kernel
/// is a barrier for the whole grid. What lives across a grid barrier is kept in a spill buffer: each thread's
/// variables used on both sides, and each block's shared variables used on both sides (CUDA keeps shared memory
/// through <c>grid.sync()</c>), copied out after a block barrier and back in before one.
/// <para>
/// A kernel is left whole — and the target reports its grid barrier — when a grid barrier is inside a branch or
/// loop (the phases would need the host to decide the control flow), when a thread may return before the last
/// grid barrier, or when a value crossing one cannot be kept in global memory: a local array, a pointer that
/// may point at shared or private memory (another kernel's shared memory is not the same).
/// </para>
/// </summary>
public static class GridSyncFission
{
    public const string SpillParameter = "__grid_spill";
    public const string DynamicSharedParameter = "__grid_dynamic_shared";
    private const string Prefix = "__grid_";

    public static GridSyncFissionResult Run(CheckedModule module)
    {
        var plans = new Dictionary<string, GridPhasePlan>();
        var refusals = new Dictionary<string, (SourceLocation, string)>();
        var users = IrTraversal.FunctionsUsing(module.Module.Functions.Where(f => f.Body is not null), e => e is GridSyncExpr);
        if (!module.Kernels.Any(users.Contains)) return new(module, plans, refusals);
        CheckedModule inlined;
        try { inlined = Inliner.InlineSynchronizingCalls(module); }
        catch (DiagnosticException) { return new(module, plans, refusals); }

        var phases = new Dictionary<string, List<FunctionDef>>();
        foreach (var k in inlined.Kernels)
        {
            if (!users.Any(u => u.Name == k.Name && u.IsKernel) || k.Body is null) continue;
            var split = new KernelSplit(k, inlined);
            if (split.Split() is { } done)
            {
                plans[k.Name] = done.Plan;
                phases[k.Name] = done.Phases;
            }
            else refusals[k.Name] = (FirstGridSync(k.Body), split.Refusal ?? "it could not be split");
        }
        if (plans.Count == 0) return new(module, plans, refusals);

        // The split kernels' phases follow them; each original stays, emptied, for host code launching it by name (the
        // target emits the phases in its place). Everything else stays as it was (not inlined).
        var definitions = new List<Definition>();
        foreach (var d in module.Module.Definitions)
        {
            if (d is FunctionDef { IsKernel: true } k && phases.TryGetValue(k.Name, out var list))
            {
                definitions.Add(new FunctionDef(k.Location, k.Kind, k.Name, k.ReturnType, k.Parameters, new Block(k.Location, [])));
                definitions.AddRange(list);
            }
            else definitions.Add(d);
        }
        var rewritten = new IrModule(module.Module.File, definitions) { Head = module.Module.Head };
        try
        {
            return new(TypeChecker.Recheck(IrParser.ParseText(IrPrinter.Print(rewritten), module.Module.File), module), plans, refusals);
        }
        catch (DiagnosticException e)
        {
            // A split this pass should not have made (e.g. two declarations it put side by side): the kernels stay whole,
            // and the target reports their grid barriers with the reason.
            foreach (var k in plans.Keys)
                refusals[k] = (plans[k].FirstGridSync, $"the split kernels did not check ({e.Diagnostics[0].Message})");
            return new(module, new Dictionary<string, GridPhasePlan>(), refusals);
        }
    }

    /// <summary>The source place of the first grid barrier: the last <c>loc</c> before it.</summary>
    private static SourceLocation FirstGridSync(Block body)
    {
        var at = SourceLocation.None;
        foreach (var s in IrTraversal.Statements(body))
        {
            if (s is LocStmt l) at = l.Source;
            else if (IrTraversal.TopExpressions(s).SelectMany(IrTraversal.Descendants).FirstOrDefault(x => x is GridSyncExpr) is { } g)
                return at.IsNone ? g.Location : at;
        }
        return at;
    }

    private sealed record Split(GridPhasePlan Plan, List<FunctionDef> Phases);

    private sealed class KernelSplit(FunctionDef kernel, CheckedModule module)
    {
        private readonly Dictionary<Symbol, SortedSet<int>> _uses = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Symbol, SharedDef> _declaredShared = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Symbol, long> _threadOffset = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Symbol, long> _blockOffset = new(ReferenceEqualityComparer.Instance);
        private SortedSet<int> _dynamicUses = [];
        /// <summary>Locals computed again in each later phase instead of kept, with the one assignment that sets them, in order.</summary>
        private readonly Dictionary<Symbol, SetStmt> _recomputed = new(ReferenceEqualityComparer.Instance);

        /// <summary>Why <see cref="Split"/> gave null, for the target's diagnostic.</summary>
        public string? Refusal { get; private set; }

        private Split? Refuse(string why)
        {
            Refusal = why;
            return null;
        }

        public Split? Split()
        {
            if (kernel.Symbols.Any(s => s.Name.StartsWith(Prefix, StringComparison.Ordinal)))
                return Refuse($"the kernel has its own names starting with {Prefix}");
            var segments = Segments(kernel.Body!.Statements);
            if (segments is null || segments.Count == 1)
                return Refuse("a grid.sync() is inside a branch or loop (the host would have to decide which kernel runs next)");
            // A thread returning before the last grid barrier would have to be remembered as gone.
            if (segments.Take(segments.Count - 1).Any(seg => seg.Any(s => IrTraversal.Statements(s).Any(x => x is ReturnStmt))))
                return Refuse("a thread may return before the last grid.sync()");

            for (int i = 0; i < segments.Count; i++) CollectUses(segments[i], i);
            // Every dynamic shared array starts at the same address: one memory, kept through a grid barrier when any
            // of them is used on both sides (inlined copies of one function's extern __shared__ array are several).
            _dynamicUses = new SortedSet<int>(_uses.Where(u => u.Key.Definition is SharedDef { IsDynamic: true }).SelectMany(u => u.Value));
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
            return new Split(new GridPhasePlan(kernel.Name, names2, perThread, perBlock, savesDynamic, FirstGridSync(kernel.Body!)), phases);
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
                            if (sh.Definition is SharedDef { IsDynamic: true } || module.SharedVariables.Contains(sh)) Use(sh);
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

        private bool Assigned(Symbol s) =>
            IrTraversal.Statements(kernel.Body!).OfType<SetStmt>().Any(x => ReferenceEquals(x.Symbol, s))
            || IrTraversal.Descendants(kernel.Body!).OfType<PtrToExpr>().Any(p => ReferenceEquals(p.Symbol, s));

        /// <summary>
        /// The crossing locals set once, at the top level of the phase declaring them, from values every later phase can
        /// compute again (literals, thread and block indices, unchanged parameters, other such locals, pure arithmetic):
        /// indices like <c>gid = blockIdx.x * blockDim.x + threadIdx.x</c>. Computing them again costs less than keeping
        /// them, and a value a later phase loads from memory is no longer known to be the same across the block, which
        /// the uniformity of barriers and warp operations there may depend on.
        /// </summary>
        private void FindRecomputed(List<List<Stmt>> segments, List<Symbol> crossing)
        {
            var sets = IrTraversal.Statements(kernel.Body!).OfType<SetStmt>().ToList();
            var addressed = new HashSet<Symbol>(IrTraversal.Descendants(kernel.Body!).OfType<PtrToExpr>().Select(p => p.Symbol), ReferenceEqualityComparer.Instance);
            foreach (var segment in segments)
                foreach (var set in segment.OfType<SetStmt>())
                {
                    var v = set.Symbol;
                    if (v.Kind != SymbolKind.Local || !crossing.Contains(v) || addressed.Contains(v) || v.Type is not (ScalarType or PointerType)) continue;
                    if (!ReferenceEquals(segments[_uses[v].Min], segment) || sets.Count(x => ReferenceEquals(x.Symbol, v)) != 1) continue;
                    if (Recomputable(set.Value, sets, addressed)) _recomputed[v] = set;
                }
        }

        private bool Recomputable(Expr e, List<SetStmt> sets, HashSet<Symbol> addressed) => e switch
        {
            IntLit or FloatLit or BoolLit or NullLit or SpecialRegisterExpr => true,
            VarRef { Symbol.Kind: SymbolKind.Parameter } v => !addressed.Contains(v.Symbol) && !sets.Any(x => ReferenceEquals(x.Symbol, v.Symbol)),
            VarRef { Symbol.Kind: SymbolKind.Local } v => _recomputed.ContainsKey(v.Symbol),
            BinaryExpr b => Recomputable(b.Left, sets, addressed) && Recomputable(b.Right, sets, addressed),
            UnaryExpr u => Recomputable(u.Operand, sets, addressed),
            CastExpr c => Recomputable(c.Operand, sets, addressed),
            SelectExpr x => Recomputable(x.Condition, sets, addressed) && Recomputable(x.IfTrue, sets, addressed) && Recomputable(x.IfFalse, sets, addressed),
            _ => false,
        };

        /// <summary>Whether the value can be kept in global memory between kernels.</summary>
        private bool Keepable(Symbol s)
        {
            if (s.Kind == SymbolKind.Shared || s.Type is not PointerType) return true;
            // A pointer whose address is taken may be set through it; otherwise every value it is set to must be global.
            if (IrTraversal.Descendants(kernel.Body!).OfType<PtrToExpr>().Any(p => ReferenceEquals(p.Symbol, s))) return false;
            return IrTraversal.Statements(kernel.Body!).OfType<SetStmt>().Where(x => ReferenceEquals(x.Symbol, s))
                .All(x => PointsOutsideGlobal(x.Value, []) is false);
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
                        if (IrTraversal.Descendants(kernel.Body!).OfType<PtrToExpr>().Any(p => ReferenceEquals(p.Symbol, v.Symbol))) return true;
                        foreach (var set in IrTraversal.Statements(kernel.Body!).OfType<SetStmt>().Where(y => ReferenceEquals(y.Symbol, v.Symbol)))
                            if (PointsOutsideGlobal(set.Value, visiting)) return true;
                        break;
                }
            }
            return false;
        }

        private FunctionDef Phase(string name, int index, int count, List<Stmt> segment, List<Symbol> crossing, bool savesDynamic,
            long perThread, long perBlock)
        {
            var at = kernel.Location;
            // A recomputed local is needed wherever a local computed from it is.
            var used = crossing.Where(s => _uses[s].Contains(index)).ToList();
            for (bool grew = true; grew;)
            {
                grew = false;
                foreach (var set in _recomputed.Values.Where(x => used.Contains(x.Symbol)).ToList())
                    foreach (var v in IrTraversal.Descendants(set.Value).OfType<VarRef>())
                        if (_recomputed.ContainsKey(v.Symbol) && !used.Contains(v.Symbol)) { used.Add(v.Symbol); grew = true; }
            }
            var before = new StringBuilder();
            var after = new StringBuilder();
            const string threadsPerBlock = "(zext (mul (mul [bdim.x] [bdim.y]) [bdim.z]) int64)";
            const string threadInBlock = "(zext (add (mul (add (mul [tid.z] [bdim.y]) [tid.y]) [bdim.x]) [tid.x]) int64)";
            const string blockInGrid = "(zext (add (mul (add (mul [bid.z] [gdim.y]) [bid.y]) [gdim.x]) [bid.x]) int64)";
            const string blocks = "(zext (mul (mul [gdim.x] [gdim.y]) [gdim.z]) int64)";
            string dynamicBytes = savesDynamic ? DynamicSharedParameter : "(int64 0)";
            const string dynamicName = Prefix + "dynamic";

            // Declarations this phase needs from earlier ones (inlined copies of one dynamic shared array, all at the same
            // address, are declared once).
            var declarations = new HashSet<string>();
            foreach (var s in used.Where(s => _uses[s].Min < index))
            {
                if (s.Kind == SymbolKind.Shared && _declaredShared.TryGetValue(s, out var def))
                {
                    if (declarations.Add($"(define-shared {def.Name} {def.Type})\n")) before.Append($"(define-shared {def.Name} {def.Type})\n");
                }
                else if (s.Kind == SymbolKind.Local)
                    before.Append($"(declare {s.Name} {s.Type})\n");
            }
            string Slot(Symbol s) => $"(bitcast (ptradd {SpillParameter} (add (mul {Prefix}thread (int64 {perThread})) (int64 {_threadOffset[s]}))) (ptr {s.Type}))";
            // An array's bytes from its first element's address (a dynamic array has no other), anything else's from its own.
            string Copy(string variable, bool isArray, string size, long offset, bool save)
            {
                string spill = $"(ptradd {SpillParameter} (add {Prefix}block (add (int64 {offset}) {Prefix}k)))";
                string start = isArray ? $"(aptradd {variable} 0)" : $"(ptr-to {variable})";
                string shared = $"(ptradd (bitcast {start} (ptr int8)) {Prefix}k)";
                string store = save ? $"(store {spill} (load {shared}))" : $"(store {shared} (load {spill}))";
                return $"(for ((set {Prefix}k {threadInBlock}) (lt {Prefix}k {size}) (set {Prefix}k (add {Prefix}k {threadsPerBlock}))) {store})\n";
            }
            string CopyStatic(Symbol s, bool save) => Copy(s.Name, s.Type is ArrayType, $"(int64 {module.Layout.SizeOf(s.Type)})", _blockOffset[s], save);
            string CopyDynamic(bool save) => Copy(dynamicName, true, DynamicSharedParameter, perBlock, save);
            bool dynamicIn = savesDynamic && _dynamicUses.Contains(index) && index > _dynamicUses.Min;
            bool dynamicOut = savesDynamic && _dynamicUses.Contains(index) && index < _dynamicUses.Max;
            if (dynamicIn || dynamicOut) before.Append($"(define-shared {dynamicName} (arr 0 int8))\n");
            bool Sized(Symbol s) => s.Kind == SymbolKind.Shared || module.Layout.SizeOf(s.Type) > 0;
            bool Kept(Symbol s) => s.Kind != SymbolKind.Shared ? !_recomputed.ContainsKey(s) : _blockOffset.ContainsKey(s);

            var restored = used.Where(s => _uses[s].Min < index && Sized(s) && Kept(s)).ToList();
            var saved = index < count - 1 ? used.Where(s => _uses[s].Max > index && Sized(s) && Kept(s)).ToList() : [];
            // Where this thread's and this block's records are in the spill buffer.
            if (restored.Concat(saved).Any(s => s.Kind != SymbolKind.Shared))
                before.Append($"(declare {Prefix}thread int64)\n(set {Prefix}thread (add (mul {blockInGrid} {threadsPerBlock}) {threadInBlock}))\n");
            if (restored.Concat(saved).Any(s => s.Kind == SymbolKind.Shared) || dynamicIn || dynamicOut)
                before.Append($"(declare {Prefix}block int64)\n(set {Prefix}block (add (mul (mul {blocks} {threadsPerBlock}) (int64 {perThread})) " +
                              $"(mul {blockInGrid} (add (int64 {perBlock}) {dynamicBytes}))))\n(declare {Prefix}k int64)\n");
            var sharedIn = restored.Where(s => s.Kind == SymbolKind.Shared).ToList();
            foreach (var s in sharedIn) before.Append(CopyStatic(s, save: false));
            if (dynamicIn) before.Append(CopyDynamic(save: false));
            if (sharedIn.Count > 0 || dynamicIn) before.Append("[__syncthreads]\n");
            foreach (var s in restored.Where(s => s.Kind != SymbolKind.Shared)) before.Append($"(set {s.Name} (load {Slot(s)}))\n");

            {
                foreach (var s in saved.Where(s => s.Kind != SymbolKind.Shared)) after.Append($"(store {Slot(s)} {s.Name})\n");
                var sharedOut = saved.Where(s => s.Kind == SymbolKind.Shared).ToList();
                if (sharedOut.Count > 0 || dynamicOut) after.Append("[__syncthreads]\n");
                foreach (var s in sharedOut) after.Append(CopyStatic(s, save: true));
                if (dynamicOut) after.Append(CopyDynamic(save: true));
            }

            var statements = new List<Stmt>();
            statements.AddRange(Snippet(before.ToString()));
            if (index > 0) statements.AddRange(_recomputed.Values.Where(x => used.Contains(x.Symbol) && _uses[x.Symbol].Min < index));
            statements.AddRange(segment);
            statements.AddRange(Snippet(after.ToString()));
            var parameters = kernel.Parameters.ToList();
            parameters.Add(new Parameter(SpillParameter, IrType.BytePtr, at));
            parameters.Add(new Parameter(DynamicSharedParameter, IrType.Int64, at));
            return new FunctionDef(at, FunctionKind.Kernel, name, kernel.ReturnType, parameters, new Block(at, statements));
        }

        /// <summary>Statements written as IR text, parsed (names are resolved when the module is checked again).</summary>
        private static IReadOnlyList<Stmt> Snippet(string text) =>
            text.Length == 0 ? [] : IrParser.ParseText($"(c-lisp (define ((__snippet void)) {text}))").Functions.First().Body!.Statements;
    }
}
