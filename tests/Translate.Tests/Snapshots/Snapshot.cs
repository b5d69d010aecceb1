namespace Translate.Tests.Snapshots;

/// <summary>
/// The one way a test compares its output with a committed snapshot file, and the one variable that
/// rewrites snapshots: <c>TRANSLATE_UPDATE_SNAPSHOTS=1</c>, after a deliberate change; then review the diff.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "TRANSLATE_UPDATE_SNAPSHOTS";

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>
    /// Asserts that the file <paramref name="expectedPath"/> holds <paramref name="actual"/> (line ends aside).
    /// When an update is requested, a missing or different file is written first; an equal one is left untouched.
    /// </summary>
    public static void Matches(string expectedPath, string actual)
    {
        if (UpdateRequested && (!File.Exists(expectedPath) || Normalize(File.ReadAllText(expectedPath)) != actual))
            File.WriteAllText(expectedPath, actual);
        Assert.True(File.Exists(expectedPath), $"no snapshot {expectedPath}; run with {UpdateVariable}=1 to create it");
        Assert.Equal(Normalize(File.ReadAllText(expectedPath)), actual);
    }

    /// <summary>Text with line ends made '\n', so a checkout with CRLF still compares equal.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
