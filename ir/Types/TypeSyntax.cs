using System.Collections.Immutable;
using System.Globalization;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Ir.Types;

/// <summary>Reads types from S-expressions and prints them in their one canonical spelling.</summary>
public static class TypeSyntax
{
    private static readonly Dictionary<string, ScalarType> Scalars = new()
    {
        ["void"] = IrType.Void, ["bool"] = IrType.Bool, ["int8"] = IrType.Int8, ["int16"] = IrType.Int16,
        ["int"] = IrType.Int32, ["int32"] = IrType.Int32, ["int64"] = IrType.Int64, ["half"] = IrType.Half,
        ["bfloat16"] = IrType.BFloat16, ["float"] = IrType.Float, ["double"] = IrType.Double,
    };

    /// <summary>True when <paramref name="name"/> spells a scalar type.</summary>
    public static bool IsScalarName(string name) => Scalars.ContainsKey(name);

    public static ScalarType? ScalarByName(string name) => Scalars.GetValueOrDefault(name);

    /// <summary>Parses a type; reports TR0107 at the offending node.</summary>
    public static IrType Parse(SExpr e)
    {
        switch (e)
        {
            case SAtom a when Scalars.TryGetValue(a.Text, out var s):
                return s;
            case SList { Head: "ptr" } l when l.Count is 2 or 3:
            {
                var pointee = Parse(l[1]);
                int space = AddressSpace.Generic;
                if (l.Count == 3) space = ParseAddrSpace(l[2]);
                return new PointerType(pointee, space);
            }
            case SList { Head: "arr" } l when l.Count == 3:
            {
                long n = ParseCount(l[1], allowZero: true);
                return new ArrayType(n, Parse(l[2]));
            }
            case SList { Head: "vec" } l when l.Count == 3:
            {
                long n = ParseCount(l[1], allowZero: false);
                var elem = Parse(l[2]);
                if (n > 4 || !(elem.IsInteger || elem.IsFloat))
                    throw Bad(e, "a vector has 1 to 4 lanes of an integer or float type, e.g. (vec 4 float)");
                return new VectorType((int)n, elem);
            }
            case SList { Head: "struct" } l when l.Count == 2 && l[1] is SAtom name:
                return new StructType(name.Text);
            default:
                throw Bad(e, $"'{SExprWriter.Flat(e)}' is not a type");
        }
    }

    /// <summary>Parses <c>(addrspace N)</c>.</summary>
    public static int ParseAddrSpace(SExpr e)
    {
        if (e is SList { Head: "addrspace", Count: 2 } l && l[1] is SAtom n
            && int.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && AddressSpace.IsKnown(v))
            return v;
        throw Bad(e, "expected (addrspace N) with N one of 0 (generic), 1 (global), 3 (shared), 4 (constant), 5 (local)");
    }

    private static long ParseCount(SExpr e, bool allowZero)
    {
        if (e is SAtom a && long.TryParse(a.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && (n > 0 || allowZero && n == 0))
            return n;
        throw Bad(e, "expected a non-negative element count");
    }

    private static DiagnosticException Bad(SExpr e, string why) => new(new Diagnostic(Codes.BadType, e.Location, why));

    /// <summary>The canonical S-expression of a type.</summary>
    public static SExpr ToSExpr(IrType t)
    {
        var at = SourceLocation.None;
        SAtom A(string s) => new(s, at);
        SList L(params SExpr[] items) => new([.. items], false, at);
        return t switch
        {
            ScalarType s => A(ScalarName(s.Kind)),
            PointerType p when p.AddressSpace == AddressSpace.Generic => L(A("ptr"), ToSExpr(p.Pointee)),
            PointerType p => L(A("ptr"), ToSExpr(p.Pointee), L(A("addrspace"), A(p.AddressSpace.ToString(CultureInfo.InvariantCulture)))),
            ArrayType a => L(A("arr"), A(a.Length.ToString(CultureInfo.InvariantCulture)), ToSExpr(a.Element)),
            VectorType v => L(A("vec"), A(v.Length.ToString(CultureInfo.InvariantCulture)), ToSExpr(v.Element)),
            StructType st => L(A("struct"), A(st.Name)),
            _ => throw new InvalidOperationException(t.GetType().Name),
        };
    }

    public static string Print(IrType t) => SExprWriter.Flat(ToSExpr(t));

    public static string ScalarName(ScalarKind k) => k switch
    {
        ScalarKind.Void => "void", ScalarKind.Bool => "bool", ScalarKind.Int8 => "int8", ScalarKind.Int16 => "int16",
        ScalarKind.Int32 => "int", ScalarKind.Int64 => "int64", ScalarKind.Half => "half", ScalarKind.BFloat16 => "bfloat16",
        ScalarKind.Float => "float", ScalarKind.Double => "double",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    internal static ImmutableArray<SExpr> Items(params SExpr[] items) => [.. items];
}
