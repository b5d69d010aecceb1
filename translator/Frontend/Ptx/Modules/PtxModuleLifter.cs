using Translate.DeviceContract.Cuda;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// Lifts a PTX module (a .ptx file, or the text a CUDA driver-API program loads) into the IR: each <c>.entry</c> a
/// kernel, each <c>.func</c> with a body a device function, <c>.global</c>/<c>.const</c> variables IR globals, and the
/// <c>.shared</c> variables of the whole module one per-block byte array they are laid out in (their addresses are
/// offsets, <see cref="PtxWindow"/>). What the PTX does not parse is TR0417; what is not translated, TR0418 at the
/// line of the instruction or declaration, naming it. Nothing is returned when anything failed.
/// </summary>
internal static class PtxModuleLifter
{
    /// <summary>
    /// The IR of PTX <paramref name="text"/> from <paramref name="file"/>, or null (with the reasons in
    /// <paramref name="diagnostics"/>). <paramref name="linkage"/> says how it meets a program around it, if any.
    /// </summary>
    public static IrModule? Lift(string text, string file, DiagnosticBag diagnostics, PtxLinkage? linkage = null)
    {
        linkage ??= new PtxLinkage();
        PtxModule module;
        try
        {
            module = PtxReader.ReadModule(text);
        }
        catch (PtxException e)
        {
            diagnostics.Add(e.IsSyntax ? Codes.PtxSyntax : Codes.PtxUnsupported, new SourceLocation(file, e.Line, e.Column), e.Message);
            return null;
        }
        int before = diagnostics.Items.Count;
        var scope = new PtxModuleScope();
        scope.TakenNames.UnionWith(linkage.ReservedNames);
        var definitions = new List<Definition>();
        foreach (var f in module.Functions)
        {
            if (scope.Functions.TryGetValue(f.Name, out var earlier) && earlier.Body is not null && f.Body is not null)
            {
                diagnostics.Add(Codes.PtxUnsupported, new SourceLocation(file, f.Line, f.Column), $"the function '{f.Name}' is defined twice");
                continue;
            }
            if (!scope.Functions.TryGetValue(f.Name, out earlier) || f.Body is not null) scope.Functions[f.Name] = f;
        }
        // Kernels keep their names (a launch finds them by name); other functions avoid the names the linkage reserves.
        foreach (var f in scope.Functions.Values.OrderBy(f => !f.IsEntry))
            scope.FunctionNames[f.Name] = f.IsEntry ? f.Name : PtxModuleScope.IrName(f.Name, scope.TakenNames);
        scope.TakenNames.UnionWith(scope.Functions.Values.Where(f => f.IsEntry).Select(f => f.Name));
        foreach (var v in module.Variables)
        {
            try
            {
                if (v.Space is "global" or "const" && ProgramGlobal(v.Name, linkage) is { } existing)
                    scope.Symbols[v.Name] = new PtxGlobalSymbol(existing);
                else if (Global(v, file, scope) is { } global) definitions.Add(global);
            }
            catch (PtxException e)
            {
                diagnostics.Add(Codes.PtxUnsupported, new SourceLocation(file, v.Line, v.Column), e.Message);
            }
        }
        var shared = PtxSharedLayout.Lay(module, scope, file, diagnostics);
        definitions.AddRange(shared);
        foreach (var f in scope.Functions.Values.Where(f => f.Body is not null))
        {
            IReadOnlyList<IrType>? hints = null;
            if (f.IsEntry) linkage.KernelParameterTypes.TryGetValue(f.Name, out hints);
            if (PtxFunctionLifter.Lift(f, scope, file, hints, linkage.Layout, diagnostics) is { } function) definitions.Add(function);
        }
        return diagnostics.Items.Count > before && diagnostics.HasErrors ? null : new IrModule(file, definitions);
    }

