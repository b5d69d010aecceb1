using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Parsing;

/// <summary>
/// A program may declare a C library function with integer widths of its own, as upstream's programs
/// do (<c>(define ((malloc (ptr int)) (bytes int)))</c>): upstream hands the declaration to clang and
/// the C calling convention widens the argument. Here such a declaration takes the library's
/// signature, and each call converts as C would: an <c>int</c> argument to an <c>int64</c> parameter
/// is sign-extended, a wider one truncated, and the result is cast back to the declared type.
/// A declaration that differs in anything else (a float for an int, a count) stays as written and the
/// type checker reports it (TR0204).
/// </summary>
public sealed partial class IrParser
{
    private readonly Dictionary<string, (IrType Return, IReadOnlyList<IrType> Parameters)> _redeclaredLibrary = [];

    /// <summary>Notes every body-less declaration of a library function that differs only in integer widths or pointer types.</summary>
    private void CollectLibraryRedeclarations(IEnumerable<SExpr> definitions)
    {
        foreach (var d in definitions)
        {
            if (d is not SList { Head: "define", Count: 2 } l || l[1] is not SList { Count: >= 1 } sig
                || sig[0] is not SList { Count: 2 } nameAndType || nameAndType[0] is not SAtom name
                || Externals.Find(name.Text) is not { Kind: ExternalKind.CLibrary, Variadic: false } ext)
                continue;
            try
            {
                var ret = TypeSyntax.Parse(nameAndType[1]);
                var ps = sig.Items.Skip(1).Select(p => p is SList { Count: 2 } pl ? TypeSyntax.Parse(pl[1]) : null).ToList();
                if (ps.Count != ext.Parameters.Count || ps.Any(p => p is null)) continue;
                var pairs = ext.Parameters.Zip(ps!, (library, declared) => (Library: library, Declared: declared!))
                    .Append((Library: ext.Return, Declared: ret)).ToList();
                // Only integer widths call for conversions; any other difference is left to the checker.
                if (pairs.All(p => Adaptable(p.Library, p.Declared)) && pairs.Any(p => p.Library != p.Declared && p.Library.IsInteger))
                    _redeclaredLibrary[name.Text] = (ret, ps!);
            }
            catch (Diagnostics.DiagnosticException)
            {
                // A bad type is reported when the declaration itself is parsed.
            }
        }
    }

    /// <summary>True when a value of <paramref name="declared"/> type converts to the library's as C's call would:
    /// the same type, any two host pointers (library pointers are void*), or two integers.</summary>
    private static bool Adaptable(IrType library, IrType declared) =>
        library == declared
        || library is PointerType { AddressSpace: AddressSpace.Generic } && declared is PointerType { AddressSpace: AddressSpace.Generic }
        || library.IsInteger && declared.IsInteger;

    /// <summary>The declaration of a redeclared library function, with the library's own signature.</summary>
    private static FunctionDef LibrarySignature(FunctionDef declared, ExternalFunction ext) =>
        new(declared.Location, declared.Kind, declared.Name, ext.Return,
            declared.Parameters.Zip(ext.Parameters).Select(z => new Parameter(z.First.Name, z.Second, z.First.Location)).ToList(), null);

    /// <summary>A call of a redeclared library function: arguments converted to the library's types, the result to the declared one.</summary>
    private Expr AdaptedLibraryCall(SourceLocation at, string name, List<Expr> arguments)
    {
        var (ret, ps) = _redeclaredLibrary[name];
        var ext = Externals.Find(name)!;
        var converted = arguments.Select((a, i) => i < ps.Count ? Convert(at, a, ps[i], ext.Parameters[i]) : a).ToList();
        return Convert(at, new CallExpr(at, name, converted), ext.Return, ret);
    }

    private static Expr Convert(SourceLocation at, Expr e, IrType from, IrType to)
    {
        if (from == to || to.IsVoid) return e;
        if (from.IsInteger && to.IsInteger)
            return new CastExpr(at, from.Bits < to.Bits ? CastOp.SExt : CastOp.Trunc, e, to);
        return new CastExpr(at, CastOp.Bitcast, e, to);
    }
}
