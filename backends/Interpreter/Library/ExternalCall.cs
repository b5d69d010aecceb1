using Translate.Interpreter.Execution;
using Translate.Interpreter.Memory;
using Translate.Ir.Types;

namespace Translate.Interpreter.Library;

/// <summary>One call of an external function: the machine, the calling thread and the argument values.</summary>
internal readonly struct ExternalCall(Machine machine, ExecutionThread thread, long[] arguments, IrType[] types)
{
    public Machine Machine { get; } = machine;
    public ExecutionThread Thread { get; } = thread;
    public long[] Arguments { get; } = arguments;
    public IrType[] Types { get; } = types;
    public Heap Heap => Machine.Heap;
    public bool OnDevice => Thread.Block is not null;

    public long this[int i] => Arguments[i];
    public int Int(int i) => (int)Arguments[i];
}
