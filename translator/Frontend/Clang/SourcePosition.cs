namespace Translate.Frontend.Clang;

/// <summary>Where something is in the source, after macro expansion: file, 1-based line and column.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column, bool InSystemHeader)
{
    internal static unsafe SourcePosition From(CXSourceLocation location)
    {
        nint file;
        uint line, column, offset;
        Native.clang_getExpansionLocation(location, &file, &line, &column, &offset);
        string name = file == 0 ? "" : ClangStrings.Take(Native.clang_getFileName(file));
        return new SourcePosition(name, (int)line, (int)column, Native.clang_Location_isInSystemHeader(location) != 0);
    }
}
