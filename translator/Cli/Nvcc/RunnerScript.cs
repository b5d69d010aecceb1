namespace Translate.Cli.Nvcc;

/// <summary>
/// The "executable" <c>translate nvcc … -o EXE</c> makes until build mode exists: a shell script that runs the
/// lifted program (kept beside it as <c>EXE.lisp</c>) with <c>translate run</c>, passing its arguments on.
/// </summary>
internal static class RunnerScript
{
    public static string Text(string irPath, IReadOnlyList<string> sources, IReadOnlyList<string> recorded) => $$"""
        #!/bin/sh
        # Made by 'translate nvcc' from {{string.Join(" ", sources)}}.
        # Not a native executable: it runs the lifted IR beside it with 'translate run' on the
        # interpreter (native linking comes with build mode). nvcc flags recorded, without effect:
        #   {{(recorded.Count == 0 ? "(none)" : string.Join(" ", recorded))}}
        exec {{TranslateCommand()}} run --device "${TRANSLATE_DEVICE:-interp}" {{Quote(Path.GetFullPath(irPath))}} -- "$@"

        """;

    /// <summary>How to start translate again: the repository's ./translate script when this build is its, else dotnet and this assembly.</summary>
    private static string TranslateCommand()
    {
        string script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "translate"));
        if (File.Exists(script)) return Quote(script);
        string dll = Path.Combine(AppContext.BaseDirectory, "translate.dll");
        return $"{Quote(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")} {Quote(dll)}";
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
