using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Compilation;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;
using System.Text;

namespace Translate.Interpreter.Execution;

/// <summary>
/// A checked module made ready to run: globals laid out in memory with their initial values, string
/// literals interned, shared variables numbered, and functions compiled to bytecode on first use.
/// </summary>
internal sealed class LoadedProgram
{
    private readonly Dictionary<FunctionDef, FunctionCode> _code = [];
    private readonly Dictionary<string, long> _globals = [];
    private readonly Dictionary<string, long> _strings = [];
    private readonly Dictionary<SharedDef, int> _sharedSlots = [];
    private readonly List<SharedDef> _shared = [];

    /// <summary>Lays out <paramref name="program"/>'s globals; <paramref name="native"/> is the process memory kernels
    /// reach when they run for a native executable (build mode), or null; <paramref name="assembler"/> makes inline
    /// assembly native code (null: it is reported when reached).</summary>
    public LoadedProgram(CheckedModule program, ExternalLibrary library, NativeMirrors? native = null, Native.IInlineAssembler? assembler = null)
    {
        Assembler = assembler;
        Heap = new Heap(native);
        Checked = program;
        Library = library;
        Heap.AllowBothSides(); // initial values of device globals are written by the loader, not by host code
        foreach (var g in program.Module.Globals)
        {
            var kind = g.AddressSpace switch
            {
                AddressSpace.Constant => AllocationKind.Constant,
                AddressSpace.Global => AllocationKind.Device,
                _ => AllocationKind.Global,
            };
            _globals[g.Name] = Heap.Allocate(Math.Max(1, Layout.SizeOf(g.Type)), kind, $"global '{g.Name}'");
        }
        foreach (var g in program.Module.Globals)
        {
            if (g.Initializer is not null) WriteConstant(_globals[g.Name], g.Type, g.Initializer);
            if (g.PointsTo is not null && _globals.TryGetValue(g.PointsTo, out var target)) Heap.Write(_globals[g.Name], 8, target);
        }
        Heap.UseSide(host: true);
        foreach (var s in program.Module.SharedVariables) SlotOf(s);
        foreach (var f in program.Module.Functions)
            foreach (var s in f.Symbols)
                if (s.Kind == SymbolKind.Shared && s.Definition is SharedDef d) SlotOf(d);
    }

    public CheckedModule Checked { get; }
    public IrModule Module => Checked.Module;
    public TypeLayout Layout => Checked.Layout;
    public Heap Heap { get; }
    public ExternalLibrary Library { get; }

    /// <summary>What turns inline assembly into native code, or null when the run has nothing to do it.</summary>
    public Native.IInlineAssembler? Assembler { get; }

    /// <summary>Every shared variable, by slot number.</summary>
    public IReadOnlyList<SharedDef> SharedVariables => _shared;

    public FunctionCode CodeOf(FunctionDef f)
    {
        if (!_code.TryGetValue(f, out var code)) _code[f] = code = new FunctionCode(f);
        return code;
    }

    /// <summary>Compiles a function the first time it is called (so unused functions cost nothing).</summary>
    public void EnsureCompiled(FunctionCode f)
    {
        if (f.IsCompiled) return;
        f.IsCompiled = true;
        FunctionCompiler.Compile(this, f);
    }

    private readonly Dictionary<string, Native.NativeFunction> _natives = [];

    /// <summary>The libffi caller of a natively linked declaration, prepared once per function; null when it is not linked natively.</summary>
    public Native.NativeFunction? NativeFunction(FunctionDef declared)
    {
        if (_natives.TryGetValue(declared.Name, out var f)) return f;
        if (!Checked.NativeFunctions.TryGetValue(declared.Name, out var address)) return null;
        return _natives[declared.Name] = new Native.NativeFunction(declared, address);
    }

    public long GlobalAddress(Symbol s) => _globals[s.Name];

    public long GlobalAddress(string name) => _globals.TryGetValue(name, out var a) ? a : 0;

    public long StringAddress(string value)
    {
        if (!_strings.TryGetValue(value, out var p)) _strings[value] = p = Heap.AllocateString(value);
        return p;
    }

    public int SharedSlot(Symbol s)
    {
        if (s.Definition is SharedDef d) return SlotOf(d);
        var byName = _shared.FindIndex(x => x.Name == s.Name);
        return byName >= 0 ? byName : throw new InvalidOperationException($"shared variable '{s.Name}' has no definition");
    }

    private int SlotOf(SharedDef d)
    {
        if (_sharedSlots.TryGetValue(d, out var slot)) return slot;
        _shared.Add(d);
        return _sharedSlots[d] = _shared.Count - 1;
    }

    private void WriteConstant(long address, IrType type, Constant c)
    {
        switch (c)
        {
            case IntConstant i when type.IsFloat:
                Heap.Write(address, ScalarInfo.Of(type).Size, Values.FloatFromDouble((double)i.Value, ScalarInfo.Of(type).Float));
                break;
            case IntConstant i:
                Heap.Write(address, ScalarInfo.Of(type).Size, (long)i.Value);
                break;
            case FloatConstant f:
                Heap.Write(address, ScalarInfo.Of(type).Size, Values.FloatFromDouble(f.Value, ScalarInfo.Of(type).Float));
                break;
            case BoolConstant b:
                Heap.Write(address, 1, b.Value ? 1 : 0);
                break;
            case StringConstant s when type is ArrayType:
                var bytes = Encoding.UTF8.GetBytes(s.Value);
                var span = Heap.Bytes(address, Layout.SizeOf(type), true);
                bytes.AsSpan(0, Math.Min(bytes.Length, span.Length)).CopyTo(span);
                break;
            case StringConstant s:
                Heap.Write(address, 8, StringAddress(s.Value));
                break;
            case ListConstant l:
                for (int i = 0; i < l.Items.Count; i++)
                    WriteConstant(address + Layout.OffsetOf(type, i), Layout.ElementType(type, i), l.Items[i]);
                break;
        }
    }
}
