// TEMPORARY: a stand-in for the API the interp branch delivers (DeviceRegistry). Delete this file
// as soon as that branch is merged; the build then fails with CS0436 if it is still here, so it
// cannot linger unnoticed.
namespace Translate.Runtime.Devices
{
    internal static class DeviceRegistry
    {
        public static IReadOnlyList<IDevice> All { get; } = [];
        public static IDevice? Find(string name) => All.FirstOrDefault(d => d.Name == name);
        public static string DefaultName => "interp";
    }
}
