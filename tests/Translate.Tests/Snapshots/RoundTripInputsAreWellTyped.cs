namespace Translate.Tests.Snapshots;

/// <summary>
/// The round-trip inputs are realistic programs, not just well-formed text: the type checker accepts
/// every one of them (so they double as examples of correct IR).
/// </summary>
public class RoundTripInputsAreWellTyped
{
    public static TheoryData<string> Inputs() =>
        new(SnapshotFolder.Inputs().Where(i => i.StartsWith("roundtrip/", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_checker_accepts_it(string input)
    {
        var result = SnapshotPipelines.Run("check", File.ReadAllBytes(SnapshotFolder.FullPath(input)), input);
        Assert.True(result == "accepted\n", result);
    }
}
