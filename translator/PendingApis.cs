// TEMPORARY: stand-ins for APIs that other branches deliver (TypeChecker on main, DeviceRegistry on
// interp). Delete this file as soon as those branches are merged; the build then fails with CS0436
// if it is still here, so it cannot linger unnoticed.
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Runtime.Devices;

namespace Translate.Ir.Verification
{
    internal static class TypeChecker
    {
        public static CheckedModule Check(IrModule module) => new(module, new TypeLayout(module.Structs), [], [], []);
    }
}

namespace Translate.Runtime.Devices
{
    internal static class DeviceRegistry
    {
        public static IReadOnlyList<IDevice> All { get; } = [];
        public static IDevice? Find(string name) => All.FirstOrDefault(d => d.Name == name);
        public static string DefaultName => "interp";
    }
}
