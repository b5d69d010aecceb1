using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.Gpu.Hip;

/// <summary>
/// Every sample on an AMD GPU gives the interpreter's output and exit status. Needs a GPU and the
/// HIP runtime: skipped, with the device's reason, where there is none (as on the machines this was
/// written on, so it has not run yet).
/// </summary>
public class HipSampleTests : GpuTestBase
{
    [HipTheory]
    [MemberData(nameof(Samples))]
    public void A_sample_on_the_gpu_prints_what_the_interpreter_prints(string name)
    {
        var program = LiftSample(name);
        Assert.Equal(Run("interp", program), Run("hip", program));
    }

    private static (int Status, string Stdout) Run(string device, CheckedModule program)
    {
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find(device)!.Run(program, new RunOptions([], stdout, TextWriter.Null));
        return (status, stdout.ToString());
    }
}

/// <summary>A theory that runs on the hip device; skipped, with the device's reason, when it is unavailable.</summary>
public sealed class HipTheoryAttribute : TheoryAttribute
{
    public HipTheoryAttribute()
    {
        if (DeviceRegistry.Find("hip")?.UnavailableReason is { } why) Skip = "hip device unavailable: " + why;
    }
}
