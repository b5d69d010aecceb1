namespace Translate.Tests.BuildMode;

/// <summary>
/// Build mode needs clang-19 (host compilation and linking) and the dotnet SDK (to publish the runtime
/// library with NativeAOT the first time); without them its tests skip and say which is missing.
/// </summary>
internal static class BuildModeRequirements
{
    public static string? Missing { get; } = Find();

    private static string? Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        if (!path.Any(d => File.Exists(Path.Combine(d, "clang++-19")))) return "clang++-19 is not installed (Debian package clang-19)";
        if (!path.Any(d => File.Exists(Path.Combine(d, "dotnet")))) return "the dotnet command is not on PATH, so the runtime library cannot be published";
        return null;
    }
}

public sealed class BuildModeFactAttribute : FactAttribute
{
    public BuildModeFactAttribute()
    {
        if (BuildModeRequirements.Missing is { } why) Skip = why;
    }
}

public sealed class BuildModeTheoryAttribute : TheoryAttribute
{
    public BuildModeTheoryAttribute()
    {
        if (BuildModeRequirements.Missing is { } why) Skip = why;
    }
}
