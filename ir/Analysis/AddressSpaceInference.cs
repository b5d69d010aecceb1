using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Analysis;

/// <summary>What <see cref="AddressSpaceInference"/> found: the kernels and every clone they call.</summary>
public sealed class AddressSpacePlan(IReadOnlyList<FunctionInstance> kernels, IReadOnlyList<FunctionInstance> instances,
    IReadOnlyList<Diagnostic> diagnostics)
{
    public IReadOnlyList<FunctionInstance> Kernels { get; } = kernels;

    /// <summary>Every reachable instance, callees before their callers (the order C needs).</summary>
    public IReadOnlyList<FunctionInstance> Instances { get; } = instances;

    /// <summary>TR0501/TR0502 errors of reachable code.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>
    /// The reachable instances that call themselves, directly or through others (one per cycle: the first reached).
    /// Targets without recursion (OpenCL C, SPIR-V kernels) refuse these; <see cref="Instances"/> cannot put a cycle's
    /// callees first.
    /// </summary>
    public IReadOnlyList<FunctionInstance> Recursive { get; init; } = [];

    /// <summary>The spaces of struct types' pointer fields, when the target declares them (null: every one is global).</summary>
    public FieldSpaces? Fields { get; init; }
}

/// <summary>
/// Gives every pointer of device code a concrete address space, for targets with no generic one
/// (OpenCL 1.2). Spaces flow from their sources — kernel pointer parameters are global, shared
/// variables local, <c>__constant__</c> globals constant, addresses of locals and <c>alloc</c> private,
/// pointers loaded from memory global — through variables (a fixpoint over assignments), calls and
/// returns. A device function is analyzed once per combination of its arguments' spaces and cloned
/// for each. A variable that may hold pointers into two spaces gets TR0501 at the assignment that
/// adds the second; a non-global pointer written to memory gets TR0502 — except, with
/// <c>fieldSpaces</c>, into a struct's pointer field whose stores all agree on one space
/// (<see cref="FieldSpaces"/>), which the target then declares with that space.
/// </summary>
public static class AddressSpaceInference
{
    public static AddressSpacePlan Run(CheckedModule module, IEnumerable<FunctionDef>? roots = null, bool fieldSpaces = false)
    {
        var rootList = (roots ?? module.Kernels).ToList();
        var fields = fieldSpaces ? new FieldSpaces(module.Layout) : null;
        // Kernel parameters by value were written by host code.
        foreach (var p in rootList.SelectMany(k => k.Parameters)) fields?.MarkOpaque(p.Type);
        Instances run;
        List<FunctionInstance> kernels;
        // A field's spaces come from stores anywhere, so the whole inference runs again until no field's set grows.
        do
        {
            fields?.StartRound();
            run = new Instances(fields);
            kernels = rootList.Select(k => run.Instance(k, k.Parameters.Select(KernelParameterSpace).ToList())).ToList();
        } while (fields is { Changed: true });
        var order = new List<FunctionInstance>();
        var seen = new HashSet<FunctionInstance>();
        var recursive = new List<FunctionInstance>();
        foreach (var k in kernels) PostOrder(k, seen, [], order, recursive);
        NameClones(order);
        var diagnostics = order.SelectMany(i => i.Diagnostics).Distinct().ToList();
        return new AddressSpacePlan(kernels, order, diagnostics) { Recursive = recursive, Fields = fields };
    }

    private static MemorySpace? KernelParameterSpace(Parameter p) =>
        p.Type is PointerType pt ? MemorySpaces.FromIr(pt.AddressSpace) ?? MemorySpace.Global : null;

