using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Fuzz.Differential;

/// <summary>How one run of a program on one device ended.</summary>
public enum RunEnd
{
    /// <summary>main returned; <see cref="DeviceRun.Stdout"/> and the status are what it printed and returned.</summary>
    Completed,
    /// <summary>A coded diagnostic stopped it (a refusal to compile, or a runtime error such as TR0307).</summary>
    Diagnostic,
    /// <summary>Anything but a diagnostic was thrown: a bug in Translate, whatever the input.</summary>
    Crash,
    /// <summary>It did not finish in the time allowed (every generated program ends quickly).</summary>
    Hang,
    /// <summary>A statically checked target's validator rejected what the backend wrote (<see cref="TargetCheck"/>).</summary>
    Rejected,
}

/// <summary>One device's result for one program, reduced to what is compared.</summary>
public sealed record DeviceRun(string Device, RunEnd End, string Stdout, int Status, string Detail)
{
    /// <summary>The diagnostic code (TRnnnn) or exception type that ended the run, if any.</summary>
    public string? Code { get; init; }

    /// <summary>What must match between devices: the same end, and for a completed run the same output.</summary>
    public string Observable => End switch
    {
        RunEnd.Completed => $"status {Status}\n{Stdout}",
        _ => $"{End} {Code}",
    };

    /// <summary>Runs <paramref name="program"/> on <paramref name="device"/>, giving up after <paramref name="timeout"/>.</summary>
    public static DeviceRun Of(CheckedModule program, IDevice device, TimeSpan timeout)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        DeviceRun? result = null;
        var thread = new Thread(() => result = Run(program, device, stdout, stderr), 64 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        if (!thread.Join(timeout)) return new DeviceRun(device.Name, RunEnd.Hang, "", 0, $"no result after {timeout.TotalSeconds:0} s") { Code = "hang" };
        return result!;
    }

    private static DeviceRun Run(CheckedModule program, IDevice device, StringWriter stdout, StringWriter stderr)
    {
        try
        {
            int status = device.Run(program, new RunOptions([], stdout, stderr));
            return new DeviceRun(device.Name, RunEnd.Completed, stdout.ToString(), status, stderr.ToString());
        }
        catch (DiagnosticException e)
        {
            return new DeviceRun(device.Name, RunEnd.Diagnostic, stdout.ToString(), 1, e.Message) { Code = e.Diagnostics.FirstOrDefault()?.Code.Id };
        }
        catch (Exception e)
        {
            return new DeviceRun(device.Name, RunEnd.Crash, stdout.ToString(), 1, e.ToString()) { Code = e.GetType().Name };
        }
    }
}
