using Translate.Ir.Diagnostics;

namespace Translate.Api;

/// <summary>
/// What went wrong, as the command-line tool reports it: the diagnostics with their stable <c>TRnnnn</c>
/// codes, locations and reasons. <see cref="Code"/> is the first error's code.
/// </summary>
public sealed class TranslateException : Exception
{
    public TranslateException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == Severity.Error).DefaultIfEmpty(diagnostics.FirstOrDefault())))
    {
        Diagnostics = diagnostics;
        Code = (diagnostics.FirstOrDefault(d => d.Severity == Severity.Error) ?? diagnostics.FirstOrDefault())?.Code.Id ?? "";
    }

    internal TranslateException(DiagnosticCode code, string message) : this([new Diagnostic(code, Ir.Syntax.SourceLocation.None, message)]) { }

    /// <summary>The first error's code, e.g. <c>TR0404</c>.</summary>
    public string Code { get; }

    /// <summary>Every diagnostic, errors first as they were found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
