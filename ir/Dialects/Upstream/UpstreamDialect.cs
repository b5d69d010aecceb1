using System.Text;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Dialects.Upstream;

/// <summary>What <see cref="UpstreamDialect.Write"/> gives: the text (null when anything was refused), every
/// refusal (TR0613, located), and which kernels have an upstream spelling.</summary>
public sealed record UpstreamDialectResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> Kernels, IReadOnlyList<string> RefusedKernels, int HostFunctionsLeftOut);

/// <summary>
/// Writes a checked module's device code in the forms upstream llama.lisp's compiler accepts (c-lisp.py, brilisp.py,
/// llvm.py at the corpus' commit): plain <c>define</c>s, literals made explicit, our extensions lowered to NVVM intrinsic
/// calls and upstream operations where they have an exact spelling, and TR0613 where they do not
/// (docs/ir/upstream-dialect.md). Host code (main, launches, the runtime API) has no upstream form: it is left out.
/// A printer mode rather than an IR pass: the output uses forms (upstream's <c>asm</c> operand order, declared
/// <c>llvm.*</c> intrinsics) that are not our IR, so it is written from the checked tree straight to S-expressions.
/// </summary>
public static partial class UpstreamDialect
{
    public static UpstreamDialectResult Write(CheckedModule program)
    {
        return new Writer(program).Run();
    }

    /// <summary>A construct with no upstream spelling; caught per function and reported as TR0613.</summary>
    private sealed class NoSpelling(SourceLocation at, string message) : Exception(message)
    {
        public SourceLocation At { get; } = at;
    }

    private static readonly SourceLocation None = SourceLocation.None;
    private static SAtom A(string s) => new(s, None);
    private static SList L(params SExpr[] items) => new([.. items], false, None);
    private static SList L(IEnumerable<SExpr> items) => new([.. items], false, None);

    /// <summary>One expression as upstream will type it (<see cref="Type"/> may differ from ours in address space only).</summary>
    private readonly record struct Up(SExpr Form, IrType Type);

    private sealed partial class Writer(CheckedModule program)
    {
        private readonly IrModule _module = program.Module;
        private readonly TypeLayout _layout = program.Layout;
        /// <summary>Declarations of NVVM/LLVM intrinsics used, by name, in first-use order.</summary>
        private readonly Dictionary<string, SExpr> _intrinsics = [];
        /// <summary>Helper functions (bitwise and/or on integers), by name.</summary>
        private readonly Dictionary<string, SExpr> _helpers = [];
        /// <summary>Shared variables declared inside function bodies, hoisted to globals in (addrspace 3).</summary>
        private readonly List<SExpr> _hoistedShared = [];
        private readonly HashSet<string> _sharedNames = [];
        // The parameters and locals of the functions written, which no global may be named as (see Unshadowed).
        private readonly HashSet<string> _localNames = [];
        private readonly Dictionary<Symbol, string> _renamed = [];
        /// <summary>Scalar globals and shared variables whose address device code takes: upstream's ptr-to takes only
        /// locals, so each is written as a one-element array and read, written and addressed through element 0.</summary>
        private readonly HashSet<string> _boxed = [];
        private readonly List<Diagnostic> _diagnostics = [];
        private SourceLocation _cudaLocation = None;
        private FunctionDef _function = null!;
        private int _fresh;

