using Translate.Frontend;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.OpenCl;

/// <summary>
/// Every program in cuda-samples/ runs whole on the <c>opencl</c> device (host code interpreted, kernels
/// on PoCL), passes its own check, and prints exactly what it prints on the reference interpreter.
/// </summary>
public sealed class SampleTests
{
    public static TheoryData<string> Samples() => new(Repository.SampleNames);

    [OpenClTheory]
    [MemberData(nameof(Samples))]
    public void Sample_passes_on_opencl_with_the_interpreters_output(string name)
    {
        var program = Lift(name);
        var (interpStatus, interpOut) = Run("interp", program);
        var (status, output) = Run("opencl", program);
        Assert.True(status == 0, $"exit {status}\n{output}");
        Assert.Contains("Test PASSED", output);
        Assert.Equal(interpStatus, status);
        Assert.Equal(interpOut, output);
    }

    private static CheckedModule Lift(string name)
    {
        var result = CudaFrontend.Translate(Repository.SamplePath(name), new FrontendOptions());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Checked!;
    }

    private static (int Status, string Stdout) Run(string device, CheckedModule program)
    {
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find(device)!.Run(program, new RunOptions([], stdout, TextWriter.Null));
        return (status, stdout.ToString());
    }
}
