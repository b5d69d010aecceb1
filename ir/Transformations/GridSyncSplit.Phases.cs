using System.Text;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Types;

namespace Translate.Ir.Transformations;

/// <summary>The phase kernels of a split: each stretch with what it needs from earlier ones brought back first and what
/// later ones need kept after it.</summary>
internal sealed partial class GridSyncSplit
{
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
        string dynamicBytes = savesDynamic ? GridSyncFission.DynamicSharedParameter : "(int64 0)";
        const string dynamicName = GridSyncFission.Prefix + "dynamic", thread = GridSyncFission.Prefix + "thread",
            block = GridSyncFission.Prefix + "block", k = GridSyncFission.Prefix + "k", spill = GridSyncFission.SpillParameter;

        // Declarations this phase needs from earlier ones (inlined copies of one dynamic shared array, all at the same
        // address, are declared once).
        var declarations = new HashSet<string>();
        foreach (var s in used.Where(s => _uses[s].Min < index))
        {
            if (s.Kind == SymbolKind.Shared && _declaredShared.TryGetValue(s, out var def))
            {
                var declaration = $"(define-shared {def.Name} {def.Type})\n";
                if (declarations.Add(declaration)) before.Append(declaration);
            }
            else if (s.Kind == SymbolKind.Local)
                before.Append($"(declare {s.Name} {s.Type})\n");
        }
        string Slot(Symbol s) => $"(bitcast (ptradd {spill} (add (mul {thread} (int64 {perThread})) (int64 {_threadOffset[s]}))) (ptr {s.Type}))";
        // An array's bytes from its first element's address (a dynamic array has no other), anything else's from its own.
        string Copy(string variable, bool isArray, string size, long offset, bool save)
        {
            string kept = $"(ptradd {spill} (add {block} (add (int64 {offset}) {k})))";
            string start = isArray ? $"(aptradd {variable} 0)" : $"(ptr-to {variable})";
            string shared = $"(ptradd (bitcast {start} (ptr int8)) {k})";
            string store = save ? $"(store {kept} (load {shared}))" : $"(store {shared} (load {kept}))";
            return $"(for ((set {k} {threadInBlock}) (lt {k} {size}) (set {k} (add {k} {threadsPerBlock}))) {store})\n";
        }
        string CopyStatic(Symbol s, bool save) => Copy(s.Name, s.Type is ArrayType, $"(int64 {module.Layout.SizeOf(s.Type)})", _blockOffset[s], save);
        string CopyDynamic(bool save) => Copy(dynamicName, true, GridSyncFission.DynamicSharedParameter, perBlock, save);
        bool dynamicIn = savesDynamic && _dynamicUses.Contains(index) && index > _dynamicUses.Min;
        bool dynamicOut = savesDynamic && _dynamicUses.Contains(index) && index < _dynamicUses.Max;
        if (dynamicIn || dynamicOut) before.Append($"(define-shared {dynamicName} (arr 0 int8))\n");
        bool Sized(Symbol s) => s.Kind == SymbolKind.Shared || module.Layout.SizeOf(s.Type) > 0;
        bool Kept(Symbol s) => s.Kind != SymbolKind.Shared ? !_recomputed.ContainsKey(s) : _blockOffset.ContainsKey(s);

        var restored = used.Where(s => _uses[s].Min < index && Sized(s) && Kept(s)).ToList();
        var saved = index < count - 1 ? used.Where(s => _uses[s].Max > index && Sized(s) && Kept(s)).ToList() : [];
        // Where this thread's and this block's records are in the spill buffer.
        if (restored.Concat(saved).Any(s => s.Kind != SymbolKind.Shared))
            before.Append($"(declare {thread} int64)\n(set {thread} (add (mul {blockInGrid} {threadsPerBlock}) {threadInBlock}))\n");
        if (restored.Concat(saved).Any(s => s.Kind == SymbolKind.Shared) || dynamicIn || dynamicOut)
            before.Append($"(declare {block} int64)\n(set {block} (add (mul (mul {blocks} {threadsPerBlock}) (int64 {perThread})) " +
                          $"(mul {blockInGrid} (add (int64 {perBlock}) {dynamicBytes}))))\n(declare {k} int64)\n");
        var sharedIn = restored.Where(s => s.Kind == SymbolKind.Shared).ToList();
        foreach (var s in sharedIn) before.Append(CopyStatic(s, save: false));
        if (dynamicIn) before.Append(CopyDynamic(save: false));
        if (sharedIn.Count > 0 || dynamicIn) before.Append("[__syncthreads]\n");
        foreach (var s in restored.Where(s => s.Kind != SymbolKind.Shared)) before.Append($"(set {s.Name} (load {Slot(s)}))\n");

        foreach (var s in saved.Where(s => s.Kind != SymbolKind.Shared)) after.Append($"(store {Slot(s)} {s.Name})\n");
        var sharedOut = saved.Where(s => s.Kind == SymbolKind.Shared).ToList();
        if (sharedOut.Count > 0 || dynamicOut) after.Append("[__syncthreads]\n");
        foreach (var s in sharedOut) after.Append(CopyStatic(s, save: true));
        if (dynamicOut) after.Append(CopyDynamic(save: true));

        var statements = new List<Stmt>();
        statements.AddRange(Snippet(before.ToString()));
        if (index > 0) statements.AddRange(_recomputed.Values.Where(x => used.Contains(x.Symbol) && _uses[x.Symbol].Min < index));
        statements.AddRange(segment);
        statements.AddRange(Snippet(after.ToString()));
        var parameters = kernel.Parameters.ToList();
        parameters.Add(new Parameter(GridSyncFission.SpillParameter, IrType.BytePtr, at));
        parameters.Add(new Parameter(GridSyncFission.DynamicSharedParameter, IrType.Int64, at));
        return new FunctionDef(at, FunctionKind.Kernel, name, kernel.ReturnType, parameters, new Block(at, statements));
    }

    /// <summary>Statements written as IR text, parsed (names are resolved when the module is checked again).</summary>
    private static IReadOnlyList<Stmt> Snippet(string text) =>
        text.Length == 0 ? [] : IrParser.ParseText($"(c-lisp (define ((__snippet void)) {text}))").Functions.First().Body!.Statements;
}
