using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;
using Xunit.Abstractions;

namespace Translate.Tests.Frontend;

/// <summary>
/// Every program in cuda-samples/ (every folder holding FOLDER/FOLDER.cu, found when the tests run)
/// lifts, type-checks, and passes its own check on the interpreter; on the CPU device each one
/// either passes or is refused openly, and the outcome is written to the test output.
/// </summary>
public class SampleTests(ITestOutputHelper output) : FrontendTestBase
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

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_passes_on_the_interpreter(string name)
    {
        var result = LiftSample(name);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var device = DeviceRegistry.Find("interp")!;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = device.Run(result.Checked!, new RunOptions([], stdout, stderr));
        Assert.True(status == 0, $"exit {status}\n{stdout}\n{stderr}");
        Assert.Contains("Test PASSED", stdout.ToString());
    }

    [Fact]
    public void The_corpus_holds_at_least_fifteen_samples() =>
        Assert.True(SampleNames().Count >= 15, $"only {SampleNames().Count} samples in cuda-samples/");

    /// <summary>
    /// The CPU device is still growing, so a refusal (a diagnostic or an unsupported construct) is
    /// reported, not failed; a wrong answer is never acceptable, so a run that completes must pass.
    /// </summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_on_the_cpu_device_passes_or_is_refused_openly(string name)
    {
        var device = DeviceRegistry.Find("cpu");
        if (device is null || device.UnavailableReason is not null)
        {
            output.WriteLine($"{name}: cpu device not available ({device?.UnavailableReason ?? "not registered"})");
            return;
        }
        var result = LiftSample(name);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status;
        try
        {
            status = device.Run(result.Checked!, new RunOptions([], stdout, stderr));
        }
        catch (Exception e) when (e is DiagnosticException or InvalidOperationException or NotSupportedException)
        {
            output.WriteLine($"{name}: cpu refused: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return;
        }
        if (status != 0 && !stdout.ToString().Contains("Test FAILED"))
        {
            output.WriteLine($"{name}: cpu refused: exit {status}: {stderr.ToString().Split('\n')[0]}");
            return;
        }
        Assert.True(status == 0, $"wrong result on cpu: exit {status}\n{stdout}\n{stderr}");
        Assert.Contains("Test PASSED", stdout.ToString());
        output.WriteLine($"{name}: cpu PASSED");
    }
}
