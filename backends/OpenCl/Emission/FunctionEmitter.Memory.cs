using Translate.Backends.OpenCl.Syntax;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

internal sealed partial class FunctionEmitter
{
    /// <summary>
    /// Loads, stores and address arithmetic. Addresses are built as <c>&amp;p[i]</c>, <c>&amp;s-&gt;f</c>, so a load
    /// through them folds to <c>p[i]</c> and <c>s-&gt;f</c>.
    /// </summary>
    private CExpr Memory(Expr e)
    {
        switch (e)
        {
            case LoadExpr l:
            {
                if (l.Type is ArrayType) _ctx.Unsupported(l.Location, "loading a whole array (C arrays are not values)");
                return CExpr.Deref(Expr(l.Pointer));
            }
            case StoreExpr s:
            {
                var ops = Sequence([s.Pointer, s.Value]);
                _w.Line($"{CExpr.Deref(ops[0])} = {ops[1]};");
                return Nothing;
            }
            case PtrAddExpr p:
            {
                var ops = Sequence([p.Pointer, p.Index]);
                return CExpr.AddressOf(new CIndex(ops[0], ops[1]));
            }
            case ArrayPtrAddExpr a:
            {
                if (a.Array is VarRef { Symbol.Type: ArrayType } v)
                    return CExpr.AddressOf(new CIndex(VariableLValue(v.Symbol), Expr(a.Index)));
                var ops = Sequence([a.Array, a.Index]);
                return CExpr.AddressOf(new CIndex(CExpr.Deref(ops[0]), ops[1]));
            }
            case StructPtrAddExpr s:
            {
                var p = Expr(s.Pointer);
                var pointee = ((PointerType)s.Pointer.Type).Pointee;
                if (pointee is VectorType v && OpenClTypes.IsNativeVector(v))
                    return new CLanePointer(p, Lanes[s.FieldIndex], s.FieldIndex,
                        Types.Name(new PointerType(v.Element, 0), _inst.SpaceOf(s.Pointer), inMemory: true));
                return CExpr.AddressOf(ElementLValue(CExpr.Deref(p), pointee, s.FieldIndex));
            }
            case AllocExpr a:
            {
                // A frame allocation becomes a private array; OpenCL needs its length at compile time.
                if (a.Count is not IntLit { Value: var n } || n <= 0)
                {
                    _ctx.Unsupported(a.Location, "alloc with a count that is not a constant (OpenCL has no variable-length private arrays)");
                    n = 1;
                }
                var name = Temp("frame");
                _w.Line(Types.Declare(new ArrayType((long)n, a.ElementType), name, null, null, inMemory: true) + ";");
                return new CName(name, IsArray: true);
            }
            case PtrToExpr p:
            {
                var lv = VariableLValue(p.Symbol);
                if (p.Symbol.Type is ArrayType { Length: 0 }) return lv;
                if (p.Symbol.Type is ArrayType && lv is CName { IsArray: false })
                    return new CCast(Types.Name(p.Type, FunctionInstanceStorage(p.Symbol)), lv);
                return CExpr.AddressOf(lv);
            }
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private static Ir.Analysis.MemorySpace FunctionInstanceStorage(Symbol s) => Ir.Analysis.FunctionInstance.StorageOf(s);
}
