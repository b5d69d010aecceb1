using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

/// <summary>
/// One function instance as a SPIR-V function. Every parameter and local lives in a Function-class
/// variable (loads and stores, no phis: consumers promote them), and the IR's structured statements map
/// one to one onto SPIR-V's structured constructs: <c>if</c> to OpSelectionMerge, loops to OpLoopMerge
/// with a separate condition block and continue target, <c>switch</c> to OpSwitch with fall-through.
/// Split into partial files: statements, expressions, memory and CUDA operations.
/// </summary>
internal sealed partial class FunctionEmitter(ModuleContext ctx, FunctionInstance inst)
{
    private readonly ModuleBuilder _m = ctx.Builder;
    private readonly List<uint> _vars = [];
    private readonly List<uint> _code = [];
    private readonly Dictionary<Symbol, uint> _locals = new(ReferenceEqualityComparer.Instance);
    /// <summary>The storage class of every pointer value made here.</summary>
    private readonly Dictionary<uint, StorageClass> _class = [];
    private readonly Stack<(uint Break, uint Continue)> _targets = new();
    private bool _terminated;
    private uint _dynamicShared;

    /// <summary>The dynamic shared buffer as every function receives it: bytes of the work-group's memory.</summary>
    private uint DynamicSharedType => _m.TypePointer(StorageClass.Workgroup, _m.TypeInt(8));

    private SpirVTypes Types => ctx.Types;
    private FunctionDef F => inst.Function;

    public void Emit()
    {
        uint fnId = ctx.FunctionIds[inst];
        var paramTypes = new List<uint>();
        for (int i = 0; i < F.Parameters.Count; i++) paramTypes.Add(ParamType(i));
        bool needsDynamicShared = ctx.NeedsDynamicShared(inst);
        if (needsDynamicShared) paramTypes.Add(DynamicSharedType);
        uint ret = Types.Of(F.ReturnType, ReturnClass());
        uint fnType = _m.TypeFunction(ret, paramTypes);
        var head = new List<uint>();
        ModuleBuilder.Emit(head, Op.Function, ret, fnId, (uint)FunctionControl.None, fnType);
        _m.Name(fnId, inst.Name);
        var paramIds = new List<uint>();
        for (int i = 0; i < paramTypes.Count; i++)
        {
            uint pid = _m.NewId();
            paramIds.Add(pid);
            ModuleBuilder.Emit(head, Op.FunctionParameter, paramTypes[i], pid);
            if (i < F.Parameters.Count) _m.Name(pid, F.Parameters[i].Name);
            if (i < F.Parameters.Count && IsByVal(i)) _m.Decorate(pid, Decoration.FuncParamAttr, (uint)FunctionParameterAttribute.ByVal);
        }
        if (needsDynamicShared) { _dynamicShared = paramIds[^1]; _class[_dynamicShared] = StorageClass.Workgroup; _m.Name(_dynamicShared, "dynamic_shared"); }
        uint entry = _m.NewId();
        ModuleBuilder.Emit(head, Op.Label, entry);

        // Parameters are copied into variables, so (set p ...) and (ptr-to p) work like on locals.
        for (int i = 0; i < F.Parameters.Count; i++)
        {
            if (IsByVal(i)) { _locals[F.Symbols[i]] = paramIds[i]; _class[paramIds[i]] = StorageClass.Function; }
            // A bool kernel parameter arrives as OpenCL's uchar: already the byte the variable holds.
            else Store(Local(F.Symbols[i]), F.IsKernel || !F.Parameters[i].Type.IsBool ? paramIds[i] : ToByte(paramIds[i]));
        }
        Statement(F.Body!);
        if (!_terminated)
        {
            if (F.ReturnType.IsVoid) Inst(Op.Return);
            else Inst(Op.Unreachable);
        }
        var body = _m.Functions;
        body.AddRange(head);
        body.AddRange(_vars);
        body.AddRange(_code);
        ModuleBuilder.Emit(body, Op.FunctionEnd);

        if (F.IsKernel) _m.EntryPoint(fnId, inst.Name);
    }

    private bool IsByVal(int i) => F.IsKernel && F.Parameters[i].Type is StructType or ArrayType or VectorType { Length: 1 or 3 };

    private StorageClass ReturnClass() => inst.ReturnSpace is { } s ? SpirVTypes.ClassOf(s) : StorageClass.CrossWorkgroup;

    private uint ParamType(int i)
    {
        var p = F.Parameters[i];
        if (p.Type is PointerType && inst.ParameterSpaces[i] is { } s) return Types.Of(p.Type, SpirVTypes.ClassOf(s));
        // OpenCL kernels cannot take bool: a bool kernel parameter is a uchar, 0 or 1, as CUDA passes a one-byte bool.
        if (F.IsKernel && p.Type.IsBool) return _m.TypeInt(8);
        // Kernels take aggregates as OpenCL compilers pass them: a ByVal pointer to a private copy.
        if (IsByVal(i)) return _m.TypePointer(StorageClass.Function, Types.Of(p.Type));
        return Types.Of(p.Type);
    }

    // ---- instruction helpers ----

    private void Inst(Op op, params uint[] operands) => ModuleBuilder.Emit(_code, op, operands);

    /// <summary>An instruction with a result: returns its new id.</summary>
    private uint Value(Op op, uint type, params uint[] operands)
    {
        uint id = _m.NewId();
        ModuleBuilder.Emit(_code, op, [type, id, .. operands]);
        return id;
    }

    private uint Pointer(Op op, uint type, StorageClass sc, params uint[] operands)
    {
        uint id = Value(op, type, operands);
        _class[id] = sc;
        return id;
    }

    private StorageClass ClassOf(uint pointer) => _class.TryGetValue(pointer, out var sc) ? sc : StorageClass.CrossWorkgroup;

    private void Label(uint id)
    {
        Inst(Op.Label, id);
        _terminated = false;
    }

    private void Branch(uint target)
    {
        if (_terminated) return;
        Inst(Op.Branch, target);
        _terminated = true;
    }

    private uint NewVariable(uint pointeeType, string? name)
    {
        uint id = _m.NewId();
        ModuleBuilder.Emit(_vars, Op.Variable, _m.TypePointer(StorageClass.Function, pointeeType), id, (uint)StorageClass.Function);
        if (name is not null) _m.Name(id, name);
        _class[id] = StorageClass.Function;
        return id;
    }

    /// <summary>The variable holding a parameter or local (made on first use).</summary>
    private uint Local(Symbol s)
    {
        if (_locals.TryGetValue(s, out var id)) return id;
        uint type = s.Type is PointerType ? Types.Of(s.Type, SpirVTypes.ClassOf(inst.SpaceOf(s))) : Types.Memory(s.Type);
        id = NewVariable(type, s.Name);
        _locals[s] = id;
        return id;
    }

    private void Store(uint pointer, uint value) => Inst(Op.Store, pointer, value);

    /// <summary>A bool as the byte memory holds (<see cref="SpirVTypes.Memory"/>): 1 or 0.</summary>
    private uint ToByte(uint boolean) => Value(Op.Select, _m.TypeInt(8), boolean, _m.ConstInt(8, 1), _m.ConstInt(8, 0));
}
