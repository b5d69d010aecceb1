using System.Text;
using Translate.Backends.SpirV.Grammar;

namespace Translate.Backends.SpirV.Emission;

/// <summary>
/// The words of one SPIR-V module, kept in the sections the specification orders (capabilities,
/// extensions, imports, memory model, entry points, execution modes, names, decorations, types/constants/
/// globals, functions), with ids handed out once and types and constants made once each.
/// </summary>
internal sealed class ModuleBuilder
{
    private uint _nextId = 1;
    private readonly SortedSet<Capability> _capabilities = [Capability.Addresses, Capability.Kernel, Capability.Int64];
    private readonly List<uint> _imports = [];
    private readonly List<uint> _executionModes = [];
    private readonly List<uint> _names = [];
    private readonly List<uint> _decorations = [];
    private readonly List<uint> _globals = [];
    private readonly Dictionary<string, uint> _cache = [];
    private uint _openClStd;

    public List<uint> Functions { get; } = [];

    public uint NewId() => _nextId++;

    public void Require(Capability c) => _capabilities.Add(c);

    /// <summary>The id of the OpenCL.std import, made on first use.</summary>
    public uint OpenClStd
    {
        get
        {
            if (_openClStd != 0) return _openClStd;
            _openClStd = NewId();
            Emit(_imports, Op.ExtInstImport, [_openClStd, .. Str("OpenCL.std")]);
            return _openClStd;
        }
    }

    public static void Emit(List<uint> section, Op op, params uint[] operands)
    {
        section.Add(((uint)(operands.Length + 1) << 16) | (uint)op);
        section.AddRange(operands);
    }

    /// <summary>A literal string: UTF-8, NUL-terminated, padded to whole words.</summary>
    public static uint[] Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var words = new uint[bytes.Length / 4 + 1];
        for (int i = 0; i < bytes.Length; i++) words[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
        return words;
    }

    public void Name(uint id, string name) => Emit(_names, Op.Name, [id, .. Str(name)]);
    public void MemberName(uint type, int member, string name) => Emit(_names, Op.MemberName, [type, (uint)member, .. Str(name)]);
    public void Decorate(uint id, Decoration d, params uint[] extra) => Emit(_decorations, Op.Decorate, [id, (uint)d, .. extra]);
    /// <summary>A kernel entry point; its interface (the built-ins used anywhere) is written by <see cref="ToBytes"/>.</summary>
    public void EntryPoint(uint function, string name) => _kernels.Add((function, name));
    private readonly List<(uint Function, string Name)> _kernels = [];
    public void ExecutionMode(uint function, ExecutionMode mode, params uint[] extra) =>
        Emit(_executionModes, Op.ExecutionMode, [function, (uint)mode, .. extra]);

    /// <summary>A type, constant or module-scope variable instruction, made once per key.</summary>
    private uint Cached(string key, Op op, Func<uint, uint[]> operands)
    {
        if (_cache.TryGetValue(key, out var id)) return id;
        id = NewId();
        _cache[key] = id;
        Emit(_globals, op, operands(id));
        return id;
    }

    public uint TypeVoid() => Cached("void", Op.TypeVoid, id => [id]);
    public uint TypeBool() => Cached("bool", Op.TypeBool, id => [id]);

    public uint TypeInt(int bits)
    {
        if (bits == 8) Require(Capability.Int8);
        if (bits == 16) Require(Capability.Int16);
        return Cached($"i{bits}", Op.TypeInt, id => [id, (uint)bits, 0]);
    }

    public uint TypeFloat(int bits)
    {
        if (bits == 16) Require(Capability.Float16);
        if (bits == 64) Require(Capability.Float64);
        return Cached($"f{bits}", Op.TypeFloat, id => [id, (uint)bits]);
    }

