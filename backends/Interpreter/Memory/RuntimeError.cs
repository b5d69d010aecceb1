using Translate.Ir.Diagnostics;

namespace Translate.Interpreter.Memory;

/// <summary>
/// An error found while running (bad access, division by zero …). Thrown deep inside an operation
/// without a location; the executor catches it and adds the IR location, CUDA location and thread.
/// </summary>
internal sealed class RuntimeError(DiagnosticCode code, string message) : Exception(message)
{
    public DiagnosticCode Code { get; } = code;
}

/// <summary>Thrown by <c>exit</c> and <c>abort</c>: ends the program with a status.</summary>
internal sealed class ProgramExit(int status) : Exception($"exit({status})")
{
    public int Status { get; } = status;
}
