using System.Collections.Immutable;

namespace Translate.Ir.Syntax;

/// <summary>
/// An S-expression as read from text, before it is given meaning as IR. Every node keeps the
/// location of its first character so later stages can report errors at line:column.
/// </summary>
public abstract record SExpr(SourceLocation Location);

/// <summary>A symbol, number or boolean, kept as its exact spelling.</summary>
public sealed record SAtom(string Text, SourceLocation Location) : SExpr(Location)
{
    public override string ToString() => Text;
}

/// <summary>A string literal with escapes already decoded.</summary>
public sealed record SString(string Value, SourceLocation Location) : SExpr(Location)
{
    public override string ToString() => SExprWriter.QuoteString(Value);
}

/// <summary>
/// A list. <see cref="Bracketed"/> records that it was written <c>[...]</c>, which the reader
/// treats as a list (CUDA-Lisp writes <c>[tid.x]</c>); the printer keeps the spelling.
/// </summary>
public sealed record SList(ImmutableArray<SExpr> Items, bool Bracketed, SourceLocation Location) : SExpr(Location)
{
    public int Count => Items.Length;
    public SExpr this[int i] => Items[i];

    /// <summary>The head symbol, if the list starts with one.</summary>
    public string? Head => Items.Length > 0 && Items[0] is SAtom a ? a.Text : null;

    public override string ToString() => SExprWriter.Write(this);
}
