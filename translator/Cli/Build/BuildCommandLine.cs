using Translate.Frontend;

namespace Translate.Cli.Build;

/// <summary>
/// The exact <c>translate build</c> command line that builds a .cu file whose host code stays C++ into a native
/// executable (build mode), with the file's own <c>-I</c>/<c>-D</c>/pre-includes; words quoted for a POSIX shell where needed.
/// </summary>
internal static class BuildCommandLine
{
    /// <summary>
    /// For a file that defines <c>main</c>, the <c>translate build</c> line making its executable (a program of several
    /// files names them all in one such line); for any other file, the <c>translate nvcc -c</c> line making its object.
    /// </summary>
    public static string For(string source, FrontendOptions? cuda, bool definesMain = true)
    {
        var words = definesMain ? new List<string> { "translate", "build", source } : ["translate", "nvcc", "-c", source];
        foreach (var i in cuda?.IncludeDirectories ?? []) words.AddRange(["-I", i]);
        foreach (var d in cuda?.Defines ?? []) words.AddRange(["-D", d]);
        foreach (var f in cuda?.PreIncludes ?? []) words.AddRange(definesMain ? ["--pre-include", f] : ["-include", f]);
        words.AddRange(["-o", Path.GetFileNameWithoutExtension(source) + (definesMain ? "" : ".o")]);
        return string.Join(" ", words.Select(Quote));
    }

    /// <summary>A word as a shell reads it back: as it is when plain, otherwise in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=+,:@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
