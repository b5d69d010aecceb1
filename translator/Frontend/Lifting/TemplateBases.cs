using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// The base classes of implicitly instantiated class templates (<c>Accessor&lt;float, 2&gt; : AccessorBase&lt;T, N&gt;</c>),
/// which libclang 19 does not show: an implicit instantiation has no children, and its template's base specifiers
/// still name the parameters. Every base named by a class template inherits its injected-class-name into the derived
/// class, so <c>Accessor&lt;float, 2&gt;::AccessorBase</c> is exactly the base sub-object's class. The lifter asks for
/// the bases it cannot see (<see cref="Find"/> records what it does not know yet); the file is then parsed again with
/// one alias per base appended (<see cref="Append"/>), and the next lift finds each base through its alias. A line clang
/// rejects (a derived class no name at namespace scope reaches, a base that is not a named template) leaves that
/// base unknown, and the inheritance is refused as before.
/// </summary>
internal sealed class TemplateBases
{
    private const string AliasPrefix = "__tr_base_";

    /// <summary>What was asked, in order: the derived class as clang spells it, and per base specifier the
    /// injected-class-name to reach it by (null when the base is not a named template).</summary>
    private readonly List<(string Derived, string?[] Names)> _asked = [];
    private readonly Dictionary<string, int> _index = [];

    /// <summary>How many requests the current parse's appended text answers (those before it are in it; 0: nothing
    /// appended yet). The parses with aliases are not reported: clang's diagnostics about the user's code are the first parse's.</summary>
    private int _appended;

    /// <summary>Per parse (translation unit handle): the appended aliases found in it, by request and base.</summary>
    private readonly Dictionary<nint, Dictionary<(int Request, int Base), ClangType>> _aliases = [];

    /// <summary>Whether some base was asked for that the current parse's appended text does not name yet.</summary>
    public bool HasUnanswered => _asked.Count > _appended;

    /// <summary>
    /// The base class <paramref name="index"/> of <paramref name="derived"/>, found through the appended alias in
    /// the derived class's own parse; null when it is not known (yet), in which case the whole class is asked for.
    /// </summary>
    public ClangType? Find(ClangType derived, int index, IReadOnlyList<Cursor> patternBases)
    {
        string spelling = derived.Canonical.Spelling;
        if (!_index.TryGetValue(spelling, out int request))
        {
            request = _asked.Count;
            _index[spelling] = request;
            _asked.Add((spelling, patternBases.Select(b => InjectedName(b.Type.Spelling)).ToArray()));
            return null;
        }
        var decl = derived.Canonical.Declaration;
        var aliases = AliasesOf(decl.TranslationUnitRoot);
        return aliases.TryGetValue((request, index), out var found) && found.Kind == TypeKind.Record && found.SizeOf >= 0 ? found : null;
    }

    /// <summary>The main file's text (<paramref name="original"/>, as first parsed) with an alias appended for every base
    /// asked for so far.</summary>
    public string Append(string original)
    {
        var text = new System.Text.StringBuilder(original);
        if (!original.EndsWith('\n')) text.Append('\n');
        for (int r = 0; r < _asked.Count; r++)
            for (int b = 0; b < _asked[r].Names.Length; b++)
                if (_asked[r].Names[b] is { } name)
                    text.Append($"using {AliasPrefix}{r}_{b} = {_asked[r].Derived}::{name};\n");
        _appended = _asked.Count;
        _aliases.Clear();
        return text.ToString();
    }

    private Dictionary<(int, int), ClangType> AliasesOf(Cursor root)
    {
        var tu = root.TranslationUnitHandle;
        if (_aliases.TryGetValue(tu, out var known)) return known;
        var found = new Dictionary<(int, int), ClangType>();
        if (_appended > 0)
            foreach (var c in root.Children)
            {
                if (c.Kind is not (CursorKind.TypeAliasDecl or CursorKind.TypedefDecl) || !c.Spelling.StartsWith(AliasPrefix, StringComparison.Ordinal)) continue;
                var parts = c.Spelling[AliasPrefix.Length..].Split('_');
                if (parts.Length == 2 && int.TryParse(parts[0], out int r) && int.TryParse(parts[1], out int b))
                    found[(r, b)] = c.Type.Canonical;
            }
        return _aliases[tu] = found;
    }

    /// <summary>The name a base written as <c>ns::Base&lt;T, N&gt;</c> is inherited under (<c>Base</c>), or null when the
    /// base is not written as a named template specialization (<c>typename Traits&lt;T&gt;::Base</c>, a parameter).</summary>
    private static string? InjectedName(string written)
    {
        string s = written.Trim();
        if (s.StartsWith("typename ", StringComparison.Ordinal)) return null;
        int open = s.IndexOf('<');
        if (open <= 0 || !s.EndsWith('>')) return null;
        string name = s[..open].Trim();
        int scope = name.LastIndexOf("::", StringComparison.Ordinal);
        if (scope >= 0) name = name[(scope + 2)..];
        return name.Length > 0 && name.All(ch => char.IsLetterOrDigit(ch) || ch == '_') && !char.IsDigit(name[0]) ? name : null;
    }
}
