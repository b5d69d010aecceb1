using Translate.Frontend;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;

namespace Translate.Tests.Frontend;

/// <summary>
/// Every program in cuda-samples/ (every folder holding FOLDER/FOLDER.cu, found when the tests run)
/// lifts and type-checks, and its printed IR reads back. Running them on each device is
/// <see cref="Conformance.SampleConformance"/>.
/// </summary>
public class SampleTests : FrontendTestBase
{
    /// <summary>The sample folders, in name order.</summary>
    public static TheoryData<string> Samples() => new(SampleNames());

    private static IReadOnlyList<string> SampleNames() => Repository.SampleNames;

    private static FrontendResult LiftSample(string name) =>
        CudaFrontend.Translate(Repository.SamplePath(name));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_lifts_and_type_checks(string name)
    {
        var result = LiftSample(name);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Checked);
        Assert.All(result.Functions, f => Assert.True(f.Translated, f.IrName));
        Assert.NotEmpty(result.Kernels);
        // Its printed text reads back and type-checks too (what `translate check out.lisp` sees).
        var text = IrPrinter.Print(result.Module!);
        TypeChecker.Check(IrParser.ParseText(text, name + ".lisp"));
    }

    [Fact]
    public void The_corpus_holds_at_least_fifteen_samples() =>
        Assert.True(SampleNames().Count >= 15, $"only {SampleNames().Count} samples in cuda-samples/");
}
