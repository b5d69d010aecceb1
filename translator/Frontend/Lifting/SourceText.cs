using System.Collections.Concurrent;
using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>Reads source text where libclang leaves a gap: which parts of a <c>for (;;)</c> are present, an <c>asm</c> statement's strings.</summary>
internal static class SourceText
{
    private static readonly ConcurrentDictionary<string, string[]> Files = new();

    /// <summary>Drops cached text (a test may rewrite a file between runs).</summary>
    public static void Forget(string path) => Files.TryRemove(Path.GetFullPath(path), out _);

    /// <summary>Positions (line, column) of the two semicolons inside the parentheses of the for
    /// statement starting at <paramref name="forStart"/>; null when the text cannot be read.</summary>
    public static ((int Line, int Column) First, (int Line, int Column) Second)? ForSemicolons(SourcePosition forStart)
    {
        if (forStart.File.Length == 0 || !File.Exists(forStart.File)) return null;
        var lines = Files.GetOrAdd(Path.GetFullPath(forStart.File), p => File.ReadAllLines(p));
        int line = forStart.Line - 1, col = forStart.Column - 1;
        if (line < 0 || line >= lines.Length || !lines[line].AsSpan(Math.Min(col, lines[line].Length)).StartsWith("for")) return null;
        int depth = 0;
        var found = new List<(int, int)>();
        char quote = '\0';
        for (; line < lines.Length; line++, col = 0)
        {
            var text = lines[line];
            for (; col < text.Length; col++)
            {
                char ch = text[col];
                if (quote != '\0')
                {
                    if (ch == '\\') col++;
                    else if (ch == quote) quote = '\0';
                    continue;
                }
                if (ch is '"' or '\'') { quote = ch; continue; }
                if (ch == '/' && col + 1 < text.Length && text[col + 1] == '/') break;
                if (ch is '(' or '[' or '{') depth++;
                else if (ch is ')' or ']' or '}')
                {
                    if (--depth == 0) return found.Count == 2 ? (found[0], found[1]) : null;
                }
                else if (ch == ';' && depth == 1)
                {
                    found.Add((line + 1, col + 1));
                }
            }
        }
        return null;
    }

    /// <summary>The text from <paramref name="start"/> (its line and column) to the end of its file; null when it cannot be read.</summary>
    public static string? From(SourcePosition start)
    {
        if (start.File.Length == 0 || !File.Exists(start.File)) return null;
        var lines = Files.GetOrAdd(Path.GetFullPath(start.File), p => File.ReadAllLines(p));
        int line = start.Line - 1, col = start.Column - 1;
        if (line < 0 || line >= lines.Length || col > lines[line].Length) return null;
        return string.Join('\n', lines.Skip(line + 1).Take(400).Prepend(lines[line][col..]));
    }
}
