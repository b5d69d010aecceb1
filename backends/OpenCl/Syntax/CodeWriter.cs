using System.Text;

namespace Translate.Backends.OpenCl.Syntax;

/// <summary>
/// Writes indented lines. Output can be captured into a fragment and replayed later, which is how
/// the emitter learns whether an expression needed statements hoisted before it.
/// </summary>
internal sealed class CodeWriter
{
    private readonly Stack<List<(int Indent, string Text)>> _sinks = new();
    private int _indent;

    public CodeWriter() => _sinks.Push([]);

    public void Line(string text) => _sinks.Peek().Add((_indent, text));

    public void Blank()
    {
        var sink = _sinks.Peek();
        if (sink.Count > 0 && sink[^1].Text.Length > 0) sink.Add((0, ""));
    }

    public void Indent() => _indent++;
    public void Dedent() => _indent--;

    /// <summary>Opens <c>header {</c> and indents.</summary>
    public void Open(string header)
    {
        Line(header.Length == 0 ? "{" : header + " {");
        Indent();
    }

    public void Close(string trailer = "")
    {
        Dedent();
        Line("}" + trailer);
    }

    /// <summary>Runs <paramref name="body"/> writing into a fragment instead of the output.</summary>
    public Fragment Capture(Action body)
    {
        _sinks.Push([]);
        int indent = _indent;
        try { body(); }
        finally { _indent = indent; }
        return new Fragment(_sinks.Pop(), indent);
    }

    /// <summary>Writes a captured fragment at the current indentation.</summary>
    public void Replay(Fragment f)
    {
        foreach (var (indent, text) in f.Lines) _sinks.Peek().Add((indent - f.BaseIndent + _indent, text));
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (indent, text) in _sinks.Peek())
        {
            if (text.Length > 0) sb.Append(' ', indent * 4).Append(text);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    internal sealed record Fragment(List<(int Indent, string Text)> Lines, int BaseIndent)
    {
        public bool IsEmpty => Lines.Count == 0;
    }
}
