// TEMPORARY: a stand-in for the API the interp branch delivers (DeviceRegistry, InterpDevice).
// Delete this file as soon as that branch's registry is merged; the build then fails with CS0436
// if it is still here, so it cannot linger unnoticed.
using Translate.Interpreter;
using Translate.Ir.Verification;

namespace Translate.Runtime.Devices
{
    internal static class DeviceRegistry
    {
        public static IReadOnlyList<IDevice> All { get; } = [new PendingInterpDevice()];
        public static IDevice? Find(string name) => All.FirstOrDefault(d => d.Name == name);
        public static string DefaultName => "interp";
    }

    internal sealed class PendingInterpDevice : IDevice
    {
        public string Name => "interp";
        public string Description => "the reference interpreter";
        public string? UnavailableReason => null;

        public int Run(CheckedModule program, RunOptions options) =>
            IrInterpreter.Run(program, options.Arguments, options.Stdout, options.Stderr, options.ProgramName).ExitCode;
    }
}
