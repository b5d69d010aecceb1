using System.Collections.Concurrent;
using Translate.Frontend;
using Translate.Runtime.Devices;

namespace Translate.Tests.Conformance;

/// <summary>What a sample printed and returned on a device (stderr kept for failure messages).</summary>
public sealed record SampleRun(int Status, string Stdout, string Stderr);

/// <summary>Runs a lifted sample on a device; the interpreter's run, the reference, is made once per sample.</summary>
internal static class SampleRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<SampleRun>> References = new();

    /// <summary>The reference run: shared by every device's comparison, so the interpreter runs each sample once.</summary>
    public static SampleRun OnTheInterpreter(string name) =>
        References.GetOrAdd(name, n => new Lazy<SampleRun>(() => Fresh("interp", n))).Value;

    /// <summary>The sample, lifted afresh, run on <paramref name="device"/> (the interpreter's run is the cached reference).</summary>
    public static SampleRun Run(string device, string name) =>
        device == "interp" ? OnTheInterpreter(name) : Fresh(device, name);

    private static SampleRun Fresh(string device, string name)
    {
        var lifted = CudaFrontend.Translate(Repository.SamplePath(name), new FrontendOptions());
        Assert.True(lifted.Success, string.Join("\n", lifted.Diagnostics));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int status = DeviceRegistry.Find(device)!.Run(lifted.Checked!, new RunOptions([], stdout, stderr));
        return new SampleRun(status, stdout.ToString(), stderr.ToString());
    }
}
