using System.Buffers.Binary;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Api;

/// <summary>
/// Packs C# values into a kernel's argument record (CUDA's layout: each parameter at its natural alignment),
/// refusing what C++ would not convert without a cast or what would change a value: an argument count
/// that differs, a <c>double</c> for a <c>float</c>, an integer out of the parameter's range, a buffer of
/// <c>double</c> for a <c>float*</c>, a buffer of another device.
/// </summary>
internal static class KernelArguments
{
    public static byte[] Pack(Kernel kernel, FunctionDef definition, (long[] Offsets, long[] Sizes, long Size) layout, object?[] arguments)
    {
        var parameters = definition.Parameters;
        if (arguments.Length != parameters.Count)
            throw Mismatch(kernel, $"takes {parameters.Count} argument{(parameters.Count == 1 ? "" : "s")} ({string.Join(", ", parameters.Select(p => p.Name))}); {arguments.Length} given");
        var record = new byte[Math.Max(layout.Size, 1)];
        for (int k = 0; k < parameters.Count; k++)
        {
            var slot = record.AsSpan((int)layout.Offsets[k], (int)layout.Sizes[k]);
            string? why = Write(kernel, parameters[k].Type, arguments[k], slot);
            if (why is not null) throw Mismatch(kernel, $"argument {k + 1} ({parameters[k].Name}, {parameters[k].Type}) {why}");
        }
        return record;
    }

    private static TranslateException Mismatch(Kernel kernel, string message) =>
        new([new Diagnostic(Codes.KernelArgumentMismatch, new SourceLocation(kernel.Program.Source, 0, 0), $"{kernel.Signature} {message}")]);

    /// <summary>Writes one argument into its slot; null when it fits, otherwise why not.</summary>
    private static string? Write(Kernel kernel, IrType type, object? argument, Span<byte> slot)
    {
        switch (argument)
        {
            case null:
                return type is PointerType ? null : "is null; only a pointer parameter takes null";
            case IDeviceBuffer buffer:
                if (type is not PointerType pointer) return $"is a {buffer.ElementType.Name} buffer; the parameter is not a pointer";
                if (buffer.Device != kernel.Program.Device) return $"is a buffer of another device ({buffer.Device.Name}) than the program's";
                if (ElementMismatch(pointer.Pointee, buffer.ElementType) is { } element) return $"is a buffer of {buffer.ElementType.Name}; the parameter points to {element}";
                BinaryPrimitives.WriteInt64LittleEndian(slot, buffer.Address);
                return null;
            case KernelArgument bytes:
                if (bytes.Bytes.Length != slot.Length) return $"is {bytes.Bytes.Length} bytes ({bytes.TypeName}); the parameter is {slot.Length}";
                bytes.Bytes.CopyTo(slot);
                return null;
            case nint address when type is PointerType:
                BinaryPrimitives.WriteInt64LittleEndian(slot, address);
                return null;
            case bool b:
                if (!type.IsBool) return $"is a bool; the parameter is {type}";
                slot[0] = b ? (byte)1 : (byte)0;
                return null;
            case float f when type is ScalarType { Kind: ScalarKind.Float }:
                BinaryPrimitives.WriteSingleLittleEndian(slot, f);
                return null;
            case float f when type is ScalarType { Kind: ScalarKind.Double }:
                BinaryPrimitives.WriteDoubleLittleEndian(slot, f);
                return null;
            case double d when type is ScalarType { Kind: ScalarKind.Double }:
                BinaryPrimitives.WriteDoubleLittleEndian(slot, d);
                return null;
            case double when type is ScalarType { Kind: ScalarKind.Float }:
                return "is a double; the parameter is float (pass a float: 2f, (float)x)";
            case Half h when type is ScalarType { Kind: ScalarKind.Half }:
                BinaryPrimitives.WriteHalfLittleEndian(slot, h);
                return null;
        }
        if (Integer(argument) is not { } value) return $"is a {argument.GetType().Name}; the parameter is {type}";
        if (!type.IsInteger) return $"is an integer ({argument.GetType().Name}); the parameter is {type}";
        int bits = type.Bits;
        // The IR's integers carry no sign (the operations do), so a value fits when either reading of its bits is it.
        bool fits = value >= -((Int128)1 << (bits - 1)) && value < (Int128)1 << bits;
        if (!fits) return $"is {value}, which a {bits}-bit parameter cannot hold";
        var raw = (UInt128)value;
        for (int i = 0; i < slot.Length; i++) slot[i] = (byte)(raw >> (8 * i));
        return null;
    }

    private static Int128? Integer(object argument) => argument switch
    {
        sbyte v => v, byte v => v, short v => v, ushort v => v, int v => v, uint v => v, long v => v, ulong v => v,
        char v => v, nint v => v, nuint v => v,
        _ => null,
    };

    /// <summary>What the parameter points to, when a buffer of <paramref name="element"/> is plainly not that; null when it may be.</summary>
    private static string? ElementMismatch(IrType pointee, Type element)
    {
        if (pointee is not ScalarType { Kind: not ScalarKind.Void } scalar) return null; // void*, structs, vectors: the bytes are the caller's business
        ScalarKind? kind = Type.GetTypeCode(element) switch
        {
            TypeCode.Single => ScalarKind.Float,
            TypeCode.Double => ScalarKind.Double,
            TypeCode.SByte or TypeCode.Byte => ScalarKind.Int8,
            TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char => ScalarKind.Int16,
            TypeCode.Int32 or TypeCode.UInt32 => ScalarKind.Int32,
            TypeCode.Int64 or TypeCode.UInt64 => ScalarKind.Int64,
            TypeCode.Boolean => ScalarKind.Bool,
            _ => element == typeof(Half) ? ScalarKind.Half : null,
        };
        if (kind is null || kind == scalar.Kind) return null;
        // bytes are what char* and unsigned char* point to whatever they hold; bool is a byte in memory
        if (scalar.Kind is ScalarKind.Int8 or ScalarKind.Bool && kind is ScalarKind.Int8 or ScalarKind.Bool) return null;
        // __half and __nv_bfloat16 are 16-bit structs in our headers: a ushort buffer holds their bits
        if (scalar.Kind is ScalarKind.Half or ScalarKind.BFloat16 && kind is ScalarKind.Int16) return null;
        return scalar.ToString();
    }
}
