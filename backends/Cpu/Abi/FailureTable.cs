using Translate.Ir.Diagnostics;

namespace Translate.Backends.Cpu.Abi;

/// <summary>
/// The runtime errors one compiled module can raise, numbered from <see cref="IdBase"/>: code passes the
/// number, the runtime reads the diagnostic. Numbers depend only on the module (its slot and the order
/// its lowering meets failures), so a module's machine code can be cached and its table stored beside it.
/// </summary>
public sealed class FailureTable(int idBase = 0)
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _gate = new();

    public int IdBase { get; } = idBase;

    public int Add(Diagnostic d)
    {
        lock (_gate)
        {
            _items.Add(d);
            return IdBase + _items.Count - 1;
        }
    }

    /// <summary>The failures in numbering order.</summary>
    public IReadOnlyList<Diagnostic> Items
    {
        get { lock (_gate) return _items.ToList(); }
    }

    public bool TryGet(int id, out Diagnostic d)
    {
        lock (_gate)
        {
            int i = id - IdBase;
            d = i >= 0 && i < _items.Count ? _items[i] : null!;
            return d is not null;
        }
    }
}

/// <summary>All modules' failure tables of one program. Each module gets a slot of ids chosen from its name.</summary>
public sealed class FailureRegistry
{
    private const int SlotBits = 16, Slots = 1 << 15;
    private readonly Dictionary<int, FailureTable> _bySlot = [];
    private readonly Lock _gate = new();

    /// <summary>A fresh table for module <paramref name="name"/> (the same slot, hence ids, in every run unless names collide).</summary>
    public FailureTable Open(string name)
    {
        lock (_gate)
        {
            uint h = 2166136261;
            foreach (char c in name) h = (h ^ c) * 16777619;
            int slot = (int)(h % Slots);
            while (_bySlot.ContainsKey(slot)) slot = (slot + 1) % Slots;
            var table = new FailureTable(slot << SlotBits);
            _bySlot[slot] = table;
            return table;
        }
    }

    public Diagnostic this[int id]
    {
        get
        {
            lock (_gate)
                if (_bySlot.TryGetValue(id >> SlotBits, out var t) && t.TryGet(id, out var d)) return d;
            throw new InvalidOperationException($"no runtime failure numbered {id}");
        }
    }
}
