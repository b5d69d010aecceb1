using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Ir.Analysis;

/// <summary>
/// Positions in the CUDA source for a module parsed from IR text (build mode embeds device code as text):
/// its nodes carry positions in that text, and only <c>loc</c> forms say where the CUDA statement was.
/// A position maps to the last <c>loc</c> at or before it in the text (the statement it belongs to), or,
/// for a function's header, to the function's first <c>loc</c>.
/// </summary>
public sealed class SourcePositions
{
    private readonly List<(SourceLocation At, SourceLocation Source)> _locs;

    public SourcePositions(IrModule module)
    {
        _locs = module.Functions.Where(f => f.Body is not null)
            .SelectMany(f => IrTraversal.Statements(f.Body!).OfType<LocStmt>())
            .Select(l => (l.Location, l.Source))
            .OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column).ToList();
    }

    /// <summary>The CUDA position of <paramref name="irAt"/>; unchanged when the module has no <c>loc</c> forms or the position is not in its text.</summary>
    public SourceLocation ToSource(SourceLocation irAt)
    {
        if (_locs.Count == 0 || irAt.File != _locs[0].At.File) return irAt;
        int last = -1;
        for (int i = 0; i < _locs.Count && Compare(_locs[i].At, irAt) <= 0; i++) last = i;
        return last >= 0 ? _locs[last].Source : _locs[0].Source;
    }

    /// <summary>A function's CUDA position: its first <c>loc</c>, else its own.</summary>
    public static SourceLocation Of(FunctionDef f) =>
        f.Body is { } body && IrTraversal.Statements(body).OfType<LocStmt>().FirstOrDefault() is { } first ? first.Source : f.Location;

    private static int Compare(SourceLocation a, SourceLocation b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
}
