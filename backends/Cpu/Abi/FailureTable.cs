using Translate.Ir.Diagnostics;

namespace Translate.Backends.Cpu.Abi;

/// <summary>The runtime errors compiled code can raise, numbered: code passes the number, the runtime reads the diagnostic.</summary>
public sealed class FailureTable
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _gate = new();

    public int Add(Diagnostic d)
    {
        lock (_gate)
        {
            _items.Add(d);
            return _items.Count - 1;
        }
    }

    public Diagnostic this[int id]
    {
        get { lock (_gate) return _items[id]; }
    }
}
