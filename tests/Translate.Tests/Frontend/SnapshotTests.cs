using Translate.Ir.Parsing;
using Translate.Frontend;
using Translate.Ir.Printing;
using Translate.Tests.Snapshots;

namespace Translate.Tests.Frontend;

/// <summary>
/// The IR lifted from each <c>Frontend/Snapshots/NAME.cu</c> is exactly <c>NAME.lisp</c> beside it.
/// Compared, and rewritten on request, by <see cref="Snapshot"/>.
/// </summary>
public class SnapshotTests : FrontendTestBase
{
    private static string Folder => Path.Combine(RepositoryRoot, "tests", "Translate.Tests", "Frontend", "Snapshots");

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Folder, "*.cu").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Lifted_IR_matches_snapshot(string input)
    {
        var path = Path.Combine(Folder, input);
        var result = CudaFrontend.Translate(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        // Positions name the file as given; the snapshot names it without its folder, laid out again for that name (the
        // printer breaks lines by width, so the checkout's path length must not decide where).
        var text = IrPrinter.Print(IrParser.ParseText(IrPrinter.Print(result.Module!).Replace(path, input), input));
        Snapshot.Matches(Path.ChangeExtension(path, ".lisp"), text);
    }
}
