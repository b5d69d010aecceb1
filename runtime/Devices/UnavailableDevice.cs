using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Runtime.Devices;

/// <summary>A device that is known but cannot run programs here (not built yet, or its library is missing).</summary>
public sealed class UnavailableDevice(string name, string description, string reason) : IDevice
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    public string? UnavailableReason { get; } = reason;

    public int Run(CheckedModule program, RunOptions options) =>
        throw new DiagnosticException(new Diagnostic(Codes.UnknownDevice, new SourceLocation(program.Module.File, 1, 1),
            $"device '{Name}' is not available: {UnavailableReason}"));
}
