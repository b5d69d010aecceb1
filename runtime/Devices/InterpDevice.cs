using Translate.Interpreter;
using Translate.Ir.Verification;

namespace Translate.Runtime.Devices;

/// <summary>
/// The reference interpreter as a device: always available, runs host code and kernels exactly as
/// the IR defines them, checking every memory access. The other devices are compared against it.
/// </summary>
public sealed class InterpDevice : IDevice
{
    public string Name => "interp";

    public string Description => "reference interpreter (register bytecode; checks every memory access, barrier and warp operation)";

    public string? UnavailableReason => null;

    /// <summary>The measurements of the latest run (instructions executed, time), for reports such as <c>--stats</c>.</summary>
    public InterpreterResult? LastResult { get; private set; }

    public int Run(CheckedModule program, RunOptions options)
    {
        // Inline assembly (x86-64, as upstream's C-Lisp programs write it) runs as native code the host assembler makes.
        using var assembler = new HostInlineAssembler();
        LastResult = IrInterpreter.Run(program, options.Arguments, options.Stdout, options.Stderr, options.ProgramName, assembler: assembler);
        return LastResult.ExitCode;
    }
}
