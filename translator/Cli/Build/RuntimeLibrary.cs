namespace Translate.Cli.Build;

/// <summary>
/// Finds the CUDA runtime library that build-mode executables link against (libtranslate-cudart.so,
/// published from runtime/Native with NativeAOT): TRANSLATE_RUNTIME_LIBRARY when set, otherwise the one beside
/// translate.dll (the .NET tool package carries it), otherwise the repository's .build/native, built (or rebuilt
/// when stale) by scripts/build-runtime.sh.
/// </summary>
internal static class RuntimeLibrary
{
    public const string FileName = "libtranslate-cudart.so";

    /// <summary>
    /// <see cref="Locate"/> on another thread, its log kept to be printed when the link needs the library: started with a build, the
    /// staleness check of the repository's library (a script and a <c>find</c>, about 50 ms) overlaps the compilation.
    /// </summary>
    public static Task<Located> StartLocating(bool verbose) => Task.Run(() =>
    {
        var log = new StringWriter();
        var (path, problem) = Locate(verbose, log);
        return new Located(path, problem, log.ToString());
    });

    /// <summary>The library's path, or null with the reason, and what locating it printed.</summary>
    public sealed record Located(string? Path, string? Problem, string Log);

    /// <summary>The library's path, or null with the reason.</summary>
    public static (string? Path, string? Problem) Locate(bool verbose, TextWriter log)
    {
        var given = Environment.GetEnvironmentVariable("TRANSLATE_RUNTIME_LIBRARY");
        if (!string.IsNullOrEmpty(given))
            return File.Exists(given) ? (Path.GetFullPath(given), null) : (null, $"TRANSLATE_RUNTIME_LIBRARY names '{given}', which does not exist");
        var packaged = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(packaged)) return (packaged, null);
        var script = FindBuildScript();
        if (script is null)
            return (null, $"{FileName} was not found: set TRANSLATE_RUNTIME_LIBRARY, or run translate from its source tree (scripts/build-runtime.sh builds it)");
        var result = ToolRunner.Run(script, [], verbose, log);
        var path = result.Stdout.Trim();
        if (result.ExitCode != 0 || !File.Exists(path))
            return (null, $"building {FileName} failed:\n{result.Stderr.TrimEnd()}");
        return (path, null);
    }

    private static string? FindBuildScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "scripts", "build-runtime.sh");
            if (File.Exists(script)) return script;
        }
        return null;
    }
}
