namespace Translate.Tests.Conformance;

/// <summary>
/// What every device must do with every program in cuda-samples/ (host code interpreted, kernels on
/// the device): pass the sample's own check and print exactly what it prints on the reference
/// interpreter, with the same exit status. Each device is one subclass naming it with
/// <see cref="DeviceAttribute"/> (as ILGPU's tests do per accelerator); on a machine without the
/// device the behaviours are skipped with the device's reason.
/// </summary>
public abstract class SampleConformance
{
    /// <summary>Every sample folder, in ordinal order.</summary>
    public static TheoryData<string> Samples() => new(Repository.SampleNames);

    /// <summary>The device this class runs on, from its <see cref="DeviceAttribute"/>.</summary>
    protected string Device => DeviceAttribute.Of(GetType());

    [DeviceTheory]
    [MemberData(nameof(Samples))]
    public void The_sample_passes_and_prints_what_it_prints_on_the_interpreter(string name)
    {
        var run = SampleRuns.Run(Device, name);
        Assert.True(run.Status == 0, $"{Device}: exit {run.Status}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("Test PASSED", run.Stdout);
        var reference = SampleRuns.OnTheInterpreter(name);
        Assert.Equal(reference.Stdout, run.Stdout);
        Assert.Equal(reference.Status, run.Status);
    }
}