    /// <summary>Callees before callers; a call of an instance still on the walk's <paramref name="path"/> closes a cycle.</summary>
    private static void PostOrder(FunctionInstance f, HashSet<FunctionInstance> seen, HashSet<FunctionInstance> path,
        List<FunctionInstance> order, List<FunctionInstance> recursive)
    {
        if (!seen.Add(f))
        {
            if (path.Contains(f) && !recursive.Contains(f)) recursive.Add(f);
            return;
        }
        path.Add(f);
        foreach (var c in f.CalledInstances) PostOrder(c, seen, path, order, recursive);
        path.Remove(f);
        order.Add(f);
    }

    /// <summary>A function with one instance keeps its name; clones are suffixed with their pointer parameters' spaces.</summary>
    private static void NameClones(List<FunctionInstance> order)
    {
        foreach (var group in order.GroupBy(i => i.Function).Where(g => g.Count() > 1))
            foreach (var i in group)
                i.Name = i.Function.Name + "_" + string.Join("_", i.ParameterSpaces.OfType<MemorySpace>().Select(s => s.ToString().ToLowerInvariant()));
    }

    private sealed class Instances(FieldSpaces? fields)
    {
        public FieldSpaces? Fields { get; } = fields;

        private readonly Dictionary<(FunctionDef, string), FunctionInstance> _instances = [];

        public FunctionInstance Instance(FunctionDef f, IReadOnlyList<MemorySpace?> spaces)
        {
            var key = (f, string.Join(",", spaces.Select(s => s?.ToString() ?? "-")));
            if (_instances.TryGetValue(key, out var existing)) return existing;
            var inst = new FunctionInstance(f, spaces);
            _instances[key] = inst;
            new Analyzer(this, inst).Analyze();
            return inst;
        }
    }

    /// <summary>The fixpoint over one instance's body.</summary>
    private sealed class Analyzer(Instances run, FunctionInstance inst)
    {
        private readonly Dictionary<Symbol, SpaceSet> _symbols = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Symbol, SourceLocation> _conflictAt = new(ReferenceEqualityComparer.Instance);
        // In the reporting pass: the spaces assigned so far in program order, so a conflict is reported where it starts.
        private readonly Dictionary<Symbol, SpaceSet> _seen = new(ReferenceEqualityComparer.Instance);
        private bool _changed;
        private bool _final;

        public void Analyze()
        {
            var f = inst.Function;
            for (int i = 0; i < f.Parameters.Count; i++)
                if (inst.ParameterSpaces[i] is { } s && i < f.Symbols.Count) _symbols[f.Symbols[i]] = MemorySpaces.Of(s);
            if (f.Body is null) { inst.Analyzed = true; return; }
            // Sets only grow and have four bits, so this settles in a few rounds.
            do
            {
                _changed = false;
                Walk(f.Body);
            } while (_changed);
            _final = true;
            for (int i = 0; i < f.Parameters.Count; i++)
                if (inst.ParameterSpaces[i] is { } s && i < f.Symbols.Count) _seen[f.Symbols[i]] = MemorySpaces.Of(s);
            Walk(f.Body);
            foreach (var (sym, set) in _symbols)
                inst.SymbolSpaces[sym] = Resolve(set);
            inst.ReturnSpace = f.ReturnType is PointerType ? Resolve(inst.ReturnSet) : null;
            inst.Analyzed = true;
        }

        private static MemorySpace Resolve(SpaceSet set) =>
            MemorySpaces.Single(set) ?? (set.HasFlag(SpaceSet.Global) || set == SpaceSet.None ? MemorySpace.Global
                : Enum.GetValues<MemorySpace>().First(s => set.HasFlag(MemorySpaces.Of(s))));

