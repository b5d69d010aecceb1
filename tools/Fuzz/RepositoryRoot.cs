namespace Translate.Fuzz;

/// <summary>The repository the fuzzer runs in: the nearest folder above the working directory or the binary holding Translate.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("run translate-fuzz inside the Translate repository");

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Translate.sln"))) return dir.FullName;
        return null;
    }
}
