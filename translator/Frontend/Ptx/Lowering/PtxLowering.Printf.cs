using System.Text;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// printf in PTX: <c>call (retval), vprintf, (format, arguments)</c>, the format the generic address of a module string and
/// the arguments packed in a local buffer, each at the next multiple of its size (32-bit integers, 64-bit integers,
/// doubles, pointers), as CUDA's compilers pack them. The call becomes the IR's printf with the format's text and each
/// argument read from the buffer with the type its conversion says — so the format must be a string the module defines,
/// reached as compilers reach it (<c>mov</c> of its name, <c>cvta.global</c>, <c>st.param</c>) in the same basic block.
/// </summary>
internal sealed partial class PtxLowering
{
    /// <summary>Registers and .param variables known to hold the address of a module variable (by PTX name) here.</summary>
    private readonly Dictionary<string, string> _addressOf = [];

    /// <summary>Control may arrive from elsewhere (a label): nothing is known about registers any more.</summary>
    public void ForgetAddresses() => _addressOf.Clear();

    /// <summary>Follows the moves of a variable's address after <paramref name="i"/>: mov NAME, cvta, st.param.</summary>
    private void TrackAddresses(PtxInstruction i)
    {
        if (_function is null) return;
        if (i.Opcode == "st" && i.Modifiers.Contains("param"))
        {
            if (i.Operands is [PtxAddress { Base: PtxRegister param, Offset: 0 }, PtxRegister value] && i.Guard is null
                && _addressOf.TryGetValue(value.Name, out var stored))
                _addressOf[param.Name] = stored;
            else if (i.Operands is [PtxAddress { Base: PtxRegister other }, ..])
                _addressOf.Remove(other.Name);
            return;
        }
        if (i.Operands is not [PtxRegister target, ..]) return;
        string? known = null;
        if (i.Guard is null && i.Operands.Count == 2 && i.Operands[1] is PtxRegister source)
        {
            if (i.Opcode == "mov" && _function.Module.Variables.ContainsKey(source.Name)) known = source.Name;
            else if (i.Opcode is "cvta" or "mov" && _addressOf.TryGetValue(source.Name, out var from)) known = from;
        }
        if (known is null) _addressOf.Remove(target.Name);
        else _addressOf[target.Name] = known;
    }

    private List<Stmt> Vprintf(PtxInstruction i, PtxList arguments, PtxList? results)
    {
        if (arguments.Elements is not [PtxRegister formatParam, PtxRegister bufferParam])
            throw new PtxException($"'{i.Spelling}': vprintf takes two arguments, the format and the argument buffer");
        if (!_addressOf.TryGetValue(formatParam.Name, out var variable))
            throw new PtxException($"'{i.Spelling}': printf whose format is not a string of the module, moved to the call in one basic block, is not translated");
        string format = StringOf(_function!.Module.Variables[variable], i);
        var buffer = ParamVariable(i, bufferParam);
        Expr bufferAddress = Reinterpret(new VarRef(_at, buffer.Variable), buffer.Type, IrType.Int64, false, "the argument buffer of vprintf");
        var args = new List<Expr> { new StringLit(_at, format) };
        long offset = 0;
        foreach (var type in PrintfArguments(format, i))
        {
            long size = type == IrType.Int32 ? 4 : 8;
            offset = (offset + size - 1) / size * size;
            var at = Cast(CastOp.IntToPtr, new BinaryExpr(_at, BinaryOp.Add, bufferAddress, Int(offset, IrType.Int64)), new PointerType(type == IrType.BytePtr ? IrType.Int64 : type, AddressSpace.Generic));
            Expr value = new LoadExpr(_at, at);
            args.Add(type == IrType.BytePtr ? Cast(CastOp.IntToPtr, value, IrType.BytePtr) : value);
            offset += size;
        }
        var call = new CallExpr(_at, "printf", args);
        if (results is null || results.Elements.Count == 0) return [new ExprStmt(_at, call)];
        var result = ParamVariable(i, results.Elements[0]);
        return [new SetStmt(_at, result.Variable, Reinterpret(call, IrType.Int32, result.Type, false, "the result of vprintf"))];
    }

    /// <summary>The text of a byte-array variable up to its NUL (UTF-8).</summary>
    private static string StringOf(PtxVariable v, PtxInstruction i)
    {
        if (v.Type is not ("b8" or "u8" or "s8") || v.Initializer is not { } values || values.Any(x => x is not PtxInteger))
            throw new PtxException($"'{i.Spelling}': the format '{v.Name}' is not an initialized byte array");
        var bytes = values.Cast<PtxInteger>().Select(x => (byte)x.Value).TakeWhile(b => b != 0).ToArray();
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The IR type each argument of <paramref name="format"/> is passed as (a <c>*</c> width or precision is an int).</summary>
    private static List<IrType> PrintfArguments(string format, PtxInstruction i)
    {
        var types = new List<IrType>();
        foreach (var c in Ir.Analysis.PrintfFormat.Conversions(format))
        {
            if (c.WidthStar) types.Add(IrType.Int32);
            if (c.PrecisionStar) types.Add(IrType.Int32);
            if (c.Conversion == '\0') throw new PtxException($"'{i.Spelling}': the printf format ends inside a conversion");
            types.Add(c.ArgumentType ?? throw new PtxException($"'{i.Spelling}': the printf conversion '%{c.Conversion}' is not translated"));
        }
        return types;
    }
}
