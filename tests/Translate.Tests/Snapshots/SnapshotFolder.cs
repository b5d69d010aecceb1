namespace Translate.Tests.Snapshots;

/// <summary>
/// Where the snapshot data lives: <c>tests/snapshots/FOLDER/NAME.lisp</c> beside <c>NAME.out</c>, with the
/// folder's pipeline named once in <c>FOLDER/pipeline.txt</c> (as turnt names it in <c>turnt.toml</c>).
/// The data is read from the source tree (found by walking up to Translate.sln) so that updating
/// snapshots (<see cref="Snapshot"/>) rewrites the files a human reviews and commits.
/// </summary>
internal static class SnapshotFolder
{
    public static string Root { get; } = Path.Combine(Repository.Root, "tests", "snapshots");

    /// <summary>Every input, as a path relative to the snapshot root with '/' separators (e.g. <c>errors/arity.lisp</c>).</summary>
    public static IEnumerable<string> Inputs() =>
        Directory.EnumerateFiles(Root, "*.lisp", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string ExpectedPath(string input) => Path.ChangeExtension(FullPath(input), ".out");

    /// <summary>The pipeline named in the input's folder.</summary>
    public static string PipelineOf(string input)
    {
        var file = Path.Combine(Path.GetDirectoryName(FullPath(input))!, "pipeline.txt");
        if (!File.Exists(file)) throw new InvalidOperationException($"{input}: its folder has no pipeline.txt");
        return File.ReadAllText(file).Trim();
    }
}
