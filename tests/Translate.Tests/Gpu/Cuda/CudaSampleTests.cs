using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.Gpu.Cuda;

/// <summary>
/// Every sample on an NVIDIA GPU gives the interpreter's output and exit status. Needs a GPU and its
/// driver: skipped, with the device's reason, where there is none (as on the machines this was
/// written on, so it has not run yet).
/// </summary>
public class CudaSampleTests : GpuTestBase
{
    [CudaTheory]
    [MemberData(nameof(Samples))]
    public void A_sample_on_the_gpu_prints_what_the_interpreter_prints(string name)
    {
        var program = LiftSample(name);
        Assert.Equal(Run("interp", program), Run("cuda", program));
    }

    private static (int Status, string Stdout) Run(string device, CheckedModule program)
    {
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find(device)!.Run(program, new RunOptions([], stdout, TextWriter.Null));
        return (status, stdout.ToString());
    }
}

/// <summary>A theory that runs on the cuda device; skipped, with the device's reason, when it is unavailable.</summary>
public sealed class CudaTheoryAttribute : TheoryAttribute
{
    public CudaTheoryAttribute()
    {
        if (DeviceRegistry.Find("cuda")?.UnavailableReason is { } why) Skip = "cuda device unavailable: " + why;
    }
}
