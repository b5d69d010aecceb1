using Translate.Ir.Verification;

namespace Translate.Runtime.Devices;

/// <summary>What a program run is given: its arguments (argv[1..]) and where its output goes.</summary>
public sealed record RunOptions(IReadOnlyList<string> Arguments, TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>The program name passed as argv[0].</summary>
    public string ProgramName { get; init; } = "program";
}

/// <summary>
/// A place programs run: <c>interp</c> (the reference interpreter), later <c>cpu</c>, <c>opencl</c>,
/// <c>cuda</c>, <c>hip</c>. A device that cannot work on this machine is still listed, with the reason.
/// </summary>
public interface IDevice
{
    /// <summary>The name users select it by (<c>--device NAME</c>).</summary>
    string Name { get; }

    /// <summary>One line for <c>translate devices</c>.</summary>
    string Description { get; }

    /// <summary>Null when usable here; otherwise why not (e.g. which library is missing).</summary>
    string? UnavailableReason { get; }

    /// <summary>
    /// Runs the whole program from <c>main</c> and returns its exit status (main's return value;
    /// 0 for a void main; the argument of <c>exit</c>). Errors in the program (TR03xx: memory errors,
    /// barrier divergence …) are thrown as <see cref="Translate.Ir.Diagnostics.DiagnosticException"/>.
    /// </summary>
    int Run(CheckedModule program, RunOptions options);
}
