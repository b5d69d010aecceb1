using Translate.Ir.Syntax;

namespace Translate.Ir.Model;

/// <summary>Any node of an IR module; knows where it came from in the text.</summary>
public abstract class Node(SourceLocation location)
{
    public SourceLocation Location { get; } = location;
}
