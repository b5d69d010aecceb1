using Translate.Ir.Syntax;

namespace Translate.Ir.Diagnostics;

public enum Severity { Note, Warning, Error }

/// <summary>
/// A problem found in the user's input: a stable code (never reused), a severity, where it is
/// and why. Printed as <c>FILE:LINE:COL: error TRnnnn: message</c>.
/// </summary>
public sealed record Diagnostic(DiagnosticCode Code, SourceLocation Location, string Message)
{
    public Severity Severity => Code.Severity;

    public override string ToString()
    {
        var sev = Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };
        return $"{Location}: {sev} {Code.Id}: {Message}";
    }
}

/// <summary>Thrown when a stage cannot go on; carries the diagnostics that explain why.</summary>
public sealed class DiagnosticException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public DiagnosticException(Diagnostic d) : this([d]) { }
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>Collects diagnostics during one stage.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Add(Diagnostic d) => _items.Add(d);
    public void Add(DiagnosticCode code, SourceLocation at, string message) => _items.Add(new(code, at, message));
    public void AddRange(IEnumerable<Diagnostic> ds) => _items.AddRange(ds);
}
