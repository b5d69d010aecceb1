namespace Translate.Tests;

/// <summary>
/// The source tree the tests run against: found by walking up from the test binaries to Translate.sln,
/// so tests read the cuda-samples corpus and snapshot files where humans edit them.
/// </summary>
internal static class Repository
{
    /// <summary>The folder holding Translate.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every sample <c>cuda-samples/NAME/NAME.cu</c>, by NAME, in ordinal order.</summary>
    public static IReadOnlyList<string> SampleNames { get; } =
        Directory.EnumerateDirectories(Path.Combine(Root, "cuda-samples"))
            .Select(dir => Path.GetFileName(dir))
            .Where(name => File.Exists(SamplePath(name)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Every sample whose host code is real C++ (classes, the standard library), which only build mode
    /// runs: <c>cuda-samples/cxx/NAME/NAME.cu</c>, by NAME.
    /// </summary>
    public static IReadOnlyList<string> CxxSampleNames { get; } =
        Directory.EnumerateDirectories(Path.Combine(Root, "cuda-samples", "cxx"))
            .Select(dir => Path.GetFileName(dir))
            .Where(name => File.Exists(CxxSamplePath(name)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The <c>.cu</c> file of C++ sample <paramref name="name"/>.</summary>
    public static string CxxSamplePath(string name) => Path.Combine(Root, "cuda-samples", "cxx", name, name + ".cu");

    /// <summary>The <c>.cu</c> file of sample <paramref name="name"/>.</summary>
    public static string SamplePath(string name) => Path.Combine(Root, "cuda-samples", name, name + ".cu");

    /// <summary>The text of a snapshot input, e.g. <c>roundtrip/vector_add.lisp</c>.</summary>
    public static string SnapshotText(string relative) =>
        File.ReadAllText(Path.Combine(Root, "tests", "snapshots", relative.Replace('/', Path.DirectorySeparatorChar)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Translate.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find Translate.sln above " + AppContext.BaseDirectory);
    }
}
