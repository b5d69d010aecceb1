using Translate.Cli.Options;
using Translate.Runtime.Devices;

namespace Translate.Cli.Commands;

/// <summary><c>translate devices</c>: every device Translate knows, whether it works here, and why not.</summary>
internal sealed class DevicesCommand : Command
{
    public override string Name => "devices";
    public override string Synopsis => "devices";
    public override string Summary => "list the devices and whether each works on this machine";
    public override (int Min, int Max) PositionalCount => (0, 0);

    public override string Details => """
        Each line: NAME, 'available' or 'unavailable', and what the device is; an unavailable
        device is followed by the reason (for example, which library is missing).

        options:
          -h, --help   show this help

        exit status: 0, or 2 for a usage error

        """;

    protected override int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        var devices = DeviceRegistry.All;
        int width = devices.Count == 0 ? 0 : devices.Max(d => d.Name.Length);
        foreach (var d in devices)
        {
            string status = d.UnavailableReason is null ? "available  " : "unavailable";
            string isDefault = d.Name == DeviceRegistry.DefaultName ? " (default)" : "";
            stdout.WriteLine($"{d.Name.PadRight(width)}  {status}  {d.Description}{isDefault}");
            if (d.UnavailableReason is { } why)
                stdout.WriteLine($"{new string(' ', width)}  reason: {why}");
        }
        return ExitCodes.Success;
    }
}
