using Translate.Frontend;
using Translate.Runtime.Devices;

namespace Translate.Tests.Cpu;

/// <summary>
/// Every program in cuda-samples/ (lifted by the CUDA frontend) prints the same text and exits with the
/// same status on the cpu device as on the interpreter, the reference; and that text says PASSED.
/// </summary>
public class SampleDifferentialTests
{

    private static IEnumerable<string> AllSamples() =>
        Repository.SampleNames.Select(name => $"cuda-samples/{name}/{name}.cu");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in AllSamples()) data.Add(file);
        return data;
    }

    [CpuTheory]
    [MemberData(nameof(Samples))]
    public void Sample_on_cpu_matches_the_interpreter(string relativePath)
    {
        var result = CudaFrontend.Translate(Path.Combine(Repository.Root, relativePath), new FrontendOptions());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var reference = Run("interp", result);
        var cpu = Run("cpu", result);
        Assert.Equal(reference.Stdout, cpu.Stdout);
        Assert.Equal(reference.Status, cpu.Status);
        Assert.Equal(0, cpu.Status);
        Assert.Contains("Test PASSED", cpu.Stdout);
    }

    private static (string Stdout, int Status) Run(string device, FrontendResult result)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        int status = DeviceRegistry.Find(device)!.Run(result.Checked!, new RunOptions([], stdout, new StringWriter()));
        return (stdout.ToString(), status);
    }
}
