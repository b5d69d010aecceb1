namespace Translate.Cli.Migration;

/// <summary>
/// One .cu file to migrate: where it is (<see cref="Path"/>, as given, for diagnostics), where its outputs
/// go (<see cref="RelativePath"/> under OUTDIR, mirroring the input tree) and its preprocessor flags.
/// </summary>
internal sealed record MigrationInput(string Path, string RelativePath, IReadOnlyList<string> IncludeDirectories, IReadOnlyList<string> Defines)
{
    /// <summary>The flags that change the output, in a stable form (part of the incremental key).</summary>
    public string FlagsKey => string.Join("\0", IncludeDirectories.Select(i => "-I" + i).Concat(Defines.Select(d => "-D" + d)));
}
