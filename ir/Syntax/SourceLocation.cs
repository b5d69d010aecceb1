namespace Translate.Ir.Syntax;

/// <summary>A position in a source file: 1-based line and column (columns count UTF-16 code units).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for things that have no source text (built in memory).</summary>
    public static readonly SourceLocation None = new("<none>", 0, 0);

    public bool IsNone => Line == 0;

    public override string ToString() => IsNone ? File : $"{File}:{Line}:{Column}";
}
