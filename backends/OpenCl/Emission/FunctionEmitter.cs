using Translate.Backends.OpenCl.Naming;
using Translate.Backends.OpenCl.Syntax;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

/// <summary>
/// Emits one function instance (a kernel or a device-function clone) as OpenCL C. Split by concern:
/// statements, expressions, memory, conversions, CUDA forms, math.
/// </summary>
internal sealed partial class FunctionEmitter
{
    private readonly ModuleContext _ctx;
    private readonly FunctionInstance _inst;
    private readonly CodeWriter _w = new();
    private readonly NameScope _names = new();
    private readonly Dictionary<Symbol, string> _symbolNames = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyList<Resource> _resources;
    private readonly HashSet<Symbol> _volatileLocals;
    private string? _lastLoc;
    /// <summary>The CUDA source place of the statements being emitted (the last <c>loc</c>), which traps report.</summary>
    private Ir.Syntax.SourceLocation _source = Ir.Syntax.SourceLocation.None;

    private Ir.Syntax.SourceLocation ErrorLocation(Ir.Syntax.SourceLocation ir) => _source.IsNone ? ir : _source;

    public FunctionEmitter(ModuleContext ctx, FunctionInstance inst)
    {
        _ctx = ctx;
        _inst = inst;
        _resources = ctx.Resources.NeedsOf(inst);
        _volatileLocals = LoopValuesAcrossBarriers.Find(inst.Function, ctx.DivergentLoops, ctx.Synchronizes);
        foreach (var n in ctx.ModuleNames) _names.Reserve(n);
        _names.Push();
    }

    private OpenClTypes Types => _ctx.Types;
    private FunctionDef Function => _inst.Function;
    private bool IsKernel => Function.IsKernel;

    /// <summary>The function's text, and for a kernel its argument list.</summary>
    public (string Text, OpenClKernel? Kernel) Emit()
    {
        var parameters = new List<string>();
        var arguments = new List<OpenClKernelArgument>();
        var prologue = new List<string>();
        for (int i = 0; i < Function.Parameters.Count; i++)
        {
            var p = Function.Parameters[i];
            var sym = Function.Symbols[i];
            string name = _names.Declare(p.Name);
            _symbolNames[sym] = name;
            if (IsKernel && p.Type is PointerType { Pointee: PointerType })
                _ctx.Unsupported(p.Location, $"kernel parameter '{p.Name}' is a pointer to a pointer, which OpenCL kernels cannot take");
            if (IsKernel && p.Type is StructType && _ctx.Module.Layout.SizeOf(p.Type) == 0)
            {
                // An empty struct (a stateless functor): OpenCL kernel arguments cannot be 0 bytes, so the
                // launch passes one unused byte and the kernel makes its own (field-less) value.
                parameters.Add($"uchar {name}_empty");
                prologue.Add(Types.Declare(p.Type, name, null, MemorySpace.Private, inMemory: true) + ";");
            }
            else if (IsKernel && p.Type is StructType && _ctx.Module.Layout.ContainsPointer(p.Type))
            {
                StructHoldingPointers(p, i, name, parameters, arguments, prologue);
                continue;
            }
            else if (IsKernel && _ctx.Target.PointerOffsets && p.Type is PointerType && _inst.ParameterSpaces[i] is { } space)
            {
                string buffer = _names.Declare(name + "_buffer"), offset = _names.Declare(name + "_offset");
                parameters.Add($"{OpenClTypes.Qualifier(space)} uchar* {buffer}");
                parameters.Add($"ulong {offset}");
                arguments.Add(new OpenClKernelArgument(buffer, OpenClArgumentKind.User, UserIndex: i));
                arguments.Add(new OpenClKernelArgument(offset, OpenClArgumentKind.PointerOffset, UserIndex: i));
                prologue.Add($"{Types.Declare(p.Type, name, null, space, inMemory: true)} = ({Types.Name(p.Type, space)})({buffer} + {offset});");
                continue;
            }
            else parameters.Add(Types.Declare(p.Type, name, null, _inst.ParameterSpaces[i], inMemory: IsKernel || sym.NeedsMemory));
            arguments.Add(new OpenClKernelArgument(name, OpenClArgumentKind.User, UserIndex: i));
        }
        var dynamic = _resources.Where(r => r.Kind == ResourceKind.DynamicShared).ToList();
        foreach (var r in _resources)
        {
            if (IsKernel && r.Kind == ResourceKind.StaticShared) continue;
            if (IsKernel && r.Kind == ResourceKind.DynamicShared && dynamic.Count > 1) continue;
            parameters.Add(r.Kind switch
            {
                ResourceKind.WarpScratch => $"__local ulong* {r.CName}",
                ResourceKind.TrapStatus => $"__global int* {r.CName}",
                ResourceKind.ClockCounter => $"volatile __global ulong* {r.CName}",
                _ => Types.Declare(r.PassedAs, r.CName, null, r.Space, inMemory: true),
            });
            arguments.Add(new OpenClKernelArgument(r.CName, r.Kind switch
            {
                ResourceKind.Global => OpenClArgumentKind.Global,
                ResourceKind.DynamicShared => OpenClArgumentKind.DynamicShared,
                ResourceKind.TrapStatus => OpenClArgumentKind.TrapStatus,
                ResourceKind.ClockCounter => OpenClArgumentKind.ClockCounter,
                _ => OpenClArgumentKind.WarpScratch,
            }, GlobalName: r.Kind == ResourceKind.Global ? r.Symbol!.Name : null));
        }
        string dynamicArgument = "";
        if (IsKernel && dynamic.Count > 1)
        {
            dynamicArgument = _names.Declare("dynamicShared");
            parameters.Add($"__local uchar* {dynamicArgument}");
            arguments.Add(new OpenClKernelArgument(dynamicArgument, OpenClArgumentKind.DynamicShared));
        }

        string signature = IsKernel
            ? $"__kernel void {_inst.Name}({string.Join(", ", parameters)})"
            : Types.Declare(Function.ReturnType, $"{_inst.Name}({(parameters.Count == 0 ? "void" : string.Join(", ", parameters))})",
                null, _inst.ReturnSpace);
        _w.Open(signature);
        if (IsKernel)
        {
            foreach (var line in prologue) _w.Line(line);
            foreach (var r in _resources.Where(r => r.Kind == ResourceKind.StaticShared))
                _w.Line(Types.Declare(r.VariableType, r.CName, MemorySpace.Local, inMemory: true) + ";");
            foreach (var r in dynamic.Where(_ => dynamic.Count > 1))
            {
                string t = Types.Name(r.PassedAs, MemorySpace.Local);
                _w.Line($"{t} {r.CName} = ({t}){dynamicArgument};  // dynamic shared memory: every array starts at the same address");
            }
        }
        Statements(Function.Body!.Statements);
        _w.Close();
        return (_w.ToString(), IsKernel ? new OpenClKernel(_inst.Function.Name, _inst.Name, arguments) : null);
    }