        private void Walk(Stmt s)
        {
            switch (s)
            {
                case SetStmt set:
                {
                    var v = Eval(set.Value);
                    if (set.Symbol.Type is PointerType) Join(set.Symbol, v, set.Value.Location);
                    break;
                }
                case ReturnStmt { Value: { } v }:
                {
                    var r = Eval(v);
                    if (inst.Function.ReturnType is PointerType)
                    {
                        var joined = inst.ReturnSet | r;
                        if (_final && MemorySpaces.Single(joined) is null && joined != SpaceSet.None)
                            Report(Codes.AddressSpaceConflict, v.Location,
                                $"'{inst.Function.Name}' returns pointers into {MemorySpaces.Describe(joined)}; OpenCL 1.2 needs one address space per pointer");
                        if (joined != inst.ReturnSet) { inst.ReturnSet = joined; _changed = true; }
                    }
                    break;
                }
                default:
                    foreach (var e in IrTraversal.TopExpressions(s)) Eval(e);
                    break;
            }
            foreach (var c in IrTraversal.ChildStatements(s)) Walk(c);
        }

        private void Join(Symbol sym, SpaceSet v, SourceLocation at)
        {
            var old = _symbols.GetValueOrDefault(sym);
            var joined = old | v;
            if (joined != old) { _symbols[sym] = joined; _changed = true; }
            if (!_final) return;
            var seen = _seen.GetValueOrDefault(sym) | v;
            _seen[sym] = seen;
            if (MemorySpaces.Single(seen) is null && seen != SpaceSet.None && !_conflictAt.ContainsKey(sym))
            {
                _conflictAt[sym] = at;
                Report(Codes.AddressSpaceConflict, at,
                    $"'{sym.Name}' may point into {MemorySpaces.Describe(joined)}; OpenCL 1.2 has no generic address space, so one pointer variable cannot hold both (use separate variables or functions)");
            }
        }

        private FieldSpaces? Fields => run.Fields;

        /// <summary>A pointer field's address a load or store goes through: where it points, recorded like any pointer's.</summary>
        private void FieldAddress(StructPtrAddExpr s)
        {
            var holder = Eval(s.Pointer);
            if (_final) inst.ExprSpaces[s] = Resolve(holder);
        }

        /// <summary>The struct type and the field type a <c>(sptradd P f)</c> names.</summary>
        private (StructType Struct, IrType Type)? PointerField(StructPtrAddExpr s) =>
            s.Pointer.Type is PointerType { Pointee: StructType st } && Fields!.Layout.FindStruct(st.Name) is { } def && s.FieldIndex >= 0
                ? (st, def.Fields[s.FieldIndex].Type) : null;

        private string FieldName(StructType st, int index) => Fields!.Layout.FindStruct(st.Name)!.Fields[index].Name;

        /// <summary>A pointer read from a field: into the field's one space; global when only null or global pointers were stored.</summary>
        private static SpaceSet Loaded(SpaceSet stored) => stored == SpaceSet.None ? SpaceSet.Global : stored;

        /// <summary>A pointer into <paramref name="value"/>'s spaces written into a struct's pointer field.</summary>
        private void StoreIntoField(StructType holder, string field, SpaceSet value, SourceLocation at)
        {
            if (Fields!.IsOpaque(holder.Name))
            {
                if (_final && MemorySpaces.Single(value) is { } sp && sp != MemorySpace.Global)
                    Report(Codes.NonGlobalPointerInMemory, at,
                        $"a pointer into {MemorySpaces.Describe(sp)} is stored in field '{field}' of '{holder.Name}', whose pointers are taken to be global " +
                        "(its objects are also in global memory or kernel arguments, copied as bytes, or a pointer field's address is kept); " +
                        "OpenCL 1.2 cannot say which space it points into when it is loaded back");
                return;
            }
            if (value == SpaceSet.None) return;
            Fields.Store(holder.Name, field, value);
            if (_final && Fields.Stored(holder.Name, field) is var all && MemorySpaces.Single(all) is null && Fields.FirstConflictReport(holder.Name, field))
                Report(Codes.AddressSpaceConflict, at,
                    $"field '{field}' of '{holder.Name}' is given pointers into {MemorySpaces.Describe(all)}; OpenCL 1.2 declares one address space per field");
        }

