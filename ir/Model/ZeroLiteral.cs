using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Model;

/// <summary>The literal zero of a scalar type: false, 0, 0.0 or null.</summary>
public static class ZeroLiteral
{
    /// <summary>The zero of <paramref name="t"/>, or null for types with no literal (structs, arrays, vectors).</summary>
    public static Expr? Of(IrType t, SourceLocation at) => t switch
    {
        _ when t.IsBool => new BoolLit(at, false),
        _ when t.IsInteger => new IntLit(at, 0, t),
        _ when t.IsFloat => new FloatLit(at, 0, t),
        PointerType p => new NullLit(at, p),
        _ => null,
    };
}