    /// <summary>
    /// A kernel parameter that is a struct holding pointers, which OpenCL C cannot take: it comes as its bytes (a
    /// struct of a byte array, <see cref="ModuleContext.StructBytes"/>), each pointer in it as a <c>__global</c> buffer
    /// argument of its own whose offset the bytes hold in the pointer's place; the kernel rebuilds the struct first.
    /// </summary>
    private void StructHoldingPointers(Parameter p, int index, string name, List<string> parameters,
        List<OpenClKernelArgument> arguments, List<string> prologue)
    {
        long size = Types.Layout.SizeOf(p.Type);
        string bytes = _names.Declare(name + "_bytes");
        parameters.Add($"{_ctx.StructBytes(size)} {bytes}");
        arguments.Add(new OpenClKernelArgument(bytes, OpenClArgumentKind.User, UserIndex: index));
        prologue.Add(Types.Declare(p.Type, name, null, MemorySpace.Private, inMemory: true) + ";");
        string k = _names.Declare("byte");
        prologue.Add($"for (int {k} = 0; {k} < {size}; {k}++) ((uchar*)&{name})[{k}] = {bytes}.bytes[{k}];");
        foreach (var slot in Types.Layout.PointerSlots(p.Type))
        {
            string buffer = _names.Declare($"{name}_buffer{slot.Offset}");
            parameters.Add($"__global uchar* {buffer}");
            arguments.Add(new OpenClKernelArgument(buffer, OpenClArgumentKind.StructPointer, UserIndex: index, FieldOffset: slot.Offset));
            string place = name;
            IrType at = p.Type;
            foreach (int step in slot.Path)
            {
                place += at is StructType st ? "." + FieldName(st, step) : $"[{step}]";
                at = Types.Layout.ElementType(at, step);
            }
            prologue.Add($"{place} = ({Types.Name(slot.Type)})({buffer} + (ulong){place});");
        }
    }

    /// <summary>The C name of a variable (declared on first sight).</summary>
    private string NameOf(Symbol s)
    {
        if (_symbolNames.TryGetValue(s, out var n)) return n;
        n = _names.Declare(s.Name);
        _symbolNames[s] = n;
        return n;
    }

    /// <summary>
    /// The variable as a C lvalue. Resources other than a kernel's own shared arrays arrive as pointers:
    /// to the first element for arrays (so indexing reads the same) or to the value (<c>*name</c>).
    /// </summary>
    private CExpr VariableLValue(Symbol s)
    {
        if (_ctx.Resources.For(s) is { } r)
        {
            bool direct = IsKernel && r.Kind == ResourceKind.StaticShared;
            if (direct) return new CName(r.CName, IsArray: s.Type is ArrayType);
            return s.Type is ArrayType ? new CName(r.CName) : CExpr.Deref(new CName(r.CName));
        }
        return new CName(NameOf(s), IsArray: s.Type is ArrayType);
    }

    /// <summary>A fresh temporary name in the current scope.</summary>
    private string Temp(string hint = "tmp") => _names.Declare(hint);
}
