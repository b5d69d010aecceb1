using System.Text;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Lowering;

/// <summary>
/// Global initializers as LLVM constants. A struct initializer becomes a packed struct of its fields
/// with explicit padding, so it matches the IR's layout whatever LLVM thinks of the field types.
/// </summary>
internal static class ConstantLowering
{
    public static LType TypeOf(ModuleLowering m, Constant c, IrType t) => LlvmContext.TypeOf(Lower(m, c, t));

    public static LValue Lower(ModuleLowering m, Constant c, IrType t)
    {
        var types = m.Types;
        var ctx = m.Context;
        switch (c, t)
        {
            case (IntConstant i, _) when t.IsInteger || t.IsBool:
                return LlvmContext.ConstInt(types.Value(t), unchecked((long)(ulong)(i.Value & ulong.MaxValue)));
            case (IntConstant i, _) when t.IsFloat:
                return LlvmContext.ConstReal(types.Value(t), (double)i.Value);
            case (FloatConstant f, _):
                return LlvmContext.ConstReal(types.Value(t), f.Value);
            case (BoolConstant b, _):
                return ctx.Bool(b.Value);
            case (IntConstant, PointerType):
                return LlvmContext.Null(ctx.Ptr);
            case (StringConstant s, ArrayType a):
            {
                var bytes = new byte[a.Length];
                Encoding.UTF8.GetBytes(s.Value).CopyTo(bytes, 0);
                return ctx.Bytes(bytes);
            }
            case (ListConstant l, ArrayType a):
            {
                var items = Enumerable.Range(0, (int)a.Length)
                    .Select(k => k < l.Items.Count ? Lower(m, l.Items[k], a.Element) : Zero(m, a.Element)).ToList();
                // Elements may differ in LLVM type (nested structs built here): a packed struct has the same bytes.
                return ctx.ConstStruct(items, packed: true);
            }
            case (ListConstant l, VectorType v):
                return ctx.ConstStruct(l.Items.Select(i => Lower(m, i, v.Element)).ToList(), packed: true);
            case (ListConstant l, StructType st):
            {
                var def = types.Layout.FindStruct(st.Name)!;
                var items = new List<LValue>();
                long at = 0;
                for (int k = 0; k < def.Fields.Count; k++)
                {
                    long offset = types.Layout.OffsetOf(st, k);
                    if (offset > at) items.Add(LlvmContext.Null(LlvmContext.Array(ctx.I8, offset - at)));
                    items.Add(Lower(m, l.Items[k], def.Fields[k].Type));
                    at = offset + types.SizeOf(def.Fields[k].Type);
                }
                long size = types.SizeOf(st);
                if (size > at) items.Add(LlvmContext.Null(LlvmContext.Array(ctx.I8, size - at)));
                return ctx.ConstStruct(items, packed: true);
            }
            default:
                throw new InvalidOperationException($"constant {c} for {t}");
        }
    }

    private static LValue Zero(ModuleLowering m, IrType t) => LlvmContext.Null(m.Types.Nested(t));
}
