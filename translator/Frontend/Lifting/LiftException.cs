using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>A construct that cannot be lifted exactly: the enclosing function is reported as not translated.</summary>
internal sealed class LiftException(DiagnosticCode code, SourceLocation location, string message) : Exception(message)
{
    public Diagnostic Diagnostic { get; } = new(code, location, message);
}
