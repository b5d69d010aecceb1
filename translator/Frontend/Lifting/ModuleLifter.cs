using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Lifts a translation unit: every kernel of the main file and <c>main</c> are roots; the functions,
/// globals and structs they use are lifted on demand (templates through their instantiations). A
/// function that cannot be lifted exactly is left out with a diagnostic, and so is every function
/// that uses it.
/// </summary>
internal sealed partial class ModuleLifter
{
    private readonly SourceMap _source;
    private readonly DiagnosticBag _bag;
    private readonly Dictionary<Cursor, PendingFunction> _functions = [];
    private readonly Queue<PendingFunction> _work = new();
    private readonly HashSet<string> _functionNames = [];
    private readonly Dictionary<string, GlobalVariable> _globals = [];
    private readonly List<Definition> _globalDefinitions = [];
    private readonly HashSet<string> _globalNames = [];

    /// <summary>The device-side parse device code is lifted from, when the file has one (null: the host-side parse
    /// shows device code as the device compilation would, and serves both).</summary>
    private readonly DeviceView? _device;

    /// <summary>Finds what libclang does not show of class-template instantiations (bases, members) by parsing again.</summary>
    private readonly TemplateBases? _templateBases;

    public ModuleLifter(SourceMap source, DiagnosticBag bag, DeviceView? device = null, TemplateBases? templateBases = null)
    {
        _source = source;
        _bag = bag;
        _device = device;
        _templateBases = templateBases;
        Types = new TypeMapper(source, templateBases);
    }

    public TypeMapper Types { get; }

    /// <summary>The shared variables lifted so far outside function bodies (static locals and namespace-scope ones).</summary>
    public IReadOnlySet<string> SharedVariableNames => _globalDefinitions.OfType<SharedDef>().Select(d => d.Name).ToHashSet();
    public SourceMap Source => _source;

    /// <summary>A function queued or lifted: its IR name, and after lifting its definition or the reason it failed.</summary>
    internal sealed class PendingFunction(Cursor definition, string name)
    {
        public Cursor Definition { get; } = definition;
        public string Name { get; } = name;
        public FunctionDef? Lifted { get; set; }
        public Diagnostic? Failure { get; set; }
        public HashSet<PendingFunction> Uses { get; } = [];
    }

    /// <summary>A global the IR defines: its name and the CUDA memory it lives in.</summary>
    internal sealed record GlobalVariable(string Name, IrType Type, ClangType CType, bool IsShared);

    /// <summary>The linker names (Itanium mangling) of the kernels and device variables, by IR name: how
    /// the host side compiled by clang names them when it registers them with the runtime.</summary>
    public Dictionary<string, string> LinkNames { get; } = [];

    /// <summary>Lifting device code only: the host side keeps its own variables (see <see cref="RequestGlobal"/>).</summary>
    private bool _deviceOnly;

    /// <summary>Lifts the whole program (kernels and <c>main</c> as roots) or, with <paramref name="deviceOnly"/>,
    /// only device code: every kernel, every kernel instantiation the host code names, and every
    /// <c>__device__</c>/<c>__constant__</c> variable (host code is left to a C++ compiler). <paramref name="hostRoot"/>
    /// is the host-side parse; device code comes from the device-side one when there is one.</summary>
    public (IrModule Module, IReadOnlyList<FunctionStatus> Statuses) Lift(Cursor hostRoot, bool deviceOnly = false)
    {
        _deviceOnly = deviceOnly;
        var root = deviceOnly && _device is not null ? _device.Root : hostRoot;
        _root = root;
        foreach (var f in TopLevelFunctions(root))
        {
            bool kernel = f.Children.Any(c => c.Kind == CursorKind.CUDAGlobalAttr);
            if (kernel || !deviceOnly && f.Spelling == "main" && f.SemanticParent.Kind == CursorKind.TranslationUnit)
            {
                try { Request(f); }
                catch (LiftException e) { _bag.Add(e.Diagnostic); }
            }
        }
        if (deviceOnly) RequestDeviceRoots(root);
        LiftQueued();
        ResolveVirtualCalls();
        ResolveIndirectCalls();
        PropagateFailures();
        var definitions = new List<Definition>();
        definitions.AddRange(Types.StructDefinitions);
        definitions.AddRange(_globalDefinitions);
        definitions.AddRange(_functions.Values.Where(p => p.Lifted is not null && p.Failure is null).Select(p => p.Lifted!));
        definitions.AddRange(_dispatchers.Values.Where(p => p.Lifted is not null && p.Failure is null).Select(p => p.Lifted!));
        definitions.AddRange(_indirect.Values.Select(d => d.Dispatcher).Where(p => p.Lifted is not null && p.Failure is null).Select(p => p.Lifted!));
        var statuses = _functions.Values.Select(p => new FunctionStatus(p.Name, Names.Signature(p.Definition), RoleOf(p.Definition),
            p.Failure is null && p.Lifted is not null, _source.Locate(p.Definition), p.Failure)).ToList();
        return (new IrModule(_source.DisplayName, definitions), statuses);
    }

