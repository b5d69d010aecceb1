using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Execution;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Interpreter.Compilation;

/// <summary>
/// Lowers one checked function to register bytecode, once, before it first runs. Parameters and
/// locals keep the registers numbered by their <see cref="Symbol.Index"/>; each expression gets a
/// fresh temporary register after them (no reuse: a frame is cheap and the code stays simple).
/// Split by concern: this file holds the frame plumbing, the other parts statements and expressions.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private readonly LoadedProgram _program;
    private readonly FunctionCode _function;
    private readonly TypeLayout _layout;
    private readonly List<Instruction> _code = [];
    private readonly List<SourceLocation> _locations = [];
    private readonly List<object> _data = [];
    private readonly List<(int Register, long Offset)> _temporaries = [];
    private readonly List<(int Register, long Value)> _preloads = [];
    private readonly Dictionary<long, int> _preloadedConstants = [];
    private readonly Stack<(List<int> Breaks, List<int> Continues)> _loops = new();
    private long _temporaryBytes;
    private int _nextRegister;

    private FunctionCompiler(LoadedProgram program, FunctionCode function)
    {
        _program = program;
        _function = function;
        _layout = program.Layout;
        _nextRegister = function.Definition.Symbols.Count;
    }

    /// <summary>Fills <paramref name="function"/>'s code.</summary>
    public static void Compile(LoadedProgram program, FunctionCode function)
    {
        var c = new FunctionCompiler(program, function);
        c.CompileBody();
    }

    private void CompileBody()
    {
        var def = _function.Definition;
        var memory = new List<MemoryVariable>();
        foreach (var s in def.Symbols)
        {
            if (s.Kind is not (SymbolKind.Parameter or SymbolKind.Local) || !NeedsMemory(s)) continue;
            memory.Add(new MemoryVariable(s.Index, _layout.SizeOf(s.Type), _layout.AlignOf(s.Type), s.Kind == SymbolKind.Parameter,
                s.Type.IsAggregate, s.Type.IsAggregate ? 0 : ScalarInfo.Of(s.Type).Size, s.Name));
        }
        Statement(def.Body!);
        Emit(new Instruction(OpCode.Return, b: -1), def.Location);
        _function.Code = [.. _code];
        _function.Locations = [.. _locations];
        _function.Data = [.. _data];
        _function.RegisterCount = _nextRegister;
        _function.MemoryVariables = [.. memory];
        _function.Temporaries = [.. _temporaries];
        _function.TemporaryBytes = _temporaryBytes;
        _function.Preloads = [.. _preloads];
    }

    /// <summary>Aggregates always live in memory, whatever the checker said.</summary>
    private static bool NeedsMemory(Symbol s) => s.NeedsMemory || s.Type.IsAggregate;

    private int NewRegister() => _nextRegister++;

    /// <summary>A register that holds the address of fresh per-frame scratch memory for an aggregate value.</summary>
    private int NewTemporary(IrType type)
    {
        long align = _layout.AlignOf(type);
        _temporaryBytes = (_temporaryBytes + align - 1) / align * align;
        var r = NewRegister();
        _temporaries.Add((r, _temporaryBytes));
        _temporaryBytes += Math.Max(1, _layout.SizeOf(type));
        return r;
    }

    /// <summary>A register preloaded with a constant at frame start (addresses of globals and strings).</summary>
    private int Preloaded(long value)
    {
        if (_preloadedConstants.TryGetValue(value, out var r)) return r;
        r = NewRegister();
        _preloads.Add((r, value));
        return _preloadedConstants[value] = r;
    }

    private int Emit(Instruction i, SourceLocation at)
    {
        _code.Add(i);
        _locations.Add(at);
        return _code.Count - 1;
    }

    private int AddData(object o)
    {
        _data.Add(o);
        return _data.Count - 1;
    }

    private int Here => _code.Count;

    private void PatchJump(int at, int target)
    {
        var i = _code[at];
        i.Imm = target;
        _code[at] = i;
    }

    private int EmitJump(OpCode op, int condition, SourceLocation at) => Emit(new Instruction(op, b: condition, imm: -1), at);

    private long SizeOf(IrType t) => _layout.SizeOf(t);

    private IrType Pointee(IrType pointer) => pointer is PointerType p ? p.Pointee : IrType.Int8;

    /// <summary>Bytes per element for pointer arithmetic on <paramref name="pointer"/> (void counts as 1).</summary>
    private long ElementSize(IrType pointer)
    {
        var t = Pointee(pointer);
        return t.IsVoid ? 1 : Math.Max(1, SizeOf(t));
    }
}
