using Translate.Frontend.Clang;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>Turns clang positions into IR source locations and tells user code from library headers.</summary>
internal sealed class SourceMap(string mainFile, string includeDirectory)
{
    private readonly string _mainFull = Path.GetFullPath(mainFile);
    private readonly string _includeFull = Path.GetFullPath(includeDirectory).TrimEnd('/') + "/";

    /// <summary>The name CUDA positions carry in the IR: the file name as the user wrote it.</summary>
    public string DisplayName { get; } = mainFile;

    public SourceLocation Locate(SourcePosition p)
    {
        if (p.Line == 0) return new SourceLocation(DisplayName, 0, 0);
        string file = p.File.Length == 0 || Path.GetFullPath(p.File) == _mainFull ? DisplayName : p.File;
        return new SourceLocation(file, p.Line, p.Column);
    }

    public SourceLocation Locate(Cursor c) => Locate(c.Position);

    /// <summary>True for declarations from our CUDA headers or system headers: their calls are mapped by name.</summary>
    public bool IsLibrary(Cursor declaration)
    {
        var p = declaration.Position;
        return p.InSystemHeader || IsOurHeader(p) || p.File.Length == 0;
    }

    public bool IsOurHeader(SourcePosition p) => p.File.Length > 0 && Path.GetFullPath(p.File).StartsWith(_includeFull, StringComparison.Ordinal);
}
