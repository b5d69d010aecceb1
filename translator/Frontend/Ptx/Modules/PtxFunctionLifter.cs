using Translate.Frontend.ControlFlow;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// Lifts one <c>.entry</c> or <c>.func</c>: parameters become IR parameters (results a variable <c>ret</c> returns),
/// registers IR variables declared first, <c>.local</c> variables a per-thread byte array they are laid out in, and the
/// body's labels and branches (<c>bra</c>, guarded or not, <c>ret</c>, <c>exit</c>) basic blocks that
/// <see cref="Structurer"/> turns into the IR's ifs and loops. Every other instruction is lowered by
/// <see cref="PtxLowering"/>.
/// </summary>
internal sealed class PtxFunctionLifter
{
    private readonly PtxFunction _function;
    private readonly PtxFunctionScope _scope;
    private readonly PtxLowering _lowering;
    private readonly string _file;
    private readonly BlockBuilder _blocks;
    private SourceLocation _at;

    private PtxFunctionLifter(PtxFunction function, PtxFunctionScope scope, string file)
    {
        _function = function;
        _scope = scope;
        _file = file;
        _at = new SourceLocation(file, function.Line, function.Column);
        _lowering = PtxLowering.ForFunction(scope, _at);
        _blocks = new BlockBuilder(message => new PtxException($"{message} in '{function.Name}'"));
    }

    /// <summary>The IR function of <paramref name="function"/>, or null with TR0418 in <paramref name="diagnostics"/>.</summary>
    public static FunctionDef? Lift(PtxFunction function, PtxModuleScope module, string file, IReadOnlyList<IrType>? parameterTypes,
        TypeLayout layout, DiagnosticBag diagnostics)
    {
        var scope = new PtxFunctionScope(module, function.IsEntry);
        var lifter = new PtxFunctionLifter(function, scope, file);
        try
        {
            return lifter.Lift(parameterTypes, layout);
        }
        catch (PtxException e)
        {
            var at = e.Line > 0 ? new SourceLocation(file, e.Line, e.Column) : lifter._at;
            diagnostics.Add(Codes.PtxUnsupported, at, $"{(function.IsEntry ? "kernel" : "function")} '{function.Name}': {e.Message}");
            return null;
        }
        catch (StructuringException e)
        {
            diagnostics.Add(Codes.PtxUnsupported, new SourceLocation(file, function.Line, function.Column), $"'{function.Name}': {e.Message}");
            return null;
        }
    }

    private FunctionDef Lift(IReadOnlyList<IrType>? parameterTypes, TypeLayout layout)
    {
        var f = _function;
        var start = new SourceLocation(_file, f.Line, f.Column);
        var parameters = new List<Parameter>();
        for (int k = 0; k < f.Parameters.Count; k++)
        {
            var p = f.Parameters[k];
            if (p.Space != "param") throw new PtxException($"the .reg parameter '{p.Name}' (an old calling convention) is not translated");
            IrType? hint = parameterTypes is not null && k < parameterTypes.Count ? parameterTypes[k] : null;
            if (p.ArrayLength is not null || p.Vector != 1)
            {
                // An aggregate passed by value: the program's own type of its size, read at byte offsets.
                long bytes = (p.ArrayLength ?? 1) * p.Vector * (PtxParameters.ScalarType(p.Type)?.Bits ?? 8) / 8;
                if (hint is null || layout.SizeOf(hint) != bytes)
                    throw new PtxException($"the parameter '{p.Name}' is an aggregate passed by value ({bytes} bytes), which is translated only for a program whose kernel declares its type");
                string aggregate = _scope.NewVariable(p.Name);
                _scope.Add(p.Name, new PtxParamSymbol(aggregate, hint, bytes));
                parameters.Add(new Parameter(aggregate, hint, start));
                continue;
            }
            var type = PtxParameters.IrType(p);
            // A C++ pointer parameter is a 64-bit integer in PTX; a host program that launches the kernel passes a pointer.
            if (hint is PointerType pointer && type == IrType.Int64) type = pointer;
            string name = _scope.NewVariable(p.Name);
            _scope.Add(p.Name, new PtxParamSymbol(name, type));
            parameters.Add(new Parameter(name, type, start));
        }
        IrType returnType = IrType.Void;
        if (f.Results.Count > 1) throw new PtxException($"'{f.Name}' returns {f.Results.Count} values; one is translated");
        if (f.Results.Count == 1)
        {
            returnType = PtxParameters.IrType(f.Results[0]);
            var result = new PtxParamSymbol(_scope.NewVariable(f.Results[0].Name), returnType);
            _scope.Add(f.Results[0].Name, result);
            _scope.Result = result;
            Hoist(result.Variable, returnType);
        }
        if (_scope.Module.FunctionShared.TryGetValue(f.Name, out var shared))
            foreach (var (name, symbol) in shared) _scope.Add(name, symbol);
        LayOutLocals();
        _lowering.OpenScope();
        Read(f.Body!);
        _lowering.CloseScope();
        _blocks.Leave(Return());
        var graph = _blocks.Resolve(endBlock: false);
        var body = Structurer.Structure(graph, start, _scope.NewVariable("%exit"));
        var statements = new List<Stmt>([.. _scope.Hoisted, .. _lowering.OwnDeclarations, .. body]);
        return new FunctionDef(start, f.IsEntry ? FunctionKind.Kernel : FunctionKind.Function, _scope.Module.FunctionNames[f.Name],
            returnType, parameters, new Ir.Model.Block(start, statements));
    }