    /// <summary>Lifts the functions queued so far, and those they queue in turn.</summary>
    private void LiftQueued()
    {
        while (_work.Count > 0)
        {
            var pending = _work.Dequeue();
            try
            {
                var lifter = new FunctionLifter(this, pending);
                pending.Lifted = lifter.Lift();
            }
            catch (LiftException e)
            {
                pending.Failure = e.Diagnostic;
                _bag.Add(e.Diagnostic);
            }
        }
    }

    /// <summary>The host functions (not kernels nor device functions) defined at file or namespace scope, <c>main</c> included.</summary>
    public IEnumerable<string> DefinedHostFunctions(Cursor root) =>
        TopLevelFunctions(root).Where(f => RoleOf(f) == FunctionRole.Host).Select(f => f.DisplayName);

    private IEnumerable<Cursor> TopLevelFunctions(Cursor parent)
    {
        foreach (var c in parent.Children)
        {
            if (_source.IsLibrary(c)) continue;
            switch (c.Kind)
            {
                case CursorKind.Namespace or CursorKind.LinkageSpec or CursorKind.UnexposedDecl:
                    foreach (var inner in TopLevelFunctions(c)) yield return inner;
                    break;
                case CursorKind.FunctionDecl when c.IsDefinition:
                    yield return c;
                    break;
            }
        }
    }

    private static FunctionRole RoleOf(Cursor f)
    {
        var kinds = f.Children.Select(c => c.Kind).ToHashSet();
        if (kinds.Contains(CursorKind.CUDAGlobalAttr)) return FunctionRole.Kernel;
        if (kinds.Contains(CursorKind.CUDADeviceAttr)) return kinds.Contains(CursorKind.CUDAHostAttr) ? FunctionRole.HostDevice : FunctionRole.Device;
        return FunctionRole.Host;
    }

    /// <summary>The IR name of a user function, queuing it for lifting the first time.</summary>
    internal PendingFunction Request(Cursor declaration)
    {
        var def = declaration.Definition;
        if (def.IsNull) def = declaration;
        if (Has(def, CursorKind.CUDAGlobalAttr)) def = DeviceSide(def, Codes.UndefinedFunction);
        var key = def.Canonical;
        if (_functions.TryGetValue(key, out var known)) return known;
        string baseName = Names.ForFunction(def);
        string name = baseName;
        // A C library or runtime name stays the library's: the device side of the runtime API
        // (cuda_device_runtime_api.h) defines functions named as host entry points.
        for (int k = 2; Externals.Find(name) is not null || !_functionNames.Add(name); k++) name = $"{baseName}_{k}";
        var pending = new PendingFunction(def, name);
        if (Has(def, CursorKind.CUDAGlobalAttr)) LinkNames[name] = Names.KernelLinkName(def.Mangling);
        _functions[key] = pending;
        _work.Enqueue(pending);
        return pending;
    }

    /// <summary>
    /// A kernel or device variable named by host code, as the device compilation defines it: the same entity in the
    /// device-side parse (a launch in host code lifts the kernel's device view). A definition the device compilation
    /// lacks (conditional on <c>__CUDA_ARCH__</c>) cannot be lifted.
    /// </summary>
    private Cursor DeviceSide(Cursor declaration, DiagnosticCode missing)
    {
        if (_device is null || _device.Owns(declaration)) return declaration;
        return _device.Find(declaration) ?? throw new LiftException(missing, _source.Locate(declaration),
            $"'{declaration.Spelling}' has no definition in the device compilation (where __CUDA_ARCH__ is defined), so its device code cannot be lifted");
    }

    /// <summary>Whether a declaration is from the device-side parse (its static locals are the device's own).</summary>
    private bool IsDeviceSide(Cursor declaration) => _device?.Owns(declaration) == true;

    private void PropagateFailures()
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var p in _functions.Values.Concat(_dispatchers.Values).Concat(_indirect.Values.Select(d => d.Dispatcher)).Where(p => p.Failure is null))
            {
                var bad = p.Uses.FirstOrDefault(u => u.Failure is not null);
                if (bad is null) continue;
                p.Failure = new Diagnostic(Codes.CalleeNotTranslated, _source.Locate(p.Definition),
                    $"'{p.Definition.DisplayName}' is not translated because it uses '{bad.Definition.DisplayName}', which was not translated");
                _bag.Add(p.Failure);
                changed = true;
            }
        }
    }

    internal static bool Has(Cursor c, CursorKind attribute) => c.Children.Any(x => x.Kind == attribute);

    /// <summary>Whether a function is CUDA <c>__forceinline__</c> (our host_defines.h annotates it): lifted as <c>define-inline</c>.</summary>
    internal static bool IsForceInline(Cursor f) =>
        f.Children.Any(x => x.Kind == CursorKind.AnnotateAttr && x.Spelling == "tr.forceinline");
}

/// <summary>Where a CUDA function runs, from its execution-space attributes.</summary>
public enum FunctionRole { Host, Device, HostDevice, Kernel }

/// <summary>What became of one CUDA function: its IR name, its CUDA signature, and whether it was translated
/// (with the diagnostic that explains why not).</summary>
public sealed record FunctionStatus(string IrName, string CudaName, FunctionRole Role, bool Translated, SourceLocation Location,
    Diagnostic? Reason);
