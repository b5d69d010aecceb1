using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Explicit instantiation definitions of the main file (<c>template void f&lt;int&gt;(int*);</c>,
/// <c>template __global__ void k&lt;float&gt;(float*);</c>, <c>template class C&lt;float&gt;;</c>) made reachable.
/// libclang shows none of the functions they instantiate: a function's explicit instantiation leaves no cursor at all,
/// a class's shows only its template arguments. Kernels launched only from such code would be missing from the
/// device image. So they are found in the tokens, and the file is parsed again with a <see cref="Snippet"/> appended
/// that names each instantiated function: a pointer initialized with <c>&amp;f&lt;int&gt;</c> (the declarator is the
/// instantiation's own, so overloads resolve as written), or for each public member of an instantiated class a probe
/// whose body calls it with arguments of its parameter types. What a snippet line references is the instantiated
/// definition, body included, and <see cref="ModuleLifter.HostVisibleDeviceDeclarations"/> follows it like any
/// other reference. An instantiation none of whose lines resolves is TR0414 where it launches kernels.
/// </summary>
internal sealed class ExplicitInstantiations
{
    /// <summary>One explicit instantiation (or one member of an instantiated class): where it is written, what it
    /// names, whether its code launches kernels, and the snippet lines that try to reach it.</summary>
    private sealed record Entry(SourcePosition At, string What, bool Launches, List<int> Lines);

    private readonly List<Entry> _entries = [];
    private readonly List<string> _lines = [];

    private ExplicitInstantiations(int firstLine) => FirstLine = firstLine;

    /// <summary>What the explicit instantiations name (<c>f&lt;int&gt;</c>, <c>C&lt;float&gt;::run</c>), in source order.</summary>
    public IEnumerable<string> Names => _entries.Select(e => e.What).Distinct();

    /// <summary>The line of the appended text where the snippet starts; clang's diagnostics there are ours.</summary>
    public int FirstLine { get; }

    /// <summary>The text appended to the main file for the second parse.</summary>
    public string Snippet => "template <class __TrT> __TrT &&__tr_arg() noexcept;\n" + string.Join("\n", _lines) + "\n";

    /// <summary>The main file's text with the snippet appended.</summary>
    public string Append(string contents) => contents + (contents.EndsWith('\n') ? "" : "\n") + Snippet;

    /// <summary>The text the file is parsed with (set once <see cref="Append"/> made it), for every parse of it.</summary>
    public string? Contents { get; set; }

    /// <summary>The explicit instantiation definitions in the main file of <paramref name="tu"/> (whose text is
    /// <paramref name="contents"/>), or null when it has none.</summary>
    public static ExplicitInstantiations? Find(TranslationUnit tu, string contents, SourceMap source)
    {
        var tokens = WithoutDirectives(tu.MainFileTokens(), contents);
        int lineCount = contents.Count(c => c == '\n') + (contents.EndsWith('\n') ? 0 : 1);
        // +1: the declaration of __tr_arg takes the snippet's first line.
        var found = new ExplicitInstantiations(lineCount + 1);
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Spelling != "template" || tokens[i].Kind != TokenKind.Keyword || tokens[i + 1].Spelling == "<") continue;
            if (i > 0 && tokens[i - 1].Spelling is "extern" or "." or "->" or "::") continue; // a declaration, or a disambiguator
            int end = StatementEnd(tokens, i + 1);
            if (end < 0) continue;
            var body = tokens.GetRange(i + 1, end - i - 1);
            if (body.Count > 0 && body[0].Spelling is "class" or "struct" or "union") found.AddClass(tu, body, tokens[i].Position, source);
            else found.AddFunction(tu, body, tokens[i].Position);
        }
        return found._entries.Count == 0 ? null : found;
    }

    /// <summary>TR0414 for every instantiation that launches kernels and that no snippet line reached (clang reported an
    /// error on each of its lines in <paramref name="reparsed"/>).</summary>
    public IEnumerable<Diagnostic> Unreached(IReadOnlyList<ClangDiagnostic> reparsed, SourceMap source, string mainFile)
    {
        var failed = reparsed.Where(d => d.Severity >= ClangSeverity.Error && InSnippet(d.Position, mainFile)).Select(d => d.Position.Line).ToHashSet();
        foreach (var e in _entries.Where(e => e.Launches && e.Lines.All(failed.Contains)))
            yield return new Diagnostic(Codes.ExplicitInstantiationUnreached, source.Locate(e.At),
                $"the explicit instantiation of '{e.What}' launches kernels, but the instantiated code could not be followed (libclang does not show it), so those kernels would be missing from the device image");
    }

    /// <summary>Whether a clang position is in the appended snippet (its diagnostics are not the user's).</summary>
    public bool InSnippet(SourcePosition p, string mainFile) =>
        p.Line >= FirstLine && p.File.Length > 0 && Path.GetFullPath(p.File) == Path.GetFullPath(mainFile);

    private void AddFunction(TranslationUnit tu, List<Token> body, SourcePosition at)
    {
        int open = ParameterListStart(body);
        if (open < 0) return; // a variable template's instantiation: no function
        int nameStart = NameStart(body, open);
        int close = Matching(body, open);
        if (nameStart < 0 || close < 0) { _entries.Add(new Entry(at, Text(body), true, [])); return; }
        string name = Text(body.GetRange(nameStart, open - nameStart));
        var specifiers = DeclarationSpecifiers(body.GetRange(0, nameStart), out bool kernel);
        string parameters = Text(body.GetRange(open, close - open + 1));
        string trailing = Text(body.GetRange(close + 1, body.Count - close - 1));
        string shortName = body[open - 1].Spelling == ">" || body[open - 1].Spelling == ">>" ? body[TemplateArgumentsStart(body, open - 1) - 1].Spelling : body[open - 1].Spelling;
        var entry = new Entry(at, name, kernel || LaunchesFromTemplate(tu, shortName), []);
        int n = _entries.Count;
        entry.Lines.Add(Line($"static {specifiers} (*__tr_explicit_{n})({parameters.Substring(1, parameters.Length - 2)}) {trailing} = &{name};"));
        int qualifier = LastScopeSeparator(body, nameStart, open);
        if (qualifier > 0)
        {
            // A qualified name may be a member function: a pointer to member of the qualifying class.
            string cls = Text(body.GetRange(nameStart, qualifier - nameStart));
            entry.Lines.Add(Line($"static {specifiers} ({cls}::*__tr_explicit_{n}_member)({parameters.Substring(1, parameters.Length - 2)}) {trailing} = &{name};"));
        }
        _entries.Add(entry);
    }

    private void AddClass(TranslationUnit tu, List<Token> body, SourcePosition at, SourceMap source)
    {
        var instantiation = FindClassInstantiation(tu.Root, body.Select(t => t.Position).ToHashSet());
        var pattern = instantiation?.SpecializedTemplate;
        string what = Text(body.Skip(1));
        if (instantiation is not { } cls || pattern is not { Kind: CursorKind.ClassTemplate } template)
        {
            // No class template to probe (the instantiation matched a partial specialization): nothing is followed.
            _entries.Add(new Entry(at, what, pattern is not { IsNull: false } p || tu.Tokens(p).Any(t => t.Spelling == "<<<"), []));
            return;
        }
        string? qualified = QualifiedName(template);
        var parameters = template.Children.Where(c => c.Kind is CursorKind.TemplateTypeParameter or CursorKind.NonTypeTemplateParameter or (CursorKind)29).ToList();
        var templateTokens = tu.Tokens(template).ToList();
        int listEnd = templateTokens.Count > 1 && templateTokens[1].Spelling == "<" ? AngleEnd(templateTokens, 1) : -1;
        bool usable = qualified is not null && listEnd > 0 && parameters.All(p => p.Spelling.Length > 0);
        string arguments = string.Join(", ", parameters.Select(p => p.Spelling + (tu.Tokens(p).Any(t => t.Spelling == "...") ? "..." : "")));
        string parameterList = usable ? Text(templateTokens.GetRange(2, listEnd - 2)) : "";
        foreach (var member in template.Children.Where(c => c.Kind is CursorKind.CXXMethod or CursorKind.Constructor or CursorKind.Destructor or CursorKind.ConversionFunction))
        {
            if (member.Access != CxxAccess.Public || member.IsDefaultedMethod || member.Definition.IsNull) continue;
            bool launches = tu.Tokens(member.Definition).Any(t => t.Spelling == "<<<");
            var entry = new Entry(at, $"{cls.Type.Spelling}::{member.Spelling}", launches, []);
            if (usable)
            {
                int n = _entries.Count;
                string self = $"{qualified}<{arguments}>";
                bool overloaded = template.Children.Count(c => c.Spelling == member.Spelling) > 1;
                entry.Lines.Add(Line($"template <class> struct __tr_probe_{n}; template <{parameterList}> struct __tr_probe_{n}<{self}> {{ static void f() {{ using __tr_self = {self}; {MemberUse(member, overloaded)} }} }}; static void (*__tr_explicit_{n})() = &__tr_probe_{n}<{cls.Type.Spelling}>::f;"));
            }
            _entries.Add(entry);
        }
    }

    /// <summary>A statement that uses <paramref name="member"/> of <c>__tr_self</c>: its address when its name is its own
    /// (parameter types may name the class's own typedefs, which mean nothing outside it), else a call with one
    /// argument of each parameter's type, which picks the overload (constructors and destructors have no address).</summary>
    private static string MemberUse(Cursor member, bool overloaded)
    {
        if (!overloaded && member.Kind is CursorKind.CXXMethod or CursorKind.ConversionFunction) return $"(void)&__tr_self::{member.Spelling};";
        var args = string.Join(", ", Enumerable.Range(0, Math.Max(0, member.ArgumentCount)).Select(i => $"__tr_arg<{member.Argument(i).Type.Spelling}>()"));
        string self = member.IsConstMethod ? "const __tr_self &" : "__tr_self &";
        return member.Kind switch
        {
            CursorKind.Constructor => args.Length == 0 ? "__tr_self __tr_object;" : $"__tr_self __tr_object({args});",
            CursorKind.Destructor => "__tr_arg<__tr_self &>().~__tr_self();",
            _ when member.IsStaticMethod => $"__tr_self::{member.Spelling}({args});",
            _ => $"__tr_arg<{self}>().{member.Spelling}({args});",
        };
    }

    private int Line(string text)
    {
        _lines.Add(text);
        return FirstLine + _lines.Count;
    }

    /// <summary>The explicit instantiation's class cursor: a class whose name is one of the statement's tokens.</summary>
    private static Cursor? FindClassInstantiation(Cursor parent, HashSet<SourcePosition> at)
    {
        foreach (var c in parent.Children)
        {
            if (c.Kind is CursorKind.Namespace or CursorKind.LinkageSpec or CursorKind.UnexposedDecl && FindClassInstantiation(c, at) is { } inner) return inner;
            if (c.Kind is CursorKind.ClassDecl or CursorKind.StructDecl or CursorKind.UnionDecl && at.Contains(c.Position) && !c.SpecializedTemplate.IsNull) return c;
        }
        return null;
    }

    /// <summary>The template's name qualified from the global namespace, or null inside a class or an unnamed scope.</summary>
    private static string? QualifiedName(Cursor template)
    {
        var parts = new List<string> { template.Spelling };
        for (var p = template.SemanticParent; p.Kind != CursorKind.TranslationUnit; p = p.SemanticParent)
        {
            if (p.Kind is CursorKind.Namespace && p.Spelling.Length > 0) parts.Insert(0, p.Spelling);
            else if (p.Kind is not (CursorKind.Namespace or CursorKind.LinkageSpec)) return null;
        }
        return "::" + string.Join("::", parts);
    }

    /// <summary>Whether some function template of that name in the file launches kernels or is one (unknown: yes).</summary>
    private static bool LaunchesFromTemplate(TranslationUnit tu, string name)
    {
        var templates = new List<Cursor>();
        void Collect(Cursor parent)
        {
            foreach (var c in parent.Children)
            {
                if (c.Kind is CursorKind.Namespace or CursorKind.LinkageSpec or CursorKind.UnexposedDecl or CursorKind.ClassTemplate
                    or CursorKind.ClassDecl or CursorKind.StructDecl) Collect(c);
                else if (c.Kind is CursorKind.FunctionTemplate && c.Spelling == name) templates.Add(c);
            }
        }
        Collect(tu.Root);
        return templates.Count == 0 || templates.Any(t => ModuleLifter.Has(t, CursorKind.CUDAGlobalAttr)
            || tu.Tokens(t.Definition.IsNull ? t : t.Definition).Any(x => x.Spelling == "<<<"));
    }

    /// <summary>The tokens outside preprocessing directives (a <c>#define</c> body is not code until expanded).</summary>
    private static List<Token> WithoutDirectives(IReadOnlyList<Token> tokens, string contents)
    {
        var lines = contents.Split('\n');
        var kept = new List<Token>();
        int skipThrough = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Comment || t.Position.Line <= skipThrough) continue;
            bool firstOnLine = i == 0 || tokens[i - 1].Position.Line != t.Position.Line;
            if (t.Spelling == "#" && firstOnLine)
            {
                skipThrough = t.Position.Line;
                while (skipThrough - 1 < lines.Length && lines[skipThrough - 1].TrimEnd('\r', ' ', '\t').EndsWith('\\')) skipThrough++;
                continue;
            }
            kept.Add(t);
        }
        return kept;
    }

    private static int StatementEnd(List<Token> tokens, int from)
    {
        int depth = 0;
        for (int i = from; i < tokens.Count; i++)
        {
            switch (tokens[i].Spelling)
            {
                case "(" or "[": depth++; break;
                case ")" or "]": depth--; break;
                case "{" or "}" when depth == 0: return -1;
                case ";" when depth == 0: return i;
            }
        }
        return -1;
    }

    /// <summary>The '(' opening the parameter list: the first at depth 0 outside template arguments.</summary>
    private static int ParameterListStart(List<Token> body)
    {
        int angle = 0;
        for (int i = 0; i < body.Count; i++)
        {
            var s = body[i].Spelling;
            if (s == "<" && i > 0 && body[i - 1].Kind is TokenKind.Identifier or TokenKind.Keyword) angle++;
            else if (s == ">" && angle > 0) angle--;
            else if (s == ">>" && angle > 0) angle = Math.Max(0, angle - 2);
            else if (s == "(" && angle == 0) return i;
            else if (s == "(") i = Matching(body, i);
            if (i < 0) return -1;
        }
        return -1;
    }

    /// <summary>The first token of the (possibly qualified, possibly templated) name that ends just before <paramref name="open"/>.</summary>
    private static int NameStart(List<Token> body, int open)
    {
        int i = open - 1;
        while (true)
        {
            if (i >= 0 && body[i].Spelling is ">" or ">>") i = TemplateArgumentsStart(body, i) - 1;
            if (i < 0 || body[i].Kind != TokenKind.Identifier) return -1;
            if (i >= 2 && body[i - 1].Spelling == "::" && (body[i - 2].Kind == TokenKind.Identifier || body[i - 2].Spelling is ">" or ">>")) { i -= 2; continue; }
            return i > 0 && body[i - 1].Spelling == "::" ? i - 1 : i;
        }
    }

    /// <summary>The '&lt;' that opens the template arguments closed at <paramref name="close"/> (-1 when none).</summary>
    private static int TemplateArgumentsStart(List<Token> body, int close)
    {
        int depth = 0;
        for (int i = close; i >= 0; i--)
        {
            switch (body[i].Spelling)
            {
                case ">": depth++; break;
                case ">>": depth += 2; break;
                case "<": if (--depth == 0) return i; break;
            }
        }
        return -1;
    }

    /// <summary>The last top-level '::' of the name in [<paramref name="from"/>, <paramref name="to"/>), or -1.</summary>
    private static int LastScopeSeparator(List<Token> body, int from, int to)
    {
        int angle = 0, last = -1;
        for (int i = from; i < to; i++)
        {
            var s = body[i].Spelling;
            if (s == "<") angle++;
            else if (s == ">") angle--;
            else if (s == ">>") angle -= 2;
            else if (s == "::" && angle == 0 && i > from) last = i;
        }
        return last;
    }

    private static int Matching(List<Token> body, int open)
    {
        int depth = 0;
        for (int i = open; i < body.Count; i++)
        {
            if (body[i].Spelling == "(") depth++;
            else if (body[i].Spelling == ")" && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>The index of the '&gt;' closing the '&lt;' at <paramref name="open"/>, counting parentheses.</summary>
    private static int AngleEnd(IReadOnlyList<Token> tokens, int open)
    {
        int angle = 0, paren = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            switch (tokens[i].Spelling)
            {
                case "(": paren++; break;
                case ")": paren--; break;
                case "<" when paren == 0: angle++; break;
                case ">" when paren == 0: if (--angle == 0) return i; break;
                case ">>" when paren == 0: angle -= 2; if (angle <= 0) return angle == 0 ? i : -1; break;
            }
        }
        return -1;
    }

    /// <summary>The declaration specifiers fit for a pointer declaration: CUDA qualifiers, <c>inline</c> and attributes dropped.</summary>
    private static string DeclarationSpecifiers(List<Token> specifiers, out bool kernel)
    {
        kernel = false;
        var kept = new List<Token>();
        for (int i = 0; i < specifiers.Count; i++)
        {
            var s = specifiers[i].Spelling;
            if (s == "__global__") { kernel = true; continue; }
            if (s is "__device__" or "__host__" or "__forceinline__" or "__noinline__" or "inline" or "constexpr" or "static" or "extern") continue;
            if (s is "__launch_bounds__" or "__attribute__" or "__declspec" or "alignas" && i + 1 < specifiers.Count && specifiers[i + 1].Spelling == "(")
            {
                i = Matching(specifiers, i + 1);
                if (i < 0) break;
                continue;
            }
            if (s == "[" && i + 1 < specifiers.Count && specifiers[i + 1].Spelling == "[")
            {
                while (i < specifiers.Count && !(specifiers[i].Spelling == "]" && i > 0 && specifiers[i - 1].Spelling == "]")) i++;
                continue;
            }
            kept.Add(specifiers[i]);
        }
        return Text(kept);
    }

    private static string Text(IEnumerable<Token> tokens) => string.Join(" ", tokens.Select(t => t.Spelling));
}