        private void Report(DiagnosticCode code, SourceLocation at, string message) =>
            inst.Diagnostics.Add(new Diagnostic(code, at, message));

        /// <summary>The spaces a pointer expression may point into (None for non-pointers); records them once final.</summary>
        private SpaceSet Eval(Expr e)
        {
            var set = Compute(e);
            if (e.Type is PointerType { AddressSpace: not AddressSpace.Generic } pt && MemorySpaces.FromIr(pt.AddressSpace) is { } explicitSpace)
                set = MemorySpaces.Of(explicitSpace);
            // Objects in global or constant memory were (or may be) written by host code: their pointer fields are global.
            if (Fields is not null && e.Type is PointerType { Pointee: StructType or ArrayType } sp && (set & (SpaceSet.Global | SpaceSet.Constant)) != 0)
                Fields.MarkOpaque(sp.Pointee);
            if (_final && e.Type is PointerType)
            {
                if (MemorySpaces.Single(set) is null && set != SpaceSet.None && e is SelectExpr or CondExpr)
                    Report(Codes.AddressSpaceConflict, e.Location,
                        $"this choice yields pointers into {MemorySpaces.Describe(set)}; OpenCL 1.2 needs one address space per pointer");
                inst.ExprSpaces[e] = Resolve(set);
            }
            return set;
        }

