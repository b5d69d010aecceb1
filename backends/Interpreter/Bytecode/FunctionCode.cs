using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Interpreter.Bytecode;

/// <summary>A variable that lives in memory (address taken, or an aggregate): allocated when the frame starts.</summary>
internal sealed record MemoryVariable(int Register, long Size, int Align, bool IsParameter, bool IsAggregate, int ScalarSize, string Name);

/// <summary>A function lowered to bytecode, ready to run: instructions, their IR locations, side data.</summary>
internal sealed class FunctionCode(FunctionDef definition)
{
    public FunctionDef Definition { get; } = definition;
    public string Name => Definition.Name;
    public Instruction[] Code { get; set; } = [];
    public SourceLocation[] Locations { get; set; } = [];
    /// <summary>Side tables referenced by <see cref="Instruction.Imm"/> (call sites, casts, messages …).</summary>
    public object[] Data { get; set; } = [];
    public int RegisterCount { get; set; }
    public int ParameterCount => Definition.Parameters.Count;
    public MemoryVariable[] MemoryVariables { get; set; } = [];
    /// <summary>Aggregate temporaries: register and offset in one per-frame scratch allocation.</summary>
    public (int Register, long Offset)[] Temporaries { get; set; } = [];
    public long TemporaryBytes { get; set; }
    /// <summary>Constants preloaded into registers at frame start (string literal and global addresses).</summary>
    public (int Register, long Value)[] Preloads { get; set; } = [];
    public bool IsCompiled { get; set; }

    public override string ToString() => Name;
}
