namespace Translate.Tests.Snapshots;

/// <summary>
/// Turnt-style snapshots: each <c>tests/snapshots/FOLDER/NAME.lisp</c> run through its folder's
/// pipeline must give exactly <c>NAME.out</c>. Run with <c>TRANSLATE_UPDATE_SNAPSHOTS=1</c> to rewrite
/// the <c>.out</c> files, then review the diff.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> Inputs() => new(SnapshotFolder.Inputs());

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Output_matches_the_snapshot(string input)
    {
        var actual = SnapshotPipelines.Run(SnapshotFolder.PipelineOf(input), File.ReadAllBytes(SnapshotFolder.FullPath(input)), input);
        var expectedPath = SnapshotFolder.ExpectedPath(input);
        if (SnapshotFolder.UpdateRequested)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"{input} has no .out beside it; run with {SnapshotFolder.UpdateVariable}=1 to create it");
        Assert.Equal(SnapshotFolder.Normalize(File.ReadAllText(expectedPath)), actual);
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