        public UpstreamDialectResult Run()
        {
            var kernels = _module.Functions.Where(f => f.IsKernel && f.Body is not null).ToList();
            var device = DeviceFunctions(kernels);
            foreach (var s in _module.SharedVariables) _sharedNames.Add(s.Name);
            foreach (var f in _module.Functions.Where(f => f.Body is not null && (f.IsKernel || device.Contains(f.Name))))
            {
                foreach (var p in f.Parameters) _localNames.Add(p.Name);
                foreach (var d in Analysis.IrTraversal.Statements(f.Body!).OfType<DeclareStmt>()) _localNames.Add(d.Name);
                foreach (var p in Analysis.IrTraversal.Descendants(f.Body!).OfType<PtrToExpr>())
                    if (p.Symbol.Kind is SymbolKind.Global or SymbolKind.Shared && p.Symbol.Type is not ArrayType) _boxed.Add(p.Name);
            }
            var written = new Dictionary<string, SExpr?>();
            foreach (var f in _module.Functions.Where(f => f.Body is not null && (f.IsKernel || device.Contains(f.Name))))
                written[f.Name] = Function(f);

            var variables = new List<SExpr>();
            var refusedVariables = new HashSet<string>();
            void Variable(string name, SourceLocation at, Func<SExpr> write)
            {
                try { variables.Add(write()); }
                catch (NoSpelling e)
                {
                    refusedVariables.Add(name);
                    _diagnostics.Add(new(Codes.NoUpstreamSpelling, e.At.IsNone ? at : e.At, $"'{name}': {e.Message}"));
                }
            }
            foreach (var g in _module.Globals.Where(g => g.AddressSpace != AddressSpace.Generic || UsedByDevice(g.Name, device, kernels)))
                Variable(g.Name, g.Location, () => Global(Unshadowed(g.Name, g.Location, g)));
            foreach (var s in _module.SharedVariables) Variable(s.Name, s.Location, () => Shared(Unshadowed(s.Name, s.Location, s.Name), s.Type, s.Location));

            var refused = kernels.Where(k => Callees(k).Any(n => written.GetValueOrDefault(n) is null)
                    || refusedVariables.Count > 0 && UsesAny(k, refusedVariables))
                .Select(k => k.Name).ToList();
            int hostLeftOut = _module.Functions.Count(f => f.Body is not null && !f.IsKernel && !device.Contains(f.Name));
            var names = kernels.Select(k => k.Name).ToList();
            // The kernels that have a spelling are written even when others are not (those are reported), so one
            // kernel without an upstream form does not cost a file its others.
            var kept = kernels.Where(k => !refused.Contains(k.Name)).ToList();
            var reached = kept.SelectMany(Callees).ToHashSet();
            if (_diagnostics.Count > 0 && kept.Count == 0)
                return new(null, _diagnostics, names, refused, hostLeftOut);

            var forms = new List<SExpr>();
            foreach (var s in _module.Structs.Where(s => s.Fields.Count > 0))
            {
                // Every struct is written; one without a spelling (a vector field) refuses the file, as a kernel
                // written without it could name it.
                try { forms.Add(Struct(s)); }
                catch (NoSpelling e)
                {
                    _diagnostics.Add(new(Codes.NoUpstreamSpelling, e.At.IsNone ? s.Location : e.At, $"struct '{s.Name}': {e.Message}"));
                    return new(null, _diagnostics, names, names, hostLeftOut);
                }
            }
            forms.AddRange(variables);
            forms.AddRange(_hoistedShared);
            forms.AddRange(_intrinsics.Values);
            forms.AddRange(_helpers.Values);
            foreach (var f in _module.Functions.Where(f => f.Body is not null && !f.IsKernel && reached.Contains(f.Name)))
                forms.Add(Prototype(f));
            forms.AddRange(written.Where(w => reached.Contains(w.Key)).Select(w => w.Value!));

            var text = new StringBuilder();
            text.Append("; upstream llama.lisp (translate --dialect upstream); kernels: ").Append(string.Join(' ', kept.Select(k => k.Name))).Append('\n');
            text.Append("(c-lisp");
            foreach (var form in forms)
            {
                text.Append("\n  ");
                SExprWriter.Write(text, form, 2);
            }
            text.Append(")\n");
            return new(text.ToString(), _diagnostics, names, refused, hostLeftOut);
        }

