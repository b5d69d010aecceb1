using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Model;

public enum SymbolKind { Parameter, Local, Global, Shared }

/// <summary>
/// A named variable after name resolution. The type checker creates one per parameter, <c>declare</c>,
/// global and shared variable, and points every <see cref="VarRef"/>, <see cref="SetStmt"/> and
/// <see cref="PtrToExpr"/> at it, so later stages never look names up.
/// </summary>
public sealed class Symbol(string name, IrType type, SymbolKind kind, SourceLocation location)
{
    public string Name { get; } = name;
    public IrType Type { get; } = type;
    public SymbolKind Kind { get; } = kind;
    public SourceLocation Location { get; } = location;

    /// <summary>For parameters and locals: a dense index within the function (parameters first).</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>True when <c>(ptr-to NAME)</c> takes its address, or it is an aggregate (arrays, structs,
    /// vectors live in memory): such a variable needs a memory home rather than a register.</summary>
    public bool NeedsMemory { get; internal set; }

    /// <summary>The global or shared definition, for those kinds.</summary>
    public Definition? Definition { get; internal set; }

    public override string ToString() => $"{Kind} {Name}: {Type}";
}

/// <summary>What a call resolves to: a function of the module, or a function every device provides.</summary>
public sealed record CallTarget(FunctionDef? Function, ExternalFunction? External);
