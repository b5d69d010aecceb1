namespace Translate.Tests.Snapshots;

/// <summary>
/// Turnt-style snapshots: each <c>tests/snapshots/FOLDER/NAME.lisp</c> run through its folder's
/// pipeline must give exactly <c>NAME.out</c> (compared, and rewritten on request, by <see cref="Snapshot"/>).
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> Inputs() => new(SnapshotFolder.Inputs());

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Output_matches_the_snapshot(string input)
    {
        var actual = SnapshotPipelines.Run(SnapshotFolder.PipelineOf(input), File.ReadAllBytes(SnapshotFolder.FullPath(input)), input);
        Snapshot.Matches(SnapshotFolder.ExpectedPath(input), actual);
    }

    [Fact]
    public void Every_snapshot_folder_has_inputs_and_every_output_has_its_input()
    {
        Assert.NotEmpty(SnapshotFolder.Inputs());
        foreach (var output in Directory.EnumerateFiles(SnapshotFolder.Root, "*.out", SearchOption.AllDirectories))
            Assert.True(File.Exists(Path.ChangeExtension(output, ".lisp")), $"{output} is left over: its .lisp is gone");
    }

    [Theory]
    [InlineData("roundtrip", 15)]
    [InlineData("errors", 10)]
    [InlineData("check-errors", 10)]
    public void A_folder_holds_enough_cases(string folder, int atLeast)
    {
        Assert.True(SnapshotFolder.Inputs().Count(i => i.StartsWith(folder + "/", StringComparison.Ordinal)) >= atLeast);
    }
}
