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
/// base unknown, and the inheritance is refused as before. The members of an instantiation that virtual calls may
/// reach are found the same way (<see cref="FindMember"/>: a probe calling each, qualified, appended for the next parse).
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

    /// <summary>Whether some base or member was asked for that the current parse's appended text does not name yet.</summary>
    public bool HasUnanswered => _asked.Count > _appended || _probes.Count > _probesAppended;

    private const string ProbePrefix = "__tr_member_";
    private readonly List<string> _probes = [];
    private readonly Dictionary<string, int> _probeIndex = [];
    private int _probesAppended;
    private readonly Dictionary<nint, Dictionary<int, Cursor>> _members = [];

    /// <summary>
    /// The member of class-template instantiation <paramref name="instantiation"/> that overrides virtual method
    /// <paramref name="method"/> (whose instantiated parameter types it shares), or its destructor: libclang shows no
    /// members of an implicit instantiation. The appended text holds a probe, <c>__device__ inline void
    /// __tr_member_N(C *p) { p-&gt;C::m(__tr_probe_arg&lt;P&gt;()…); }</c>, whose call references the instantiated member.
    /// <c>Found</c> is false until a parse holds the probe; then <c>Member</c> is null if clang rejected it.
    /// </summary>
    public (bool Asked, Cursor? Member) FindMember(ClangType instantiation, Cursor method)
    {
        string cls = instantiation.Canonical.Spelling;
        bool destructor = method.Kind == CursorKind.Destructor;
        var types = Enumerable.Range(0, method.ArgumentCount).Select(i => method.Argument(i).Type.Canonical.Spelling).ToList();
        string key = destructor ? $"{cls}|~" : $"{cls}|{method.Spelling}({string.Join(",", types)}){(method.IsConstMethod ? " const" : "")}";
        string self = method.IsConstMethod ? $"const {cls} *p" : $"{cls} *p";
        string call = destructor ? $"p->~{cls}()" : $"p->{cls}::{method.Spelling}({string.Join(", ", types.Select(t => $"__tr_probe_arg<{t}>()"))})";
        return Probe(instantiation, key, self, $"{call};");
    }

    /// <summary>
    /// The constructor of class-template instantiation <paramref name="instantiation"/> that copy-initialization from a
    /// value of type <paramref name="argument"/> calls (<c>Complex&lt;double&gt; c[2] = {1.5, 2.5}</c>: libclang shows
    /// neither the instantiation's members nor the call in the brace list), or with a null <paramref name="argument"/>
    /// the one value-initialization calls (an element a brace list leaves out). The probe is that initialization,
    /// <c>__device__ inline void __tr_member_N() { C __tr_x = __tr_probe_arg&lt;A&gt;(); }</c> (or <c>C __tr_x{};</c>),
    /// so clang's overload resolution picks the constructor, and its call references it. As <see cref="FindMember"/>:
    /// <c>Asked</c> is false until a parse holds the probe; then <c>Member</c> is null when no constructor makes it.
    /// </summary>
    public (bool Asked, Cursor? Member) FindConstructor(ClangType instantiation, ClangType? argument)
    {
        string cls = instantiation.Canonical.Spelling;
        string declaration = $"{cls} __tr_x{(argument is { } a ? $" = __tr_probe_arg<{a.Canonical.Spelling}>()" : "{}")};";
        return Probe(instantiation, $"{cls}|{declaration}", "", $"{declaration} (void)__tr_x;");
    }

    /// <summary>
    /// The constructor direct-initialization of class <paramref name="cls"/> from values of <paramref name="arguments"/>'
    /// types calls (an lvalue as <c>T&amp;</c>): the one an inner brace list of an array or aggregate calls (<c>std::pair&lt;int,
    /// float&gt; p[2] = {{1, 2.f}}</c>), which libclang shows only as the written list, of type void. Parentheses, not braces,
    /// so a constant the list narrows (<c>{1, 2}</c> for <c>(int, float)</c>) is no error in the probe; the two pick the same
    /// constructor but for <c>std::initializer_list</c> ones, which the caller refuses. As <see cref="FindMember"/>.
    /// </summary>
    public (bool Asked, Cursor? Member) FindListConstructor(ClangType cls, IReadOnlyList<(ClangType Type, bool Lvalue)> arguments)
    {
        var values = arguments.Select(a => $"__tr_probe_arg<{a.Type.Canonical.Spelling}{(a.Lvalue ? " &" : "")}>()");
        string declaration = $"{cls.Canonical.Spelling} __tr_x({string.Join(", ", values)});";
        return Probe(cls, $"{cls.Canonical.Spelling}|{declaration}", "", $"{declaration} (void)__tr_x;");
    }

    /// <summary>The probe function <c>__tr_member_N(<paramref name="parameters"/>) { <paramref name="body"/> }</c>, asked once
    /// per <paramref name="key"/>; the member it calls once a parse holds it (see <see cref="FindMember"/>).</summary>
    private (bool Asked, Cursor? Member) Probe(ClangType cls, string key, string parameters, string body)
    {
        if (!_probeIndex.TryGetValue(key, out int probe))
        {
            probe = _probes.Count;
            _probeIndex[key] = probe;
            _probes.Add($"__device__ inline void {ProbePrefix}{probe}({parameters}) {{ {body} }}");
            return (false, null);
        }
        if (probe >= _probesAppended) return (false, null);
        return (true, MembersOf(cls.Canonical.Declaration.TranslationUnitRoot).GetValueOrDefault(probe));
    }

    private Dictionary<int, Cursor> MembersOf(Cursor root)
    {
        var tu = root.TranslationUnitHandle;
        if (_members.TryGetValue(tu, out var known)) return known;
        var found = new Dictionary<int, Cursor>();
        foreach (var c in root.Children)
            if (c.Kind == CursorKind.FunctionDecl && c.Spelling.StartsWith(ProbePrefix, StringComparison.Ordinal)
                && int.TryParse(c.Spelling[ProbePrefix.Length..], out int probe) && Called(c) is { } member)
                found[probe] = member;
        return _members[tu] = found;
    }

    /// <summary>The method, destructor or constructor a probe's body calls (a copy or move constructor only when nothing else
    /// is called: one an older standard adds around the converting constructor's temporary is passed over).</summary>
    private static Cursor? Called(Cursor c) => CalledMember(c, copies: false) ?? CalledMember(c, copies: true);

    private static Cursor? CalledMember(Cursor c, bool copies)
    {
        if (c.Kind is CursorKind.CallExpr or CursorKind.MemberRefExpr && c.Referenced is { IsNull: false } r
            && (r.Kind is CursorKind.CXXMethod or CursorKind.Destructor || r.Kind == CursorKind.Constructor && (copies || !IsCopyOrMove(r))))
            return r;
        foreach (var child in c.Children)
            if (CalledMember(child, copies) is { } found) return found;
        return null;
    }

    private static bool IsCopyOrMove(Cursor constructor) =>
        constructor.ArgumentCount >= 1 && constructor.Argument(0).Type.Canonical is { IsReference: true } p
        && p.Pointee.Canonical.Spelling.Replace("const ", "") == constructor.SemanticParent.Type.Canonical.Spelling.Replace("const ", "");

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
        // A base that is another specialization of the derived class's own template (recursive variadic inheritance,
        // std::tuple's _Tuple_impl<I, H, T...> : _Tuple_impl<I + 1, T...>) has the derived class's name: the injected
        // name found is then the derived class itself, not its base, and is no answer.
        return aliases.TryGetValue((request, index), out var found) && found.Kind == TypeKind.Record && found.SizeOf >= 0
            && found.Canonical.Spelling != spelling ? found : null;
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
        if (_probes.Count > 0) text.Append("template <class __TrT> __device__ __TrT &&__tr_probe_arg() noexcept;\n");
        foreach (var probe in _probes) text.Append(probe).Append('\n');
        _appended = _asked.Count;
        _probesAppended = _probes.Count;
        _aliases.Clear();
        _members.Clear();
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
