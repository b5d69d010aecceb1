using Translate.Ir.Model;

namespace Translate.Ir.Verification;

/// <summary>A lexical scope: a block's declarations, chained to the enclosing scope.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, Symbol> _names = [];

    public Scope? Parent { get; } = parent;

    public bool DeclaresHere(string name) => _names.ContainsKey(name);

    public void Add(Symbol s) => _names[s.Name] = s;

    public Symbol? Find(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s._names.TryGetValue(name, out var sym)) return sym;
        return null;
    }
}
