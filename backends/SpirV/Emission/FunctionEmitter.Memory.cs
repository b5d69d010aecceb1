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
        uint i8 = _m.TypeInt(8);
        var sc = ClassOf(dest);
        uint value = Value(Op.UConvert, i8, second);
        CountedLoop(64, size, "memset_i", i => Store(Pointer(Op.PtrAccessChain, _m.TypePointer(sc, i8), sc, dest, i), value));
        return dest;
    }
}