        /// <summary>Functions with bodies reached by calls from the kernels.</summary>
        private HashSet<string> DeviceFunctions(IEnumerable<FunctionDef> kernels)
        {
            var seen = new HashSet<string>();
            foreach (var k in kernels)
                foreach (var n in Callees(k))
                    if (n != k.Name) seen.Add(n);
            return seen;
        }

        /// <summary>The function and every function with a body it calls, transitively.</summary>
        private IEnumerable<string> Callees(FunctionDef root)
        {
            var seen = new HashSet<string> { root.Name };
            var work = new Stack<FunctionDef>([root]);
            while (work.TryPop(out var f))
                foreach (var call in Calls(f))
                    if (_module.FindFunction(call) is { Body: not null } g && seen.Add(g.Name)) work.Push(g);
            return seen;
        }

        private static IEnumerable<string> Calls(FunctionDef f) =>
            f.Body is null ? [] : Analysis.IrTraversal.Descendants(f.Body).OfType<CallExpr>().Select(c => c.Function);

        /// <summary>Whether the kernel or a function it calls names one of <paramref name="variables"/>.</summary>
        private bool UsesAny(FunctionDef kernel, HashSet<string> variables) =>
            Callees(kernel).Select(n => _module.FindFunction(n)!).Where(f => f.Body is not null)
                .Any(f => Analysis.IrTraversal.Descendants(f.Body!).Any(e => e is VarRef v && variables.Contains(v.Name) || e is PtrToExpr p && variables.Contains(p.Name)));

        private bool UsedByDevice(string global, HashSet<string> device, List<FunctionDef> kernels) =>
            kernels.Concat(_module.Functions.Where(f => device.Contains(f.Name) && f.Body is not null))
                .Any(f => Analysis.IrTraversal.Descendants(f.Body!).Any(e => e is VarRef v && v.Name == global || e is PtrToExpr p && p.Name == global));

        private SExpr? Function(FunctionDef f)
        {
            _function = f;
            _cudaLocation = None;
            try
            {
                var head = f.Kind == FunctionKind.Inline ? "define-inline" : "define";
                var signature = L(new SExpr[] { L(A(f.Name), Type(f.ReturnType, f.Location)) }
                    .Concat(f.Parameters.Select(p => L(A(p.Name), Type(p.Type, p.Location)))));
                var body = Statements(f.Body!.Statements).ToList();
                if (body.Count == 0) body.Add(L(A("ret")));
                return L(new SExpr[] { A(head), signature }.Concat(body));
            }
            catch (NoSpelling e)
            {
                var users = _module.Functions.Where(k => k.IsKernel && Callees(k).Contains(f.Name)).Select(k => k.Name);
                string who = f.IsKernel ? $"kernel '{f.Name}'" : $"'{f.Name}' (used by kernel {string.Join(", ", users)})";
                _diagnostics.Add(new(Codes.NoUpstreamSpelling, e.At, $"{who}: {e.Message}"));
                return null;
            }
        }

        private SExpr Prototype(FunctionDef f) =>
            L(A("define"), L(new SExpr[] { L(A(f.Name), Type(f.ReturnType, f.Location)) }
                .Concat(f.Parameters.Select(p => L(A(p.Name), Type(p.Type, p.Location))))));

        /// <summary>A struct with fields (an empty one is refused where it is used, <see cref="Type"/>).</summary>
        private SExpr Struct(StructDef s) =>
            L(new SExpr[] { A("define-struct"), A(s.Name) }.Concat(s.Fields.Select(f => L(A(f.Name), Type(f.Type, f.Location)))));