    /// <summary>
    /// The IR of the PTX module <paramref name="text"/> as the device code of <paramref name="program"/>: each of the
    /// program's kernels replaced by the PTX kernel of its name (pointer parameters kept as the program declares them),
    /// the PTX module's own device functions, shared memory and variables added beside the program's, and its
    /// <c>.global</c>/<c>.const</c> variables that the program defines being the program's. Null, with diagnostics, when
    /// the PTX does not translate or lacks a kernel of the program.
    /// </summary>
    public static IrModule? Link(IrModule program, string text, string file, DiagnosticBag diagnostics)
    {
        var kernels = program.Functions.Where(f => f.IsKernel && f.Body is not null).ToList();
        var linkage = new PtxLinkage
        {
            KernelParameterTypes = kernels.ToDictionary(k => k.Name, k => (IReadOnlyList<IrType>)[.. k.Parameters.Select(p => p.Type)]),
            Layout = new TypeLayout(program.Structs),
            ExistingGlobals = program.Globals.Where(g => g.AddressSpace is 1 or 4).Select(g => g.Name).ToHashSet(),
            ReservedNames = program.Definitions.Select(DefinitionName).OfType<string>().Except(kernels.Select(k => k.Name)).ToHashSet(),
        };
        var ptx = Lift(text, file, diagnostics, linkage);
        if (ptx is null) return null;
        var lifted = ptx.Functions.Where(f => f.IsKernel).ToDictionary(f => f.Name);
        foreach (var k in kernels.Where(k => !lifted.ContainsKey(k.Name)))
            diagnostics.Add(Codes.PtxUnsupported, new SourceLocation(file, 1, 1), $"the PTX module has no kernel '{k.Name}', which the program launches");
        if (kernels.Any(k => !lifted.ContainsKey(k.Name))) return null;
        var definitions = program.Definitions.Select(d => d is FunctionDef { IsKernel: true } f && lifted.TryGetValue(f.Name, out var p) ? p : d).ToList();
        definitions.AddRange(ptx.Definitions.Where(d => d is not FunctionDef { IsKernel: true } f || !kernels.Any(k => k.Name == f.Name)));
        // The program's device functions that only its own kernels called go with them.
        var reached = Reached(definitions.OfType<FunctionDef>().ToList());
        definitions.RemoveAll(d => d is FunctionDef { IsKernel: false } f && !reached.Contains(f.Name));
        return new IrModule(program.File, definitions) { Head = program.Head };
    }

