using System.Text.Json.Serialization;
using Translate.Ir.Diagnostics;

namespace Translate.Cli.Migration;

/// <summary>The machine-readable migration report (<c>--report FILE.json</c>): the whole batch, file by file.</summary>
internal sealed record MigrationReport(string Tool, string Version, IReadOnlyList<string> Targets, MigrationTotals Totals, IReadOnlyList<FileReport> Files);

/// <summary>Counts over the batch: what the human summary is computed from.</summary>
internal sealed record MigrationTotals(int Files, int FilesTranslated, int FilesSkipped, int Kernels, int KernelsTranslated,
    int Functions, int FunctionsTranslated, long Lines, long LinesTranslated, int Errors, int Warnings, double Seconds,
    double EffortHours, int HostLifted, int HostNative);

/// <summary>
/// One input file: translated or not, every function, every diagnostic, its outputs and timings.
/// <see cref="Skipped"/> is true when it was unchanged since the last run and its stored result reused.
/// </summary>
internal sealed record FileReport(string Path, string Status, bool Skipped, int Lines, IReadOnlyList<FunctionReport> Functions,
    IReadOnlyList<DiagnosticReport> Diagnostics, IReadOnlyList<OutputReport> Outputs, TimingReport Timings)
{
    public const string Translated = "translated";
    public const string Failed = "failed";

    /// <summary>What became of the host code (null when clang could not parse the file); independent of <see cref="Status"/>,
    /// which is about the device code.</summary>
    public HostReport? Host { get; init; }

    [JsonIgnore]
    public bool IsTranslated => Status == Translated;

    /// <summary>The estimated hours of manual work its diagnostics ask for (<see cref="EffortEstimate"/>).</summary>
    public double EffortHours => EffortEstimate.Hours(Diagnostics);
}

/// <summary>
/// A file's host code: <see cref="Lifted"/> into the IR with the kernels, or <see cref="Native"/> — C++ that stays as it
/// is, built with its device code by <see cref="BuildCommand"/> (<c>translate build</c>, build mode) — and why.
/// </summary>
internal sealed record HostReport(string Status, string? Reason, string? BuildCommand)
{
    public const string Lifted = "lifted";
    public const string Native = "native";
}

/// <summary>A CUDA function: its IR name, role, and why it was not translated (the reason's code and message) when it was not.</summary>
internal sealed record FunctionReport(string Name, string IrName, string Role, bool Translated, int Line, int Column, DiagnosticReport? Reason);

/// <summary>One diagnostic with its stable code, severity, location and reason.</summary>
internal sealed record DiagnosticReport(string Code, string Severity, string File, int Line, int Column, string Message)
{
    public static DiagnosticReport From(Diagnostic d) => new(d.Code.Id, d.Severity switch
    {
        Ir.Diagnostics.Severity.Error => "error",
        Ir.Diagnostics.Severity.Warning => "warning",
        _ => "note",
    }, d.Location.File, d.Location.Line, d.Location.Column, d.Message);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Severity} {Code}: {Message}" : $"{File}: {Severity} {Code}: {Message}";
}

/// <summary>One output written: the target and its path relative to OUTDIR.</summary>
internal sealed record OutputReport(string Target, string Path);

/// <summary>Milliseconds spent lifting (parse, lift, type check) and per target.</summary>
internal sealed record TimingReport(double LiftMs, IReadOnlyDictionary<string, double> TargetMs);
