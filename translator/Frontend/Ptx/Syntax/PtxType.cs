using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>An instruction type suffix: <c>.b32</c>, <c>.u64</c>, <c>.s16</c>, <c>.f32</c>, <c>.f16x2</c>, <c>.pred</c> …</summary>
internal readonly record struct PtxType(char Kind, int Bits, bool Pair = false)
{
    public bool IsSigned => Kind == 's';
    public bool IsFloat => Kind == 'f';
    public bool IsPredicate => Kind == 'p';
    public bool IsInteger => Kind is 'b' or 'u' or 's';

    /// <summary>The IR type a value of this PTX type is computed in (f16x2 travels as its 32 bits).</summary>
    public IrType Ir => Kind switch
    {
        'p' => IrType.Bool,
        'f' when Pair => IrType.Int32,
        'f' => Bits switch { 16 => IrType.Half, 32 => IrType.Float, _ => IrType.Double },
        _ => Integer(Bits),
    };

    public static IrType Integer(int bits) => bits switch { 8 => IrType.Int8, 16 => IrType.Int16, 32 => IrType.Int32, _ => IrType.Int64 };

    public static PtxType? Parse(string s) => s switch
    {
        "pred" => new PtxType('p', 1),
        "f16x2" => new PtxType('f', 16, Pair: true),
        "f16" or "f32" or "f64" => new PtxType('f', int.Parse(s[1..])),
        "b8" or "b16" or "b32" or "b64" or "u8" or "u16" or "u32" or "u64" or "s8" or "s16" or "s32" or "s64" => new PtxType(s[0], int.Parse(s[1..])),
        _ => null,
    };

    /// <summary>The IR type of a register declared <c>.reg .TYPE</c> (f16 and f16x2 registers hold bits).</summary>
    public static IrType? RegisterType(string declared) => Parse(declared) switch
    {
        null => null,
        { Kind: 'p' } => IrType.Bool,
        { Kind: 'f', Bits: 16, Pair: true } => IrType.Int32,
        { Kind: 'f', Bits: 16 } => IrType.Int16,
        { Bits: 8 } => null,
        var t => t.Value.Ir,
    };

    public override string ToString() => IsPredicate ? ".pred" : $".{Kind}{Bits}{(Pair ? "x2" : "")}";
}
