using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>The IR types of PTX parameters and variables.</summary>
internal static class PtxParameters
{
    /// <summary>A scalar parameter's IR type: its width and kind (pointers are .u64/.b64 integers, as PTX has them).
    /// An aggregate passed by value (<c>.b8 p[16]</c>) or a vector is not translated.</summary>
    public static IrType IrType(PtxParameter p)
    {
        if (p.ArrayLength is not null || p.Vector != 1)
            throw new PtxException($"the parameter '{p.Name}' is an aggregate passed by value (.{p.Type}{(p.ArrayLength is { } n ? $"[{n}]" : "")}), which is not translated");
        return ScalarType(p.Type) ?? throw new PtxException($"the parameter '{p.Name}' has the type .{p.Type}, which is not translated");
    }

    /// <summary>The IR type of one element of PTX type <paramref name="type"/> (b8 … f64), or null.</summary>
    public static IrType? ScalarType(string type) => PtxType.Parse(type) switch
    {
        null or { IsPredicate: true } or { Pair: true } => null,
        { Kind: 'f', Bits: 16 } => Ir.Types.IrType.Int16,
        var t => t.Value.Ir,
    };
}
