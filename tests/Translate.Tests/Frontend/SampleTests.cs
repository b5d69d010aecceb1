using Translate.Frontend;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>Every program in cuda-samples/ lifts, type-checks, and passes its own check on the interpreter.</summary>
public class SampleTests : FrontendTestBase
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(RepositoryRoot, "cuda-samples")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, name + ".cu"))) data.Add(name);
        }
        return data;
    }

    private static FrontendResult LiftSample(string name) =>
        CudaFrontend.Translate(Path.Combine(RepositoryRoot, "cuda-samples", name, name + ".cu"));

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
}
