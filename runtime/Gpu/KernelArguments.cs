using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Runtime.Gpu;

/// <summary>
/// A launch's arguments as cuLaunchKernel and hipModuleLaunchKernel take them (one pointer per
/// parameter, to its bytes): each parameter as our GPU code declares it (8 bytes for a pointer, the
/// scalar's width, the struct's bytes), the same for PTX <c>.param</c>s and AMD kernel arguments.
/// A pointer becomes the device address of the allocation it points into plus its offset (CUDA
/// pointers may point anywhere in an allocation); a null pointer stays null.
/// </summary>
public static class KernelArguments
{
    /// <param name="launch">The launch, its arguments as the interpreter's registers hold them.</param>
    /// <param name="memory">The interpreter's heap, to resolve pointers and read by-value structs.</param>
    /// <param name="layout">The program's type layout (parameter sizes).</param>
    /// <param name="deviceAddress">The device address of a heap allocation, by id; null when it has no device copy (host memory).</param>
    /// <param name="device">The device's name, for the diagnostic when an argument cannot be passed.</param>
    public static byte[][] Pack(KernelLaunch launch, IDeviceMemory memory, TypeLayout layout, Func<int, ulong?> deviceAddress, string device)
    {
        var ps = launch.Kernel.Parameters;
        var packed = new byte[ps.Count][];
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            long value = launch.Arguments[i];
            if (p.Type.IsPointer)
            {
                if (value == 0) { packed[i] = new byte[8]; continue; }
                if (memory.Resolve(value) is not { } at || deviceAddress(at.Id) is not { } address)
                    throw Unsupported(p, device, "a pointer that is not into device memory");
                packed[i] = BitConverter.GetBytes(address + (ulong)at.Offset);
            }
            else if (p.Type.IsAggregate)
            {
                if (layout.ContainsPointer(p.Type)) throw Unsupported(p, device, "a struct holding pointers (their values are host-side addresses)");
                long size = layout.SizeOf(p.Type);
                // An empty struct is one (unread) byte on the GPU targets, as C++'s sizeof says (ModuleLowering.PassesEmptyParameters).
                packed[i] = size == 0 ? new byte[1] : memory.Read(value, size);
            }
            else
            {
                // Registers hold scalars sign-extended (floats as their bits): the low bytes are the value, little-endian.
                packed[i] = BitConverter.GetBytes(value)[..(int)layout.SizeOf(p.Type)];
            }
        }
        return packed;
    }

    private static DiagnosticException Unsupported(Parameter p, string device, string what) =>
        new(new Diagnostic(Codes.CudaUnsupportedArgument, p.Location, $"kernel parameter '{p.Name}' receives {what}; the {device} device cannot pass it"));
}