    private void Hoist(string variable, IrType type)
    {
        _scope.Hoisted.Add(new DeclareStmt(_at, variable, type));
        _scope.Hoisted.Add(new SetStmt(_at, variable, type.IsFloat ? new FloatLit(_at, 0, type) : new IntLit(_at, 0, type)));
    }

    /// <summary>The body's <c>.local</c> variables: one variable per slot where the frame's address does not escape
    /// (<see cref="PtxFrameSlots"/>), else laid out in one per-thread array of 8-byte elements.</summary>
    private void LayOutLocals()
    {
        long size = 0;
        var offsets = new Dictionary<string, long>();
        foreach (var v in PtxSharedLayout.Declarations(_function.Body!).Where(v => v.Space == "local"))
        {
            if (v.Dimensions.Any(d => d is null)) throw new PtxException($"the .local variable '{v.Name}' has no size");
            long align = Math.Max(v.Align, PtxSharedLayout.Element(v));
            size = (size + align - 1) / align * align;
            _scope.Add(v.Name, new PtxWindowSymbol("local", size));
            offsets[v.Name] = size;
            size += PtxSharedLayout.Size(v);
        }
        if (size == 0) return;
        if (PtxFrameSlots.Analyze(_function.Body!, offsets, size, _scope.NewVariable) is { } frame)
        {
            _scope.Frame = frame;
            foreach (var slot in frame.Variables) Hoist(slot.Variable, slot.Type);
            return;
        }
        string array = _scope.NewVariable("__ptx_local");
        _scope.Hoisted.Add(new DeclareStmt(_at, array, new ArrayType((size + 7) / 8, IrType.Int64)));
        _scope.Local = new PtxWindow("local", array, size, null);
    }

    private void Read(IReadOnlyList<PtxStatement> statements)
    {
        foreach (var s in statements)
        {
            _at = new SourceLocation(_file, s.Line, s.Column);
            _lowering.At(_at);
            try
            {
                Statement(s);
            }
            catch (PtxException e) when (e.Line == 0)
            {
                throw new PtxException(e.Message, s.Line, s.Column);
            }
        }
    }

    private void Statement(PtxStatement s)
    {
        switch (s)
        {
            case PtxBlock b:
                _lowering.OpenScope();
                Read(b.Statements);
                _lowering.CloseScope();
                break;
            case PtxLabel l:
                _blocks.Label(l.Name);
                _lowering.ForgetAddresses();
                break;
            case PtxRegisterDeclaration d: _lowering.Declare(d); break;
            case PtxVariableDeclaration v: Variable(v.Variable); break;
            case PtxInstruction { Opcode: "bra" } i: Branch(i); break;
            case PtxInstruction { Opcode: "ret" or "exit" } i: Return(i); break;
            case PtxInstruction i when _scope.Frame?.Defines(i) == true: break;
            case PtxInstruction i: _blocks.Current.AddRange(_lowering.Guarded(i)); break;
        }
    }

    /// <summary>A variable declared in the body: a call's <c>.param</c> becomes an IR variable; <c>.local</c> and
    /// <c>.shared</c> ones were laid out before.</summary>
    private void Variable(PtxVariable v)
    {
        if (v.Space is "local" or "shared") return;
        if (v.Space != "param") throw new PtxException($"a .{v.Space} variable inside a function ('{v.Name}') is not translated");
        if (v.Dimensions.Count > 0 || v.Vector != 1)
            throw new PtxException($"the .param variable '{v.Name}' is an aggregate passed by value, which is not translated");
        var type = PtxParameters.ScalarType(v.Type) ?? throw new PtxException($"the .param variable '{v.Name}' has the type .{v.Type}");
        var symbol = new PtxParamSymbol(_scope.NewVariable(v.Name), type);
        _scope.Add(v.Name, symbol);
        Hoist(symbol.Variable, type);
    }

    private void Branch(PtxInstruction i)
    {
        if (i.Modifiers.Any(m => m != "uni")) throw new PtxException($"'{i.Spelling}': the modifier '.{i.Modifiers.First(m => m != "uni")}' is not translated");
        if (i.Operands is not [PtxRegister { Name: var label }]) throw new PtxException($"'{i.Spelling}' takes a label (branch tables are not translated)");
        if (i.Guard is null) _blocks.Jump(label);
        else _blocks.BranchIf(_lowering.GuardCondition(i), label);
    }

    private void Return(PtxInstruction i)
    {
        if (i.Opcode == "exit" && !_function.IsEntry)
            throw new PtxException("'exit' in a .func (ending the thread from a called function) is not translated");
        if (i.Operands.Count > 0) throw new PtxException($"'{i.Spelling}' takes no operands");
        if (i.Guard is null) _blocks.Leave(Return());
        else _blocks.LeaveIf(_lowering.GuardCondition(i), Return());
    }

    private ReturnStmt Return() => new(_at, _scope.Result is { } r ? new VarRef(_at, r.Variable) : null);
}
