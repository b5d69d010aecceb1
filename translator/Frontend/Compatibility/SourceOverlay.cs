using System.Text.Json;

namespace Translate.Frontend.Compatibility;

/// <summary>
/// Corrected copies of source files, shown to clang in place of the originals through a VFS overlay
/// (<c>-ivfsoverlay</c>): the same paths, so includes, diagnostics and debug information keep naming the user's
/// files, which are never written. The copies live in a temporary folder removed when the process exits.
/// </summary>
public sealed class SourceOverlay
{
    /// <summary>clang's arguments that put the copies in place.</summary>
    public IReadOnlyList<string> Arguments { get; }

    private SourceOverlay(string overlayFile) => Arguments = ["-ivfsoverlay", overlayFile];

    /// <summary>Writes the copies (full path → text) and the overlay that maps each original path to its copy.</summary>
    public static SourceOverlay Write(IReadOnlyDictionary<string, string> texts)
    {
        var folder = Directory.CreateTempSubdirectory("translate-nvcc-fixes-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } };
        static string Q(string s) => "\"" + JsonEncodedText.Encode(s) + "\"";
        var roots = new List<string>();
        int n = 0;
        foreach (var group in texts.GroupBy(t => Path.GetDirectoryName(Path.GetFullPath(t.Key))!))
        {
            var contents = new List<string>();
            foreach (var (path, text) in group)
            {
                string copy = Path.Combine(folder, $"{n++}-{Path.GetFileName(path)}");
                File.WriteAllText(copy, text);
                contents.Add($"{{\"name\": {Q(Path.GetFileName(path))}, \"type\": \"file\", \"external-contents\": {Q(copy)}}}");
            }
            foreach (var directory in Spellings(group.Key))
                roots.Add($"{{\"name\": {Q(directory)}, \"type\": \"directory\", \"contents\": [{string.Join(", ", contents)}]}}");
        }
        string overlay = $"{{\"version\": 0, \"use-external-names\": false, \"roots\": [{string.Join(", ", roots)}]}}";
        string overlayFile = Path.Combine(folder, "overlay.json");
        File.WriteAllText(overlayFile, overlay);
        return new SourceOverlay(overlayFile);
    }

    /// <summary>
    /// The ways clang may spell <paramref name="directory"/>: as .NET resolves it (the physical path), and under the
    /// logical working directory ($PWD), which LLVM prefers when it names the same directory — so a program compiled by a
    /// relative path inside a symlinked tree finds its corrected headers too.
    /// </summary>
    private static IEnumerable<string> Spellings(string directory)
    {
        yield return directory;
        string cwd = Environment.CurrentDirectory;
        if (Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && pwd != cwd
            && (directory == cwd || directory.StartsWith(cwd + "/", StringComparison.Ordinal)))
            yield return pwd + directory[cwd.Length..];
    }
}
