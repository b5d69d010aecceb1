using System.Diagnostics;
using Translate.DeviceContract;
using Translate.Interpreter.Execution;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Interpreter;

/// <summary>The outcome of a run: exit status, and how much work it took.</summary>
/// <param name="ExitCode">main's return value (0 for a void main), or the argument of exit.</param>
/// <param name="Instructions">Bytecode instructions executed over all threads.</param>
/// <param name="Elapsed">Wall-clock time of the run, including compiling functions to bytecode.</param>
public sealed record InterpreterResult(int ExitCode, long Instructions, TimeSpan Elapsed)
{
    /// <summary>Instructions per second: the interpreter's speed on this program.</summary>
    public double InstructionsPerSecond => Elapsed.TotalSeconds > 0 ? Instructions / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The reference interpreter: runs a checked module from <c>main</c>, with kernels launched from it
/// executed thread by thread. Each function is lowered once to register bytecode (see
/// <c>Bytecode/OpCode.cs</c>); threads keep explicit frame stacks so barriers and warp collectives can
/// suspend them anywhere. Errors in the program are thrown as <see cref="DiagnosticException"/> (TR03xx).
/// </summary>
public static class IrInterpreter
{
    /// <summary>
    /// Runs <paramref name="program"/>; <paramref name="arguments"/> become argv[1..]. With a
    /// <paramref name="dispatcher"/>, kernels run on another device while host code runs here. With an
    /// <paramref name="assembler"/>, inline assembly runs as native code; without, it is TR0904 when reached.
    /// </summary>
    public static InterpreterResult Run(CheckedModule program, IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr,
        string programName = "program", IKernelDispatcher? dispatcher = null, Native.IInlineAssembler? assembler = null)
    {
        var main = program.Main ?? throw new DiagnosticException(new Diagnostic(Codes.NoMain,
            new SourceLocation(program.Module.File, 1, 1), "the program has no main function to run"));
        var clock = Stopwatch.StartNew();
        var machine = new Machine(new LoadedProgram(program, new ExternalLibrary(), assembler: assembler), stdout, stderr, dispatcher);
        var code = machine.Program.CodeOf(main);
        long[] args = main.Parameters.Count == 0 ? [] : MainArguments(machine, programName, arguments)[..main.Parameters.Count];
        int exit;
        try
        {
            var thread = machine.StartThread(code, args, null);
            machine.Run(thread);
            exit = main.ReturnType.IsVoid ? 0 : (int)thread.ReturnValue;
        }
        catch (ProgramExit e)
        {
            exit = e.Status;
        }
        catch (RuntimeError e)
        {
            // Raised outside any instruction (e.g. while setting up main's frame).
            throw new DiagnosticException(new Diagnostic(e.Code, main.Location, e.Message));
        }
        finally
        {
            stdout.Flush();
        }
        return new InterpreterResult(exit, machine.InstructionCount, clock.Elapsed);
    }

    /// <summary>
    /// Measures the interpreter's speed on <paramref name="program"/>: runs it with its output discarded
    /// and reports instructions executed and wall-clock time (the CLI and README print
    /// <see cref="InterpreterResult.InstructionsPerSecond"/>). Not a test: figures depend on the machine.
    /// </summary>
    public static InterpreterResult Measure(CheckedModule program) => Run(program, [], TextWriter.Null, TextWriter.Null);

    /// <summary>argc and argv: argv[0] is the program name, argv[argc] is null, as C promises.</summary>
    private static long[] MainArguments(Machine machine, string programName, IReadOnlyList<string> arguments)
    {
        var heap = machine.Heap;
        var all = new[] { programName }.Concat(arguments).ToList();
        long argv = heap.Allocate(8L * (all.Count + 1), AllocationKind.Host, "argv");
        for (int i = 0; i < all.Count; i++) heap.Write(argv + 8L * i, 8, heap.AllocateString(all[i], AllocationKind.Host));
        return [all.Count, argv];
    }
}
