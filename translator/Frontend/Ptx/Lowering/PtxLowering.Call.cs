using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// call: <c>call{.uni} (retval), name, (param0, param1, …);</c> with the <c>.param</c> variables the caller declared and
/// filled with st.param; the result is read back with ld.param. A direct call to a function the module defines is an IR
/// call; so is <c>vprintf</c>, CUDA's printf (PtxLowering.Printf); indirect calls (through a register, with a
/// .callprototype) and other functions the module only declares are not translated.
/// </summary>
internal sealed partial class PtxLowering
{
    private List<Stmt> Call(PtxInstruction i, Modifiers m)
    {
        if (_function is null) throw new PtxException($"'{i.Spelling}' is not translated in an asm template");
        m.Take("uni");
        var operands = i.Operands.ToList();
        PtxList? results = operands.Count > 0 && operands[0] is PtxList r ? r : null;
        if (results is not null) operands.RemoveAt(0);
        if (operands.Count == 0 || operands[0] is not PtxRegister callee)
            throw new PtxException($"'{i.Spelling}': expected the name of the function called");
        operands.RemoveAt(0);
        PtxList arguments = operands.Count > 0 && operands[0] is PtxList a ? a : new PtxList([]);
        if (operands.Count > (operands.Count > 0 && operands[0] is PtxList ? 1 : 0))
            throw new PtxException($"'{i.Spelling}' through a register (an indirect call with a prototype) is not translated");
        if (Register(callee) is not null)
            throw new PtxException($"'{i.Spelling}' through the register '{callee.Name}' (an indirect call) is not translated");
        if (!_function.Module.Functions.TryGetValue(callee.Name, out var function))
            throw new PtxException($"'{i.Spelling}' calls '{callee.Name}', which the module does not declare");
        if (function.Body is null && callee.Name == "vprintf") return Vprintf(i, arguments, results);
        if (function.Body is null)
            throw new PtxException($"'{i.Spelling}' calls '{callee.Name}', which the module declares but does not define");
        if (function.IsEntry) throw new PtxException($"'{i.Spelling}' calls the kernel '{callee.Name}'");
        if (arguments.Elements.Count != function.Parameters.Count || (results?.Elements.Count ?? 0) != function.Results.Count)
            throw new PtxException($"'{i.Spelling}': '{callee.Name}' takes {function.Parameters.Count} parameters and gives {function.Results.Count} results");
        var args = new List<Expr>();
        for (int k = 0; k < arguments.Elements.Count; k++)
        {
            var p = ParamVariable(i, arguments.Elements[k]);
            var type = PtxParameters.IrType(function.Parameters[k]);
            args.Add(Reinterpret(new VarRef(_at, p.Variable), p.Type, type, false, $"argument {k} of '{callee.Name}'"));
        }
        var call = new CallExpr(_at, _function.Module.FunctionNames[callee.Name], args);
        if (results is null || results.Elements.Count == 0) return [new ExprStmt(_at, call)];
        var result = ParamVariable(i, results.Elements[0]);
        var resultType = PtxParameters.IrType(function.Results[0]);
        return [new SetStmt(_at, result.Variable, Reinterpret(call, resultType, result.Type, false, $"the result of '{callee.Name}'"))];
    }

    private PtxParamSymbol ParamVariable(PtxInstruction i, PtxOperand o) =>
        o is PtxRegister r && _function!.Symbol(r.Name) is PtxParamSymbol p ? p
            : throw new PtxException($"'{i.Spelling}': {Describe(o)} is not a .param variable the caller declared");
}