    /// <summary>The functions <c>main</c>, the kernels and functions without a body (the program's library) reach by calls
    /// and launches.</summary>
    private static HashSet<string> Reached(IReadOnlyList<FunctionDef> functions)
    {
        var byName = functions.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.ToList());
        var reached = new HashSet<string>();
        var work = new Stack<string>(functions.Where(f => f.Name == "main" || f.IsKernel || f.Body is null).Select(f => f.Name));
        while (work.Count > 0)
        {
            string name = work.Pop();
            if (!reached.Add(name) || !byName.TryGetValue(name, out var defs)) continue;
            foreach (var f in defs.Where(f => f.Body is not null))
                foreach (var e in IrTraversal.Descendants(f.Body!))
                {
                    if (e is CallExpr c) work.Push(c.Function);
                    if (e is LaunchExpr l) work.Push(l.Kernel);
                    if (e is PtrToExpr p) work.Push(p.Name); // a function passed by address (a stream callback)
                }
        }
        return reached;
    }

    /// <summary>The program's global a PTX variable is: of its name, or named as our PTX backend names the program's globals.</summary>
    private static string? ProgramGlobal(string name, PtxLinkage linkage) =>
        linkage.ExistingGlobals.Contains(name) ? name
        : DeviceSymbols.ProgramGlobal(name) is { } program && linkage.ExistingGlobals.Contains(program) ? program
        : null;

    private static string? DefinitionName(Definition d) => d switch
    {
        FunctionDef f => f.Name, GlobalDef g => g.Name, SharedDef s => s.Name, StructDef s => s.Name, _ => null,
    };

    /// <summary>A module-level <c>.global</c> or <c>.const</c> variable as an IR global (null for other spaces, laid out elsewhere).</summary>
    private static GlobalDef? Global(PtxVariable v, string file, PtxModuleScope scope)
    {
        if (v.Space is "shared") return null;
        if (v.Space is not ("global" or "const"))
            throw new PtxException($"a module-level .{v.Space} variable ('{v.Name}') is not translated");
        if (v.Extern) throw new PtxException($"the .extern variable '{v.Name}' is defined in another module, which is not linked");
        var element = PtxParameters.ScalarType(v.Type) ?? throw new PtxException($"the variable '{v.Name}' has the type .{v.Type}, which is not translated");
        long count = v.ElementCount ?? throw new PtxException($"the variable '{v.Name}' has no size");
        bool scalar = v.Dimensions.Count == 0 && v.Vector == 1;
        IrType type = scalar ? element : new ArrayType(count, element);
        var at = new SourceLocation(file, v.Line, v.Column);
        string name = PtxModuleScope.IrName(v.Name, scope.TakenNames);
        scope.Symbols[v.Name] = new PtxGlobalSymbol(name);
        scope.Variables[v.Name] = v;
        Constant? initializer = null;
        string? pointsTo = null;
        if (v.Initializer is { } values)
        {
            if (values.Count == 1 && values[0] is PtxNameOffset { Offset: 0 } n && scalar && element == IrType.Int64)
                pointsTo = scope.Symbols.GetValueOrDefault(n.Name) is PtxGlobalSymbol g ? g.IrName
                    : throw new PtxException($"the initializer of '{v.Name}' is the address of '{n.Name}', which is not a global variable declared before it");
            else
            {
                if (values.Count > count) throw new PtxException($"the initializer of '{v.Name}' has {values.Count} values for {count} elements");
                var items = values.Select(x => Value(x, element, v.Name, at)).ToList();
                while (items.Count < count) items.Add(element.IsFloat ? new FloatConstant(0, at) : new IntConstant(0, at));
                initializer = scalar ? items[0] : new ListConstant(items, at);
            }
        }
        return new GlobalDef(at, name, type, initializer, pointsTo, v.Space == "const" ? 4 : 1, external: false);
    }

    private static Constant Value(PtxOperand value, IrType element, string variable, SourceLocation at) => value switch
    {
        PtxInteger i when element.IsInteger => new IntConstant(Wrap(i.Value, element.Bits), at),
        PtxFloat f when element.IsFloat => new FloatConstant(element == IrType.Float ? (float)f.Value : f.Value, at),
        PtxFloat { IsSingle: true } f when element == IrType.Int32 => new IntConstant(BitConverter.SingleToInt32Bits((float)f.Value), at),
        PtxFloat { IsSingle: false } f when element == IrType.Int64 => new IntConstant(BitConverter.DoubleToInt64Bits(f.Value), at),
        PtxInteger i when element.IsFloat => new FloatConstant(i.Value, at),
        _ => throw new PtxException($"an initializer value of '{variable}' (an address in an array, or a mismatched literal) is not translated"),
    };

    /// <summary>An integer literal in a <paramref name="bits"/>-wide element, as two's complement: 255 and -1 are one byte.</summary>
    private static Int128 Wrap(long value, int bits) => bits >= 64 ? value : (value << (64 - bits)) >> (64 - bits);
}

/// <summary>How a lifted PTX module meets a program around it (<see cref="PtxModuleLifter.Link"/>).</summary>
internal sealed record PtxLinkage
{
    /// <summary>Kernels' parameter types by name: a 64-bit parameter that is a pointer here is lifted as that pointer.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IrType>> KernelParameterTypes { get; init; } = new Dictionary<string, IReadOnlyList<IrType>>();
    /// <summary>Global variables the program defines: the PTX module's of these names are the program's.</summary>
    public IReadOnlySet<string> ExistingGlobals { get; init; } = new HashSet<string>();
    /// <summary>The program's layout of its types (its structs): an aggregate parameter is the program's type when the sizes agree.</summary>
    public TypeLayout Layout { get; init; } = new([]);
    /// <summary>Names the lifted module's own definitions must not take.</summary>
    public IReadOnlySet<string> ReservedNames { get; init; } = new HashSet<string>();
}
