using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Runtime.OpenCl;

/// <summary>The initial bytes of a global variable, laid out as CUDA lays it out (little-endian).</summary>
public static class GlobalImage
{
    public static byte[] Bytes(GlobalDef global, TypeLayout layout)
    {
        var bytes = new byte[layout.SizeOf(global.Type)];
        if (global.Initializer is not null) Write(bytes, 0, global.Initializer, global.Type, layout);
        return bytes;
    }

    private static void Write(byte[] b, long at, Constant c, IrType t, TypeLayout layout)
    {
        var span = b.AsSpan((int)at);
        switch (c)
        {
            case IntConstant i when t.IsFloat:
                WriteFloat(span, (double)i.Value, t);
                break;
            case IntConstant i:
                var raw = (ulong)(i.Value & ulong.MaxValue);
                for (int k = 0; k < layout.SizeOf(t); k++) span[k] = (byte)(raw >> (8 * k));
                break;
            case FloatConstant f:
                WriteFloat(span, f.Value, t);
                break;
            case BoolConstant bc:
                span[0] = bc.Value ? (byte)1 : (byte)0;
                break;
            case StringConstant s:
                System.Text.Encoding.UTF8.GetBytes(s.Value).CopyTo(span);
                break;
            case ListConstant l:
                for (int k = 0; k < l.Items.Count; k++)
                    Write(b, at + layout.OffsetOf(t, k), l.Items[k], layout.ElementType(t, k), layout);
                break;
        }
    }

    private static void WriteFloat(Span<byte> span, double v, IrType t)
    {
        if (t == IrType.Double) BitConverter.TryWriteBytes(span, v);
        else if (t == IrType.Float) BitConverter.TryWriteBytes(span, (float)v);
        else BitConverter.TryWriteBytes(span, (Half)v);
    }
}
