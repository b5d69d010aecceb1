using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Model;

namespace Translate.Backends.SpirV.Emission;

internal sealed partial class FunctionEmitter
{
    /// <summary>
    /// Device memcpy is OpCopyMemorySized (the Addresses capability is always declared); memset has no instruction,
    /// so it is a loop storing the value's low byte. Both return the destination, as C's do.
    /// </summary>
    private uint MemoryFunction(CallExpr c, string name)
    {
        uint dest = Expression(c.Arguments[0]);
        uint second = Expression(c.Arguments[1]);
        uint size = Expression(c.Arguments[2]);
        if (name == "memcpy")
        {
            Inst(Op.CopyMemorySized, dest, second, size);
            return dest;
        }
        uint i8 = _m.TypeInt(8), i64 = _m.TypeInt(64);
        var sc = ClassOf(dest);
        uint value = Value(Op.UConvert, i8, second);
        uint i = NewVariable(i64, "memset_i");
        Store(i, _m.ConstInt(64, 0));
        uint header = _m.NewId(), test = _m.NewId(), body = _m.NewId(), cont = _m.NewId(), merge = _m.NewId();
        Branch(header);
        Label(header);
        Inst(Op.LoopMerge, merge, cont, (uint)LoopControl.None);
        Branch(test);
        Label(test);
        Inst(Op.BranchConditional, Value(Op.ULessThan, _m.TypeBool(), Value(Op.Load, i64, i), size), body, merge);
        _terminated = true;
        Label(body);
        Store(Pointer(Op.PtrAccessChain, _m.TypePointer(sc, i8), sc, dest, Value(Op.Load, i64, i)), value);
        Branch(cont);
        Label(cont);
        Store(i, Value(Op.IAdd, i64, Value(Op.Load, i64, i), _m.ConstInt(64, 1)));
        Branch(header);
        Label(merge);
        return dest;
    }
}