        /// <summary>Upstream takes one option per global: an initialized <c>__device__</c> or <c>__constant__</c> variable
        /// is written with its <c>const</c> in address space 0, which NVPTX places in global memory (reads see the same
        /// values; a constant one is only read); so is every <c>__device__</c> variable (see below).</summary>
        private SExpr Global(GlobalDef g)
        {
            bool boxed = _boxed.Contains(g.Name);
            var type = boxed ? new ArrayType(1, g.Type) : g.Type;
            var items = new List<SExpr> { A("define-global"), L(A(g.Name), Type(type, g.Location)) };
            if (g.PointsTo is not null) Refuse(g.Location, $"global '{g.Name}' initialized with the address of another global");
            if (g.Initializer is not null)
            {
                var value = Constant(g.Initializer, g.Type, g.Location);
                items.Add(L(A("const"), boxed ? L(value) : value));
            }
            // A __device__ variable stays in address space 0, which NVPTX places in global memory too: upstream's llvm.py
            // marks every load through an (addrspace 1) pointer invariant (ld.global.nc), wrong for a variable kernels write.
            else if (g.AddressSpace is not (AddressSpace.Generic or AddressSpace.Global)) items.Add(L(A("addrspace"), A(g.AddressSpace.ToString())));
            return L(items);
        }

        /// <summary>Upstream's llvm.py reads and stores a global for any variable of the same name, parameters and locals
        /// included: a module variable whose name a device function's local or parameter also has is refused.</summary>
        private T Unshadowed<T>(string name, SourceLocation at, T variable) => _localNames.Contains(name)
            ? throw new NoSpelling(at, $"a local variable or parameter is also named '{name}' (upstream's llvm.py reads and stores the global for both)")
            : variable;

        /// <summary>A shared variable as upstream's (addrspace 3) global; <paramref name="original"/> is its name in the IR when
        /// it was renamed on hoisting (whether it is boxed was decided by that name).</summary>
        private SExpr Shared(string name, IrType type, SourceLocation at, string? original = null)
        {
            if (type is ArrayType { Length: 0 })
                Refuse(at, $"dynamic shared memory ('{name}', extern __shared__): upstream defines every global, so it has no size set at launch");
            var written = _boxed.Contains(original ?? name) ? new ArrayType(1, type) : type;
            return L(A("define-global"), L(A(name), Type(written, at)), L(A("addrspace"), A("3")));
        }

        private SExpr Constant(Model.Constant c, IrType type, SourceLocation at) => c switch
        {
            IntConstant i when type.IsInteger => A(Wrap(i.Value, type.Bits).ToString()),
            FloatConstant f when type.IsFloat => A(FloatDigits(f.Value, type)),
            BoolConstant b => A(b.Value ? "#t" : "#f"),
            ListConstant l when type is ArrayType a => L(l.Items.Select(x => Constant(x, a.Element, at))
                .Concat(Enumerable.Repeat(ZeroConstant(a.Element, at), (int)Math.Max(0, a.Length - l.Items.Count)))),
            ListConstant l when type is StructType s && _layout.FindStruct(s.Name) is { } def =>
                L(l.Items.Select((x, n) => Constant(x, def.Fields[n].Type, at))),
            _ => throw new NoSpelling(at, $"this initializer of a {type} global"),
        };

        private SExpr ZeroConstant(IrType type, SourceLocation at) => type switch
        {
            _ when type.IsInteger => A("0"),
            _ when type.IsFloat => A("0.0"),
            _ when type.IsBool => A("#f"),
            _ => throw new NoSpelling(at, $"a partial initializer of a {type} array"),
        };

        private static void Refuse(SourceLocation at, string what) => throw new NoSpelling(at, what);

        private SourceLocation At(Node n) => !_cudaLocation.IsNone ? _cudaLocation : n.Location;

        private string Fresh(string stem) => $"tr_{stem}_{_fresh++}";

        /// <summary>Declares an intrinsic (once) and returns its name.</summary>
        private string Intrinsic(string name, IrType ret, params IrType[] parameters)
        {
            if (!_intrinsics.ContainsKey(name))
                _intrinsics[name] = L(A("define"), L(new SExpr[] { L(A(name), Type(ret, None)) }
                    .Concat(parameters.Select((p, i) => L(A($"a{i}"), Type(p, None))))));
            return name;
        }
    }
}