    public uint TypeVector(uint element, int n) => Cached($"v{n}:{element}", Op.TypeVector, id => [id, element, (uint)n]);
    public uint TypePointer(StorageClass sc, uint pointee) => Cached($"p{(int)sc}:{pointee}", Op.TypePointer, id => [id, (uint)sc, pointee]);
    public uint TypeArray(uint element, long n) { uint len = ConstInt(32, (ulong)n); return Cached($"a{n}:{element}", Op.TypeArray, id => [id, element, len]); }
    public uint TypeFunction(uint ret, IReadOnlyList<uint> parameters) =>
        Cached($"fn{ret}({string.Join(",", parameters)})", Op.TypeFunction, id => [id, ret, .. parameters]);

    /// <summary>Structs are nominal: one id per name, members filled in when first laid out.</summary>
    public bool TryGetStruct(string name, out uint id) => _cache.TryGetValue("struct " + name, out id);
    public uint TypeStruct(string key, IReadOnlyList<uint> members) => Cached("struct " + key, Op.TypeStruct, id => [id, .. members]);

    public uint ConstInt(int bits, ulong value)
    {
        uint type = TypeInt(bits);
        if (bits < 64) value &= (1UL << bits) - 1;  // signedness 0: high bits are zero
        return bits == 64
            ? Cached($"ci64:{value}", Op.Constant, id => [type, id, (uint)value, (uint)(value >> 32)])
            : Cached($"ci{bits}:{value}", Op.Constant, id => [type, id, (uint)value]);
    }

    public uint ConstFloat(int bits, double value)
    {
        uint type = TypeFloat(bits);
        return bits switch
        {
            64 => Cached($"cf64:{BitConverter.DoubleToUInt64Bits(value)}", Op.Constant,
                id => [type, id, (uint)BitConverter.DoubleToUInt64Bits(value), (uint)(BitConverter.DoubleToUInt64Bits(value) >> 32)]),
            16 => Cached($"cf16:{BitConverter.HalfToUInt16Bits((Half)value)}", Op.Constant, id => [type, id, BitConverter.HalfToUInt16Bits((Half)value)]),
            _ => Cached($"cf32:{BitConverter.SingleToUInt32Bits((float)value)}", Op.Constant, id => [type, id, BitConverter.SingleToUInt32Bits((float)value)]),
        };
    }

    public uint ConstBool(bool v) { uint t = TypeBool(); return Cached($"cb{v}", v ? Op.ConstantTrue : Op.ConstantFalse, id => [t, id]); }
    public uint ConstNull(uint type) => Cached($"null:{type}", Op.ConstantNull, id => [type, id]);
    public uint ConstComposite(uint type, IReadOnlyList<uint> parts) =>
        Cached($"cc{type}:{string.Join(",", parts)}", Op.ConstantComposite, id => [type, id, .. parts]);

    /// <summary>A module-scope variable (never cached: each is its own object).</summary>
    public uint GlobalVariable(uint pointerType, StorageClass sc, uint? initializer = null)
    {
        uint id = NewId();
        Emit(_globals, Op.Variable, initializer is { } init ? [pointerType, id, (uint)sc, init] : [pointerType, id, (uint)sc]);
        return id;
    }

    public byte[] ToBytes(IReadOnlyList<uint> interfaceIds)
    {
        var entryPoints = new List<uint>();
        foreach (var (fn, name) in _kernels)
            Emit(entryPoints, Op.EntryPoint, [(uint)ExecutionModel.Kernel, fn, .. Str(name), .. interfaceIds]);
        var words = new List<uint> { SpirVGrammarInfo.MagicNumber, 0x00010000u, 0, _nextId, 0 };
        foreach (var c in _capabilities) Emit(words, Op.Capability, (uint)c);
        words.AddRange(_imports);
        Emit(words, Op.MemoryModel, (uint)AddressingModel.Physical64, (uint)MemoryModel.OpenCL);
        words.AddRange(entryPoints);
        words.AddRange(_executionModes);
        words.AddRange(_names);
        words.AddRange(_decorations);
        words.AddRange(_globals);
        words.AddRange(Functions);
        var bytes = new byte[words.Count * 4];
        for (int i = 0; i < words.Count; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), words[i]);
        return bytes;
    }
}
