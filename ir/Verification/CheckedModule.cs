using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Ir.Verification;

/// <summary>
/// A module that passed the type checker: every expression has its <see cref="Expr.Type"/>, every
/// name its <see cref="Symbol"/>, every call its <see cref="CallTarget"/>. Backends take only this.
/// </summary>
public sealed class CheckedModule(IrModule module, TypeLayout layout, IReadOnlyList<Symbol> globals,
    IReadOnlyList<Symbol> sharedVariables, IReadOnlyList<Diagnostic> warnings)
{
    public IrModule Module { get; } = module;
    public TypeLayout Layout { get; } = layout;
    /// <summary>Every <c>define-global</c>, in order.</summary>
    public IReadOnlyList<Symbol> Globals { get; } = globals;
    /// <summary>Every top-level <c>define-shared</c>, in order (function-level ones are in each function's Symbols).</summary>
    public IReadOnlyList<Symbol> SharedVariables { get; } = sharedVariables;
    public IReadOnlyList<Diagnostic> Warnings { get; } = warnings;

    /// <summary>
    /// Body-less declarations the program is linked against natively (the C library, <c>run --with</c>
    /// files), with their addresses in this process: host code calls them as C would.
    /// </summary>
    public IReadOnlyDictionary<string, nint> NativeFunctions { get; init; } = new Dictionary<string, nint>();

    /// <summary>The program's entry point, if it has one: <c>main</c> returning int or void, taking no
    /// parameters, <c>(argc int)</c>, or <c>(argc int) (argv POINTER)</c>.</summary>
    public FunctionDef? Main => Module.Functions.FirstOrDefault(f => f.Name == "main" && !f.IsDeclaration);

    public IEnumerable<FunctionDef> Kernels => Module.Functions.Where(f => f.IsKernel);
}
