using System.Globalization;
using System.Text;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Printing;

/// <summary>
/// Prints a module in the one canonical form: <c>print(parse(text))</c> is stable, and parsing the
/// printed text gives the same module. Literals print bare when they were bare in the source (their
/// context gives the type) and as <c>(TYPE V)</c> when the type was written.
/// </summary>
public static partial class IrPrinter
{
    private static readonly SourceLocation None = SourceLocation.None;

    public static string Print(IrModule module)
    {
        var sb = new StringBuilder("(").Append(module.Head);
        foreach (var d in module.Definitions)
        {
            sb.Append("\n  ");
            SExprWriter.Write(sb, ToSExpr(d), 2);
        }
        sb.Append(")\n");
        return sb.ToString();
    }

    private static SAtom A(string s) => new(s, None);
    private static SAtom A(long n) => new(n.ToString(CultureInfo.InvariantCulture), None);
    private static SList L(params SExpr[] items) => new([.. items], false, None);
    private static SList L(IEnumerable<SExpr> items) => new([.. items], false, None);
    private static SList Br(params SExpr[] items) => new([.. items], true, None);
    private static SExpr T(IrType t) => TypeSyntax.ToSExpr(t);

    /// <summary>
    /// The module as the forms its text is (<see cref="Print"/> writes them), every form carrying the position of the node it
    /// came from: read back with <c>IrParser.Parse</c>, it gives fresh nodes at the same source positions, which a pass that
    /// rebuilds a module needs (its diagnostics must name the program's lines, not the printed text's).
    /// </summary>
    public static SExpr ToForm(IrModule module) =>
        new SList([A(module.Head), .. module.Definitions.Select(ToSExpr)], false, None);

    /// <summary>A form with <paramref name="at"/> as its position (forms made here are made at none).</summary>
    private static SExpr Located(SExpr e, SourceLocation at) => at.IsNone ? e : e switch
    {
        SAtom a => new SAtom(a.Text, at),
        SList l => new SList(l.Items, l.Bracketed, at),
        SString s => new SString(s.Value, at),
        _ => e,
    };

    public static SExpr ToSExpr(Definition d) => Located(DefinitionForm(d), d.Location);

    private static SExpr DefinitionForm(Definition d) => d switch
    {
        FunctionDef f => L(new SExpr[]
            {
                A(f.Kind switch { FunctionKind.Kernel => "define-kernel", FunctionKind.Inline => "define-inline", _ => "define" }),
                L(new SExpr[] { L(A(f.Name), T(f.ReturnType)) }.Concat(f.Parameters.Select(p => L(A(p.Name), T(p.Type))))),
            }.Concat(BodyItems(f))),
        StructDef s => L(new SExpr[] { A("define-struct"), A(s.Name) }.Concat(s.Fields.Select(f => L(A(f.Name), T(f.Type))))),
        GlobalDef g => L(GlobalItems(g)),
        SharedDef sh => L(A("define-shared"), A(sh.Name), T(sh.Type)),
        _ => throw new InvalidOperationException(d.GetType().Name),
    };

    /// <summary>A definition's statements; an empty body prints as the empty block <c>()</c>, since a
    /// definition with no statements reads back as a declaration.</summary>
    private static IEnumerable<SExpr> BodyItems(FunctionDef f) =>
        f.Body is null ? [] : f.Body.Statements.Count == 0 ? [L()] : f.Body.Statements.Select(ToSExpr);

    private static IEnumerable<SExpr> GlobalItems(GlobalDef g)
    {
        yield return A("define-global");
        yield return L(A(g.Name), T(g.Type));
        if (g.Initializer is not null) yield return L(A("const"), ToSExpr(g.Initializer, g.Type));
        if (g.PointsTo is not null) yield return L(A("ptr-to"), A(g.PointsTo));
        if (g.AddressSpace != AddressSpace.Generic) yield return L(A("addrspace"), A(g.AddressSpace));
        if (g.External) yield return L(A("linkage"), A("external"));
    }

    private static SExpr ToSExpr(Constant c, IrType? type) => c switch
    {
        IntConstant i => A(i.Value.ToString(CultureInfo.InvariantCulture)),
        FloatConstant f => A(Literals.FormatFloat(f.Value, 64)),
        BoolConstant b => A(b.Value ? "#t" : "#f"),
        StringConstant s => new SString(s.Value, None),
        ListConstant l => L(l.Items.Select(x => ToSExpr(x, ElementOf(type)))),
        _ => throw new InvalidOperationException(),
    };

    private static IrType? ElementOf(IrType? t) => t switch { ArrayType a => a.Element, VectorType v => v.Element, _ => null };
}