        private SpaceSet Compute(Expr e)
        {
            switch (e)
            {
                case VarRef v:
                    return v.Symbol.Type is PointerType
                        ? v.Symbol.Kind is SymbolKind.Parameter or SymbolKind.Local ? _symbols.GetValueOrDefault(v.Symbol) : SpaceSet.Global
                        : SpaceSet.None;
                case NullLit:
                    return SpaceSet.None;
                case StringLit:
                    return SpaceSet.Constant;
                case PtrToExpr p:
                    if (_final && p.Symbol.Type is PointerType && _symbols.TryGetValue(p.Symbol, out var held)
                        && MemorySpaces.Single(held) is { } h && h != MemorySpace.Global)
                        Report(Codes.NonGlobalPointerInMemory, p.Location,
                            $"the address of '{p.Symbol.Name}' is taken, so its value lives in memory, where pointers are global; it holds a pointer into {MemorySpaces.Describe(h)}");
                    return MemorySpaces.Of(FunctionInstance.StorageOf(p.Symbol));
                case AllocExpr a:
                    Eval(a.Count);
                    return SpaceSet.Private;
                case PtrAddExpr p:
                    Eval(p.Index);
                    return Eval(p.Pointer);
                case StructPtrAddExpr s:
                    // The address of a pointer field kept or passed on: stores through it are not seen.
                    if (Fields is not null && PointerField(s) is { } escaped
                        && (escaped.Type is PointerType || escaped.Type is ArrayType && Fields.Layout.ContainsPointer(escaped.Type)))
                        Fields.MarkOpaque(escaped.Struct);
                    return Eval(s.Pointer);
                case LoadExpr { Pointer: StructPtrAddExpr s } when Fields is not null && e.Type is PointerType:
                    FieldAddress(s);
                    return Loaded(Fields.Stored(PointerField(s)!.Value.Struct.Name, s.Field));
                case StoreExpr { Pointer: StructPtrAddExpr s, Value.Type: PointerType } st when Fields is not null:
                {
                    FieldAddress(s);
                    StoreIntoField(PointerField(s)!.Value.Struct, s.Field, Eval(st.Value), st.Location);
                    return SpaceSet.None;
                }
                case ExtractValueExpr { Aggregate.Type: StructType agg } x when Fields is not null && e.Type is PointerType:
                    Eval(x.Aggregate);
                    return Loaded(Fields.Stored(agg.Name, FieldName(agg, x.ResolvedIndex)));
                case InsertValueExpr { Aggregate.Type: StructType agg, Value.Type: PointerType } x when Fields is not null:
                    Eval(x.Aggregate);
                    StoreIntoField(agg, FieldName(agg, x.ResolvedIndex), Eval(x.Value), x.Location);
                    return SpaceSet.None;
                case MakeExpr { AggregateType: StructType agg } m when Fields is not null:
                    for (int i = 0; i < m.Elements.Count; i++)
                    {
                        var element = Eval(m.Elements[i]);
                        if (m.Elements[i].Type is PointerType) StoreIntoField(agg, FieldName(agg, i), element, m.Elements[i].Location);
                    }
                    return SpaceSet.None;
                case ArrayPtrAddExpr a:
                {
                    Eval(a.Index);
                    if (a.Array is VarRef { Symbol.Type: ArrayType } v)
                        return MemorySpaces.Of(FunctionInstance.StorageOf(v.Symbol));
                    return Eval(a.Array);
                }
                case CastExpr c:
                {
                    var inner = Eval(c.Operand);
                    // Seen as another type (copied as bytes, punned), a struct's fields are written where no store names them.
                    if (Fields is not null && c.Operand.Type is PointerType { Pointee: var source } && !(c.Target is PointerType { Pointee: var target } && target == source))
                        Fields.MarkOpaque(source);
                    return c.Op switch
                    {
                        CastOp.Bitcast or CastOp.AddrSpaceCast when c.Operand.Type is PointerType => inner,
                        CastOp.IntToPtr => SpaceSet.Global,
                        _ => e.Type is PointerType ? SpaceSet.Global : SpaceSet.None,
                    };
                }
                case SelectExpr s:
                    Eval(s.Condition);
                    return Eval(s.IfTrue) | Eval(s.IfFalse);
                case CondExpr c:
                    Eval(c.Condition);
                    return Eval(c.IfTrue) | Eval(c.IfFalse);
                case BeginExpr b:
                    Walk(b.Statements);
                    return Eval(b.Result);
                case StoreExpr st:
                {
                    Eval(st.Pointer);
                    var v = Eval(st.Value);
                    if (_final && st.Value.Type is PointerType && MemorySpaces.Single(v) is { } sp && sp != MemorySpace.Global)
                        Report(Codes.NonGlobalPointerInMemory, st.Location,
                            $"a pointer into {MemorySpaces.Describe(sp)} is stored to memory, where pointers are taken to be global; OpenCL 1.2 cannot say which space it points into when it is loaded back");
                    return SpaceSet.None;
                }
                case CallExpr c when c.Target.Function is { IsDeclaration: false } callee:
                {
                    var args = c.Arguments.Select(Eval).ToList();
                    var spaces = new List<MemorySpace?>();
                    for (int i = 0; i < callee.Parameters.Count; i++)
                    {
                        if (callee.Parameters[i].Type is not PointerType pt) { spaces.Add(null); continue; }
                        if (MemorySpaces.FromIr(pt.AddressSpace) is { } fixedSpace) { spaces.Add(fixedSpace); continue; }
                        var set = args[i];
                        if (_final && MemorySpaces.Single(set) is null && set != SpaceSet.None)
                            Report(Codes.AddressSpaceConflict, c.Arguments[i].Location,
                                $"argument {i + 1} of '{callee.Name}' may point into {MemorySpaces.Describe(set)}; it cannot be cloned for one address space");
                        spaces.Add(Resolve(set));
                    }
                    var target = run.Instance(callee, spaces);
                    if (_final) inst.Callees[c] = target;
                    return callee.ReturnType is PointerType ? target.Analyzed ? MemorySpaces.Of(target.ReturnSpace ?? MemorySpace.Global) : target.ReturnSet : SpaceSet.None;
                }
                default:
                    foreach (var op in IrTraversal.Operands(e)) Eval(op);
                    // Pointers read from memory, returned by library functions or rebuilt from integers are global.
                    return e.Type is PointerType ? SpaceSet.Global : SpaceSet.None;
            }
        }
    }
}
