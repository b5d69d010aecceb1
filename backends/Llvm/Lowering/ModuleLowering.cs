using System.Text;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Backends.Llvm.Lowering;

/// <summary>
/// Builds one LLVM module from a checked IR module: globals, string constants and function
/// declarations are made here on demand; bodies are lowered by <see cref="FunctionLowering"/>
/// (or a target's subclass). Target-specific choices are the virtual members.
/// </summary>
public abstract class ModuleLowering : IDisposable
{
    private readonly Dictionary<FunctionDef, LFunction> _functions = [];
    private readonly Dictionary<Symbol, LValue> _globals = [];
    private readonly Dictionary<string, LValue> _strings = [];
    private readonly Dictionary<string, LFunction> _runtime = [];

    protected ModuleLowering(CheckedModule program, LlvmContext context, string name)
    {
        Program = program;
        Context = context;
        Module = new LlvmModule(context, name);
        Types = new TypeLowering(context, program.Layout);
        Builder = new LlvmBuilder(context);
    }

    public CheckedModule Program { get; }
    public LlvmContext Context { get; }
    public LlvmModule Module { get; }
    public TypeLowering Types { get; }
    public LlvmBuilder Builder { get; }

    /// <summary>Parameters the target adds in front of every non-kernel function's own (e.g. a thread context).</summary>
    public virtual IReadOnlyList<LType> HiddenParameters => [];

    /// <summary>
    /// Whether a parameter of a zero-sized type (an empty struct, as a functor with no members) is passed as
    /// its LLVM type; targets whose backend refuses empty parameters (NVPTX) pass one byte instead, as C++'s
    /// sizeof of an empty class is 1. The byte carries nothing: callers pass undef, callees never read it.
    /// </summary>
    protected virtual bool PassesEmptyParameters => true;

    /// <summary>Whether a parameter of type <paramref name="t"/> is an unread placeholder byte (see <see cref="PassesEmptyParameters"/>).</summary>
    public bool IsPlaceholderParameter(IrType t) => !PassesEmptyParameters && t is StructType or ArrayType && Types.SizeOf(t) == 0;

    private LType ParameterType(IrType t) => IsPlaceholderParameter(t) ? Context.I8 : Types.Value(t);

    /// <summary>Whether this module owns (defines) the program's globals, or refers to another module's.</summary>
    protected abstract bool DefinesGlobals { get; }

    /// <summary>The symbol name of a function of the program in this module.</summary>
    protected virtual string FunctionSymbol(FunctionDef f) => f.Name;

    protected virtual Linkage FunctionLinkage(FunctionDef f) => Linkage.Internal;

    /// <summary>The address space program globals live in (0 on the CPU; AMDGPU needs 1, its global memory).</summary>
    protected virtual uint GlobalAddressSpace => 0;

    /// <summary>The symbol name of a global of the program (prefixed so it never meets a C library name).</summary>
    public virtual string GlobalSymbol(Symbol g) => Translate.DeviceContract.Cuda.DeviceSymbols.Global(g.Name);

    /// <summary>Makes the lowering for one function body.</summary>
    protected abstract FunctionLowering CreateFunctionLowering(FunctionDef f, LFunction llvm);

    /// <summary>The LLVM function for a function of the program (declared on first use, body lowered by <see cref="LowerFunction"/>).</summary>
    public LFunction Function(FunctionDef f)
    {
        if (_functions.TryGetValue(f, out var done)) return done;
        var ps = HiddenParameters.Concat(f.Parameters.Select(p => ParameterType(p.Type))).ToList();
        var type = LlvmContext.Function(Types.Value(f.ReturnType), ps);
        var fn = Module.AddFunction(FunctionSymbol(f), type);
        LlvmModule.SetLinkage(fn.Value, FunctionLinkage(f));
        // define-inline (CUDA's __forceinline__): inlined wherever it is called, as nvcc does.
        if (f.Kind == FunctionKind.Inline) Module.AddFunctionAttribute(fn, "alwaysinline");
        return _functions[f] = fn;
    }

    /// <summary>
    /// A body-less declaration linked natively (<see cref="CheckedModule.NativeFunctions"/>): its C
    /// symbol with external linkage, called as C calls it (no hidden parameters).
    /// </summary>
    public LFunction NativeFunction(FunctionDef f)
    {
        if (_functions.TryGetValue(f, out var done)) return done;
        var type = LlvmContext.Function(Types.Value(f.ReturnType), f.Parameters.Select(p => Types.Value(p.Type)).ToList());
        var fn = Module.AddFunction(f.Name, type);
        LlvmModule.SetLinkage(fn.Value, Linkage.External);
        return _functions[f] = fn;
    }

    /// <summary>Lowers the body of <paramref name="f"/>.</summary>
    public void LowerFunction(FunctionDef f) => CreateFunctionLowering(f, Function(f)).Lower();

    /// <summary>A runtime or library function by symbol name, declared once.</summary>
    public LFunction RuntimeFunction(string name, LType ret, params LType[] parameters)
    {
        if (_runtime.TryGetValue(name, out var f)) return f;
        return _runtime[name] = Module.GetOrDeclare(name, LlvmContext.Function(ret, parameters));
    }

    /// <summary>The address of a global variable.</summary>
    public LValue Global(Symbol g)
    {
        if (_globals.TryGetValue(g, out var done)) return done;
        var def = (GlobalDef)g.Definition!;
        var type = Types.Nested(g.Type);
        var valueType = DefinesGlobals && def.Initializer is not null ? ConstantLowering.TypeOf(this, def.Initializer, g.Type) : type;
        var value = GlobalAddressSpace == 0
            ? Module.AddGlobal(GlobalSymbol(g), valueType)
            : Module.AddGlobalIn(GlobalSymbol(g), valueType, GlobalAddressSpace);
        LlvmModule.SetAlignment(value, Math.Max(16, Types.AlignOf(g.Type)));
        // The program sees every global through a generic (address space 0) pointer.
        _globals[g] = GlobalAddressSpace == 0 ? value : LlvmContext.ConstAddrSpaceCast(value, Context.Ptr);
        if (DefinesGlobals)
        {
            LValue init = def switch
            {
                { Initializer: { } c } => ConstantLowering.Lower(this, c, g.Type),
                { PointsTo: { } other } => Global(Program.Globals.First(s => s.Name == other)),
                _ => LlvmContext.Null(type),
            };
            LlvmModule.SetInitializer(value, init);
        }
        return value;
    }

    /// <summary>A pointer to a NUL-terminated constant copy of <paramref name="text"/> (UTF-8).</summary>
    public LValue String(string text)
    {
        if (_strings.TryGetValue(text, out var done)) return done;
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var init = Context.Bytes(bytes);
        var g = Module.AddGlobal($".str.{_strings.Count}", LlvmContext.TypeOf(init));
        LlvmModule.SetInitializer(g, init);
        LlvmModule.SetConstant(g, true);
        LlvmModule.SetLinkage(g, Linkage.Private);
        LlvmModule.SetUnnamedAddr(g);
        return _strings[text] = g;
    }

    public void Dispose()
    {
        Builder.Dispose();
        Module.Dispose();
        GC.SuppressFinalize(this);
    }
}
